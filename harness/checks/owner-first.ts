import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { afterStatus, envelopeData, violation } from './violation';

/** 2025-09-18: the partner's owner organization comes first in the list. */
export const ownerFirst: Check = {
  name: 'owner_first',
  ...RULES.owner_first,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const { listFirst } = context.expect;
      if (!listFirst) return [];
      const data = envelopeData(exchange.response.json);
      const first = Array.isArray(data) ? (data[0] as { id?: unknown } | undefined)?.id : undefined;
      if (first === listFirst) return [];
      return [
        violation(
          this,
          `first id ${JSON.stringify(first)}`,
          `first id ${listFirst} (the owner organization)`,
        ),
      ];
    });
  },
};
