import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { violation } from './violation';

/** `application/json`, any parameters (charset) and any case. Source: docs/CONTRACT.md § Schemas. */
export const jsonContentType: Check = {
  name: 'json_content_type',
  ...RULES.json_content_type,
  run(exchange) {
    const { bodyText, headers } = exchange.response;
    if (bodyText.length === 0) return [];
    const contentType = headers['content-type'];
    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return [];
    return [
      violation(this, `Content-Type: ${contentType ?? '(none)'}`, 'Content-Type: application/json'),
    ];
  },
};
