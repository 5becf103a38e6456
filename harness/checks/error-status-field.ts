import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { violation } from './violation';

/** An integer `status` in an error body repeats the HTTP status. */
export const errorStatusField: Check = {
  name: 'error_status_field',
  ...RULES.error_status_field,
  run(exchange) {
    const { status, json } = exchange.response;
    if (status < 400 || json === null || typeof json !== 'object') return [];
    const field = (json as { status?: unknown }).status;
    if (!Number.isInteger(field) || field === status) return [];
    return [
      violation(this, `"status": ${field} in the body of a ${status}`, `"status": ${status}`),
    ];
  },
};
