import { endpoint, label } from '../contract/endpoints';
import type { CredentialKind } from '../harness/checks/types';
import type { Keys } from '../harness/config';
import { keyVariable } from '../harness/config';
import { listingCredentials } from '../harness/credentials';
import { test } from '../harness/fixtures';
import { meProblem } from '../harness/me-answer';
import { type Snapshot, saveSnapshot } from '../harness/snapshot';

/**
 * Before any 403 is judged, /api/me confirms each configured key is the kind it
 * claims to be; if one is not, the run stops here with one clear failure
 * instead of a screen of misleading 403s (the version projects depend on this one).
 * It also records what exists before the run, for the collateral check at its end.
 */
const KINDS: readonly [keyof Keys, CredentialKind][] = [
  ['partner', 'partner'],
  ['apiKey', 'organization'],
  ['deployment', 'system'],
  ['otherPartner', 'partner'],
];

test.describe('credentials', () => {
  for (const [field, kind] of KINDS) {
    test(`${keyVariable(field)} is a ${kind} credential`, async ({ api, config }) => {
      test.skip(!config.keys[field], `${keyVariable(field)} not configured: skipped`);
      const row = endpoint(api.version, 'identity');
      await api.endpoint(row.path);
      const key = config.keys[field] as string;
      const authorization =
        field === 'deployment'
          ? `Basic ${Buffer.from(`${key}:`).toString('base64')}`
          : `Bearer ${key}`;
      const exchange = await api.check(
        {
          method: row.method,
          path: row.path,
          operation: 'identity',
          mode: 'custom',
          authorization,
        },
        {
          rule: 'credential_kind',
          statuses: row.success,
          why: `${keyVariable(field)} is documented as a ${kind} key`,
          ruleOnly: true,
          identity: { kind },
        },
      );
      // What went wrong, for the one sentence npm run conformance ends with (status, type, Location).
      const problem = meProblem(exchange.response, {
        targetUrl: config.targetUrl,
        variable: keyVariable(field),
      });
      if (problem) test.info().annotations.push({ type: 'identity-answer', description: problem });
    });
  }
});

test.describe('safety', () => {
  test('snapshot of the organizations that exist before the run', async ({ api, config }) => {
    const list = endpoint(api.version, 'list');
    await api.endpoint(label(list));
    const credentials = listingCredentials(config);
    test.skip(credentials.length === 0, 'no partner or deployment key configured: skipped');
    const lists = await Promise.all(
      credentials.map(([name, credential]) =>
        api.check(
          { method: list.method, path: list.path, operation: 'list', ...credential },
          {
            rule: 'auth_accepted',
            statuses: list.success,
            why: `the ${name} lists its organizations`,
            ruleOnly: true,
          },
        ),
      ),
    );
    const snapshot: Snapshot = {};
    credentials.forEach(([name], index) => {
      const data = (lists[index]?.response.json as { data?: unknown } | undefined)?.data;
      snapshot[name] = Array.isArray(data) ? data : [];
    });
    saveSnapshot(config.runId, snapshot);
  });
});
