import {
  ALL_MODES,
  type AuthMode,
  appliesTo,
  ENDPOINTS,
  type EndpointRow,
  label,
  modeAllowed,
  modeLevel,
  rowLevel,
} from '../contract/endpoints';
import type { Expectation } from '../harness/checks/types';
import { test } from '../harness/fixtures';
import { versionTags } from '../harness/fixtures/version-tags';
import type { JudgedApi } from '../harness/judge/judged-api';
import { endpointLabels, family } from '../harness/report/test-identity';
import type { ResourceAdapter } from '../harness/resources/adapter';
import { adapterFor } from '../harness/resources/adapter';

/**
 * Every endpoint × every mode the contract lets call it: the call succeeds, and
 * (as on every exchange) the body matches the version's schema and the version
 * header is echoed. Denied modes are in auth.spec.ts. What differs per resource (an
 * id to read, a body, what to clean up) is its adapter's (harness/resources/adapter.ts).
 */
async function exercise(
  row: EndpointRow,
  mode: AuthMode,
  statuses: readonly number[],
  why: string,
  api: JudgedApi,
  adapter: ResourceAdapter,
) {
  const subject = await adapter.subject(row, mode);
  const expectation: Expectation = {
    rule: 'auth_accepted',
    statuses,
    why,
    // A row before its sources document it is a decision (Users before 2024-02-08).
    level: modeLevel(mode, api.version) ?? rowLevel(row, api.version),
    ...subject.expectation,
  };
  const exchange = await api.check(
    {
      method: row.method,
      path: subject.path,
      operation: row.operation,
      resource: row.resource,
      mode,
      actAs: subject.send?.actAs ?? api.reach.actAsId,
      headers: subject.send?.headers,
      body: subject.body,
    },
    expectation,
  );
  subject.after?.(exchange);
}

test.describe('schema', family('schema'), () => {
  for (const row of ENDPOINTS) {
    const judged: [AuthMode, readonly number[], string][] = [
      ...ALL_MODES.filter((mode) => row.allowed.includes(mode)).map(
        (mode): [AuthMode, readonly number[], string] => [mode, row.success, `${mode} may call it`],
      ),
      ...Object.entries(row.notJudged ?? {}).map(
        ([mode, statuses]): [AuthMode, readonly number[], string] => [
          mode as AuthMode,
          statuses,
          'decision: not judged, only its shape',
        ],
      ),
    ];
    for (const [mode, statuses, why] of judged) {
      const tag = versionTags(
        (version) =>
          appliesTo(row, version) &&
          (!row.allowed.includes(mode) || modeAllowed(row, mode, version)),
      );
      test(`${label(row)} · ${mode} → ${statuses.join('|')}`, {
        tag,
        annotation: endpointLabels(label(row), mode),
      }, async ({ api, organizations, users, needs, needsWrites }) => {
        const adapter = adapterFor(row.resource, { api, organizations, users });
        needs(mode);
        if (adapter.needsWrites(row)) needsWrites();
        await api.endpoint(label(row));
        await exercise(row, mode, statuses, why, api, adapter);
      });
    }
  }
});
