import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { afterStatus, envelopeData, violation } from './violation';

/** The id of what the create made: an organization, or a user. */
function createdId(json: unknown): unknown {
  return (envelopeData(json) as { id?: unknown } | undefined)?.id;
}

/**
 * A repeated Idempotency-Key replays the first outcome (same status, same
 * organization or user) and creates nothing new. Source: the idempotency guide.
 */
export const idempotentReplay: Check = {
  name: 'idempotent_replay',
  ...RULES.idempotent_replay,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const { replayOf } = context.expect;
      if (replayOf) {
        const first = createdId(replayOf.response.json);
        const again = createdId(exchange.response.json);
        if (replayOf.response.status !== exchange.response.status || first !== again) {
          return [
            violation(
              this,
              `${exchange.response.status} with id ${JSON.stringify(again)}`,
              `the first outcome replayed: ${replayOf.response.status} with id ${JSON.stringify(first)}`,
            ),
          ];
        }
      }
      return nameCountViolations(this, exchange, context);
    });
  },
};

/** When the expectation counts organizations of a name, the list must hold exactly that many. */
export function nameCountViolations(
  check: Check,
  ...[exchange, context]: Parameters<Check['run']>
) {
  const { nameCount } = context.expect;
  if (!nameCount) return [];
  const data = envelopeData(exchange.response.json);
  const count = Array.isArray(data)
    ? data.filter((item) => (item as { name?: unknown })?.name === nameCount.name).length
    : 0;
  if (count === nameCount.count) return [];
  return [
    violation(
      check,
      `${count} organizations named ${nameCount.name}`,
      `${nameCount.count} (${context.expect.why})`,
    ),
  ];
}
