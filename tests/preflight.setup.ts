import { endpoint, label } from '../contract/endpoints';
import { CONFIGURED_KEY_KINDS } from '../harness/checks/identity-rules';
import { keyVariable } from '../harness/config/env';
import { test } from '../harness/fixtures';
import { listingCredentials } from '../harness/http/credentials';
import { meProblem } from '../harness/http/me-answer';
import { endpointLabels, family } from '../harness/report/test-identity';
import { readList, type Snapshot, saveSnapshot } from '../harness/safety/snapshot';

/**
 * Before any 403 is judged, /api/me confirms each configured key is the kind it
 * claims to be; if one is not, the run stops here with one clear failure
 * instead of a screen of misleading 403s (the version projects depend on this one).
 * It also records what exists before the run, for the collateral check at its end.
 */

test.describe('credentials', family('credentials'), () => {
  for (const [field, kind, what] of CONFIGURED_KEY_KINDS) {
    test(`${keyVariable(field)} is a ${what}`, {
      annotation: endpointLabels('GET /api/me', field),
    }, async ({ api, config }) => {
      const unmade = field === 'apiKey' ? config.apiKeyUnmade : undefined;
      test.skip(
        !config.keys[field],
        `${keyVariable(field)} not configured${unmade ? ` and not made: ${unmade}` : ''}: skipped`,
      );
      const row = endpoint(api.version, 'identity');
      await api.endpoint(label(row));
      // Every key as Bearer (each field's own mode): TF sends the deployment key so, in every version.
      const exchange = await api.check(
        { method: row.method, path: row.path, operation: 'identity', mode: field },
        {
          rule: 'credential_kind',
          statuses: row.success,
          why: `${keyVariable(field)} is documented as a ${what}`,
          ruleOnly: true,
          preflight: true,
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

test.describe('safety', family('safety'), () => {
  test('snapshot of the organizations that exist before the run', {
    annotation: endpointLabels('GET /api/organizations'),
  }, async ({ api, config }) => {
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
            preflight: true,
          },
        ),
      ),
    );
    // A partner's list must hold its owner organization, or it cannot be the whole account.
    const owners: Record<string, { id: string | undefined }> = {
      'partner key': { id: api.reach.partnerOwnerId },
      'second partner key': { id: api.reach.otherOwnerId },
    };
    const snapshot: Snapshot = { lists: {} };
    const problems: string[] = [];
    credentials.forEach(([name], index) => {
      const response = lists[index]?.response;
      const read = readList(name, response?.status ?? 0, response?.json, owners[name]);
      if ('problem' in read) problems.push(read.problem);
      // The organization the run made for its API key is the run's own, not something that existed.
      const made = config.apiKeyMade?.organizationId;
      snapshot.lists[name] = 'items' in read ? read.items.filter((item) => item.id !== made) : [];
    });
    saveSnapshot(
      config.runId,
      problems.length > 0 ? { ...snapshot, unusable: problems.join('; ') } : snapshot,
    );
    if (problems.length > 0)
      test.info().annotations.push({
        type: 'snapshot',
        description: `${problems.join('; ')}: no write check runs, and the collateral check cannot check`,
      });
  });
});
