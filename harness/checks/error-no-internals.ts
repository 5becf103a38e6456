import { INTERNAL_DETAIL_PATTERNS } from '../../contract/decisions';
import { RULES } from '../../contract/rules';
import { redact } from '../secrets/redact';
import { holdsSecret } from '../secrets/secret-forms';
import { truncate } from '../text/truncate';
import type { Check } from './types';
import { violation } from './violation';

/** Error bodies show no stack trace, file:line frame, SQL, or the credential sent. */
export const errorNoInternals: Check = {
  name: 'error_no_internals',
  ...RULES.error_no_internals,
  run(exchange, context) {
    const { status, bodyText } = exchange.response;
    if (status < 400) return [];
    const found: string[] = [];
    if (context.secrets.some((secret) => holdsSecret(bodyText, secret)))
      found.push('the credential that was sent');
    for (const pattern of INTERNAL_DETAIL_PATTERNS) {
      const match = pattern.exec(bodyText);
      if (match)
        found.push(`${JSON.stringify(truncate(redact(match[0]), 60))} (${pattern.source})`);
    }
    if (found.length === 0) return [];
    return [
      violation(
        this,
        `an error body with ${found.join('; ')}`,
        'an error body without internal detail',
      ),
    ];
  },
};
