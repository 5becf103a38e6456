import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { envelopeData, statusViolations, violation } from './violation';

/**
 * Every organization that existed before the run is still there, unchanged,
 * after it: the harness must never touch what it did not create.
 */
export const noCollateralDamage: Check = {
  name: 'no_collateral_damage',
  ...RULES.no_collateral_damage,
  run(exchange, context) {
    const statusProblems = statusViolations(this, exchange, context);
    const before = context.expect.unchanged;
    if (statusProblems.length > 0 || !before) return statusProblems;
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
        this,
        damage.join('; '),
        `the ${before.length} organizations that existed before the run, unchanged`,
      ),
    ];
  },
};

/** The contract's fields only, absent/null/"" alike (decision: empty optional strings). */
const FIELDS = ['id', 'name', 'issuer', 'sso_domain', 'sso_org_id'] as const;

function comparable(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    FIELDS.map((field) => [field, record[field] === '' ? null : (record[field] ?? null)]),
  );
}
