import { RULES } from '../../contract/rules';
import { nameCountViolations } from './idempotent-replay';
import type { Check } from './types';
import { statusViolations } from './violation';

/** decision: a malformed Idempotency-Key gets 400 or 422, and nothing is created. */
export const idempotencyKeyValidation: Check = {
  name: 'idempotency_key_validation',
  ...RULES.idempotency_key_validation,
  run(exchange, context) {
    return [
      ...statusViolations(this, exchange, context),
      ...nameCountViolations(this, exchange, context),
    ];
  },
};
