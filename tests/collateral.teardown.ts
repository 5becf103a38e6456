import { endpoint, label } from '../contract/endpoints';
import { test } from '../harness/fixtures';
import { listingCredentials } from '../harness/http/credentials';
import { endpointLabels, family } from '../harness/report/test-identity';
import { loadSnapshot, watchedOrganizations } from '../harness/safety/snapshot';

/** After every version has run: what existed before is all there, unchanged. */
test.describe('safety', family('safety'), () => {
  test('no organization that existed before the run was changed or removed', {
    annotation: endpointLabels('GET /api/organizations'),
  }, async ({ api, config }) => {
    const list = endpoint(api.version, 'list');
    await api.endpoint(label(list));
    const snapshot = loadSnapshot(config.runId);
    test.skip(
      !snapshot,
      'could not check: no snapshot was taken before the run (preflight did not run), and no write check ran: skipped',
    );
    // Not a pass: what the lists said before cannot show that anything is unchanged. Not a
    // failure either: no write check ran (write-guard.ts), and the list's own checks report
    // what is wrong with it in every version.
    test.skip(
      snapshot?.unusable !== undefined,
      `could not check: ${snapshot?.unusable}, and no write check ran: skipped`,
    );
    for (const [name, credential] of listingCredentials(config)) {
      const before = snapshot?.lists[name];
      if (!before) continue;
      await api.check(
        { method: list.method, path: list.path, operation: 'list', ...credential },
        {
          rule: 'no_collateral_damage',
          statuses: list.success,
          why: `the ${name} lists what it listed before the run`,
          // Another run's or shard's organizations come and go while this one runs.
          unchanged: watchedOrganizations(before),
          // Only the collateral rule here: the list's own conformance is judged per version.
          ruleOnly: true,
        },
      );
    }
  });
});
