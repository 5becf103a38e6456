import {
  ALL_MODES,
  type AuthMode,
  appliesTo,
  type EndpointRow,
  label,
  modeAllowed,
  modeLevel,
  ORGANIZATION_ENDPOINTS,
} from '../contract/endpoints';
import type { Expectation } from '../harness/checks/types';
import { test } from '../harness/fixtures';
import type { Conformance } from '../harness/fixtures/conformance';
import { versionTags } from '../harness/fixtures/version-tags';
import { createdId, pathFor } from '../harness/http/requests';
import { about, family } from '../harness/report/test-identity';
import { type Organizations, writtenFields } from '../harness/resources/organizations';

/**
 * Every endpoint × every mode the contract lets call it: the call succeeds, and
 * (as on every exchange) the body matches the version's schema and the version
 * header is echoed. Denied modes are in auth.spec.ts.
 */
async function readableId(api: Conformance, mode: AuthMode): Promise<string> {
  if (api.directory.partnerOwnerId) return api.directory.partnerOwnerId;
  const list = await api.send({ method: 'GET', path: '/api/organizations', mode });
  const id = (list.response.json as { data?: { id?: string }[] } | undefined)?.data?.[0]?.id;
  if (!id)
    throw new Error(`No organization is visible to the ${mode} key, so get cannot be checked.`);
  return id;
}

async function exercise(
  row: EndpointRow,
  mode: AuthMode,
  statuses: readonly number[],
  why: string,
  api: Conformance,
  organizations: Organizations,
) {
  const request = {
    method: row.method,
    operation: row.operation,
    mode,
    actAs: api.directory.actAsId,
  };
  const expectation: Expectation = {
    rule: 'auth_accepted',
    statuses,
    why,
    level: modeLevel(mode, api.version),
  };
  const ownId = api.directory.apiKeyOrganizationId;
  if (row.operation === 'list' && mode === 'apiKey' && ownId) {
    // SDK-1.18: "User-scoped callers receive their current organization" — and only it.
    await api.check(
      { ...request, path: row.path },
      { ...expectation, rule: 'list_own_organization', listExactly: ownId },
    );
  } else if (row.operation === 'create') {
    const body = organizations.body(mode);
    const exchange = await api.check(
      { ...request, path: row.path, body },
      { ...expectation, rule: 'write_answer', organization: writtenFields(body) },
    );
    const id = createdId(exchange.response.json);
    if (id) organizations.track(id, mode);
  } else if (row.operation === 'update') {
    const { id } = await organizations.create(organizations.body(mode), mode);
    const body = organizations.body(`${mode}-renamed`);
    await api.check(
      { ...request, path: pathFor(row, id), body },
      { ...expectation, rule: 'write_answer', organization: { id, ...writtenFields(body) } },
    );
  } else if (row.operation === 'remove') {
    const { id } = await organizations.create(organizations.body(mode), mode);
    const removed = await api.check({ ...request, path: pathFor(row, id) }, expectation);
    // Left for the cleanup unless it is gone.
    if (removed.response.status < 300) organizations.forget(id);
  } else if (row.operation === 'get') {
    await api.check({ ...request, path: pathFor(row, await readableId(api, mode)) }, expectation);
  } else {
    await api.check({ ...request, path: row.path }, expectation);
  }
}

test.describe('schema', family('schema'), () => {
  for (const row of ORGANIZATION_ENDPOINTS) {
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
        annotation: about(label(row), mode),
      }, async ({ api, organizations, needs, needsWrites }) => {
        needs(mode);
        if (row.writes) needsWrites();
        await api.endpoint(label(row));
        await exercise(row, mode, statuses, why, api, organizations);
      });
    }
  }
});
