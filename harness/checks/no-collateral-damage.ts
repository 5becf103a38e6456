import { RULES } from '../../contract/rules';
import type { Exchange } from '../http/exchange';
import type { Check, Violation } from './types';
import { afterStatus, envelopeData, violation } from './violation';

/**
 * Every organization that existed before the run is still there, unchanged,
 * after it: the harness must never touch what it did not create.
 */
export const noCollateralDamage: Check = {
  name: 'no_collateral_damage',
  ...RULES.no_collateral_damage,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const before = context.expect.unchanged;
      return before ? damageViolations(this, exchange, before) : [];
    });
  },
};

function damageViolations(
  check: Check,
  exchange: Exchange,
  before: readonly Readonly<Record<string, unknown>>[],
): Violation[] {
  const data = envelopeData(exchange.response.json);
  const after = new Map(
    (Array.isArray(data) ? data : []).map((item) => [
      (item as { id?: unknown })?.id,
      item as Record<string, unknown>,
    ]),
  );
  const damage: string[] = [];
  for (const organization of before) {
    const now = after.get(organization.id);
    if (!now) damage.push(`${organization.id} (${JSON.stringify(organization.name)}) is gone`);
    else if (JSON.stringify(comparable(now)) !== JSON.stringify(comparable(organization))) {
      damage.push(
        `${organization.id} changed from ${JSON.stringify(comparable(organization))} to ${JSON.stringify(comparable(now))}`,
      );
    }
  }
  if (damage.length === 0) return [];
  return [
    violation(
      check,
      damage.join('; '),
      `the ${before.length} organizations that existed before the run, unchanged`,
    ),
  ];
}

/** The contract's fields only, absent/null/"" alike (decision: empty optional strings). */
const FIELDS = ['id', 'name', 'issuer', 'sso_domain', 'sso_org_id'] as const;

function comparable(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    FIELDS.map((field) => [field, record[field] === '' ? null : (record[field] ?? null)]),
  );
}
