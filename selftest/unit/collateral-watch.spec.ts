import { expect, test } from '@playwright/test';
import { noCollateralDamage } from '../../harness/checks/no-collateral-damage';
import { watchedOrganizations } from '../../harness/safety/snapshot';
import { context, listOrganizations, OTHER, organization, SEED_ORGANIZATION } from './exchanges';

/**
 * The collateral check leaves out the harness's own organizations (another shard's or
 * run's, which that run removes), and still watches everything else, whatever it becomes.
 */
const ANOTHER_RUNS = { id: '0b7e6f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'conformance-other-1-a' };

const judged = (before: readonly Readonly<Record<string, unknown>>[], after: unknown[]) =>
  noCollateralDamage.run(
    listOrganizations(after),
    context({
      rule: 'no_collateral_damage',
      statuses: [200],
      why: 'after the run',
      unchanged: before,
    }),
  );

test("another run's organization listed before the run may be gone after it", () => {
  const watched = watchedOrganizations([SEED_ORGANIZATION, ANOTHER_RUNS, OTHER]);
  expect(watched).toEqual([SEED_ORGANIZATION, OTHER]);
  expect(judged(watched, [SEED_ORGANIZATION, OTHER])).toEqual([]);
});

test('an organization not named by the harness is still caught if renamed to a harness name', () => {
  const watched = watchedOrganizations([SEED_ORGANIZATION, OTHER]);
  const violations = judged(watched, [organization({ name: 'conformance-hijacked' }), OTHER]);
  expect(violations.map((one) => one.check)).toEqual(['no_collateral_damage']);
  expect(violations[0]?.received).toContain('changed from');
});

test('an organization not named by the harness is still caught if removed', () => {
  const violations = judged(watchedOrganizations([SEED_ORGANIZATION, OTHER, ANOTHER_RUNS]), [
    SEED_ORGANIZATION,
  ]);
  expect(violations.map((one) => one.received)).toEqual([`${OTHER.id} ("Other Org") is gone`]);
});
