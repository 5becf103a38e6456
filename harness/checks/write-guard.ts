import { RULES } from '../../contract/rules';
import type { Check, Violation } from './types';
import { afterStatus, envelopeData, isSuccess, violation } from './violation';

/**
 * The harness writes only to what this run made (docs/CONTRACT.md § What the harness
 * may touch). Most of it is judged before a request is sent, so there is no
 * exchange to judge: harness/judge/write-guard.ts refuses the write and raises
 * `refusedWrite`/`refusedCreate` under this check's name. On an exchange, the
 * rule is the create half: a create's answer names a new organization, not one
 * that existed before the run or that another create answered with.
 */
export const writeGuard: Check = {
  name: 'write_guard',
  ...RULES.write_guard,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const taken = context.expect.notIds;
      if (!taken || !isSuccess(exchange.response.status)) return [];
      const id = (envelopeData(exchange.response.json) as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || !taken.includes(id)) return [];
      return [refusedCreate(id, 'is not a new organization')];
    });
  },
};

const OWN = 'an organization this run created, not in the pre-run snapshot';

/** An update or remove that was not sent: `id` is not provably this run's own. */
export function refusedWrite(what: string, id: string, why: string): Violation {
  return violation(
    writeGuard,
    `${what} not sent: ${id} ${why}`,
    `${OWN}, whose name the target reports with this run's prefix`,
  );
}

/** A create answered with an id that cannot be a new organization; it is never tracked. */
export function refusedCreate(id: string, why: string): Violation {
  return violation(
    writeGuard,
    `a create answered with ${id}, which ${why}; it is not taken as this run's`,
    `a create answers with ${OWN} and not one another create answered with`,
  );
}
