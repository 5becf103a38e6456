import type { Check } from './types';
import { violation } from './violation';

/** An integer `status` in an error body repeats the HTTP status. */
export const errorStatusField: Check = {
  name: 'error_status_field',
  family: 'error-body',
  description: 'An integer `status` in an error body equals the HTTP status code',
  source: 'CONTRACT.md § Schemas (error body)',
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
