import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { violation } from './violation';

function hasClientSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasClientSecret);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, inner]) => key === 'client_secret' || hasClientSecret(inner),
  );
}

/** `client_secret` is write-only: it never comes back, at any depth. */
export const noClientSecret: Check = {
  name: 'no_client_secret',
  ...RULES.no_client_secret,
  run(exchange) {
    if (!hasClientSecret(exchange.response.json)) return [];
    return [violation(this, 'a body with "client_secret"', 'no "client_secret" (write-only)')];
  },
};
