import {
  type AuthMode,
  appliesTo,
  ENDPOINTS,
  type EndpointRow,
  label,
} from '../contract/endpoints';
import type { Conformance } from '../harness/conformance';
import { test } from '../harness/fixtures';
import type { Organizations } from '../harness/organizations';
import { createdId, pathFor } from '../harness/requests';
import { versionTags } from '../harness/version-tags';

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
  const expectation = { rule: 'auth_accepted', statuses, why };
  if (row.operation === 'create') {
    const exchange = await api.check(
      { ...request, path: row.path, body: organizations.body(mode) },
      expectation,
    );
    const id = createdId(exchange.response.json);
    if (id) organizations.track(id, mode);
  } else if (row.operation === 'update') {
    const { id } = await organizations.create(organizations.body(mode), mode);
    await api.check(
      { ...request, path: pathFor(row, id), body: organizations.body(`${mode}-renamed`) },
      expectation,
    );
  } else if (row.operation === 'remove') {
    const { id } = await organizations.create(organizations.body(mode), mode);
    await api.check({ ...request, path: pathFor(row, id) }, expectation);
    organizations.forget(id);
  } else if (row.operation === 'get') {
    await api.check({ ...request, path: pathFor(row, await readableId(api, mode)) }, expectation);
  } else {
    await api.check({ ...request, path: row.path }, expectation);
  }
}

test.describe('schema', () => {
  for (const row of ENDPOINTS) {
    const judged: [AuthMode, readonly number[], string][] = [
      ...row.allowed.map((mode): [AuthMode, readonly number[], string] => [
        mode,
        row.success,
        `${mode} may call it`,
      ]),
      ...Object.entries(row.notJudged ?? {}).map(
        ([mode, statuses]): [AuthMode, readonly number[], string] => [
          mode as AuthMode,
          statuses,
          'decision: not judged, only its shape',
        ],
      ),
    ];
    for (const [mode, statuses, why] of judged) {
      const tag = versionTags((version) => appliesTo(row, version));
      test(`${label(row)} · ${mode} → ${statuses.join('|')}`, { tag }, async ({
        api,
        organizations,
        needs,
        needsWrites,
      }) => {
        needs(mode);
        if (row.writes) needsWrites();
        await api.endpoint(label(row));
        await exercise(row, mode, statuses, why, api, organizations);
      });
    }
  }
});
