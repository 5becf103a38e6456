import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { envelopeData, statusViolations, violation } from './violation';

/** 2025-09-18: the partner's owner organization comes first in the list. */
export const ownerFirst: Check = {
  name: 'owner_first',
  ...RULES.owner_first,
  run(exchange, context) {
    const statusProblems = statusViolations(this, exchange, context);
    if (statusProblems.length > 0 || !context.expect.listFirst) return statusProblems;
    const data = envelopeData(exchange.response.json);
    const first = Array.isArray(data) ? (data[0] as { id?: unknown } | undefined)?.id : undefined;
    if (first === context.expect.listFirst) return [];
    return [
      violation(
        this,
        `first id ${JSON.stringify(first)}`,
        `first id ${context.expect.listFirst} (the owner organization)`,
      ),
    ];
  },
};
