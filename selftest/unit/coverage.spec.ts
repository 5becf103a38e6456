import { expect, test } from '@playwright/test';
import {
  type CoverageRow,
  coverage,
  NO_ROW_YET,
  route,
  versionCoverage,
} from '../../contract/coverage';
import { ENDPOINTS } from '../../contract/endpoints';
import { INVENTORIES, type VersionedInventory } from '../../contract/inventory';
import { SUPPORTED_VERSIONS } from '../../contract/versions';

/**
 * Coverage (contract/coverage.ts): an operation a client calls is judged in a version when
 * a contract row of that version has its method and path; otherwise it says why not.
 */
const WEBHOOKS: VersionedInventory = {
  source: 'SDK-HEAD',
  readFrom: 'a test inventory',
  since: '2025-09-18',
  operations: [
    {
      resource: 'webhooks',
      sdkMethod: 'list',
      method: 'GET',
      path: '/api/webhooks',
      source: 'SDK-HEAD',
    },
    {
      resource: 'webhooks',
      sdkMethod: 'get',
      method: 'GET',
      path: '/api/webhooks/{webhookId}',
      source: 'SDK-HEAD',
    },
  ],
};
const OLD: VersionedInventory = {
  ...WEBHOOKS,
  source: 'SDK-1.18',
  since: undefined,
  until: '2024-02-08',
};
const LIST: CoverageRow = {
  resource: 'webhooks',
  operation: 'list',
  method: 'GET',
  path: '/api/webhooks',
};

const operation = (version: string, rows: readonly CoverageRow[], sdkMethod: string) =>
  versionCoverage(version, rows, [OLD, WEBHOOKS])
    .resources.flatMap((resource) => resource.operations)
    .find((candidate) => candidate.sdkMethod === sdkMethod);

test('with no row, an operation is not judged: "no contract row yet"', () => {
  const covered = versionCoverage('2025-09-18', [], [WEBHOOKS]);
  expect(covered).toMatchObject({ source: 'SDK-HEAD', documented: 2, judged: 0 });
  expect(operation('2025-09-18', [], 'list')).toEqual({
    sdkMethod: 'list',
    method: 'GET',
    path: '/api/webhooks',
    judged: false,
    reason: NO_ROW_YET,
  });
});

test('a row added with its method and path: judged, whatever its parameters are named', () => {
  const GET = { ...LIST, operation: 'get', path: '/api/webhooks/{id}' };
  expect(operation('2025-09-18', [LIST], 'list')).toMatchObject({ judged: true });
  expect(operation('2025-09-18', [LIST], 'list')?.reason).toBeUndefined();
  expect(operation('2025-09-18', [GET], 'get')).toMatchObject({ judged: true });
  expect(route('GET', '/api/organizations/{orgId}/users')).toBe(
    route('GET', '/api/organizations/{org_id}/users'),
  );
  const covered = versionCoverage('2025-09-18', [LIST, GET], [WEBHOOKS]);
  expect(covered.resources).toEqual([
    expect.objectContaining({ resource: 'webhooks', documented: 2, judged: 2 }),
  ]);
});

test('a version the row does not apply to: not judged, and the row says where it applies', () => {
  const since = { ...LIST, since: '2025-09-18' };
  expect(operation('2025-09-18', [since], 'list')).toMatchObject({ judged: true });
  expect(operation('2024-02-08', [since], 'list')).toMatchObject({
    judged: false,
    reason: "the contract's row for it applies since 2025-09-18 only",
  });
});

test('another method on the path: not judged, naming the method the contract has', () => {
  const patch = {
    ...LIST,
    operation: 'update',
    method: 'PATCH' as const,
    path: '/api/webhooks/{id}',
  };
  expect(operation('2025-09-18', [patch], 'get')?.reason).toBe(
    'the contract has PATCH, not GET, on this path in 2025-09-18 (webhooks update)',
  );
  // …and the row no client calls is listed, not hidden.
  expect(versionCoverage('2025-09-18', [patch], [WEBHOOKS]).rowsInNoInventory).toEqual([
    {
      resource: 'webhooks',
      operation: 'update',
      method: 'PATCH',
      path: '/api/webhooks/{id}',
      reason: 'SDK-HEAD calls this path with GET, not PATCH',
    },
  ]);
});

test('a row in no inventory, and a version no inventory documents', () => {
  const me: CoverageRow = {
    resource: 'organizations',
    operation: 'identity',
    method: 'GET',
    path: '/api/me',
  };
  expect(versionCoverage('2025-09-18', [me], [WEBHOOKS]).rowsInNoInventory).toEqual([
    { ...me, reason: 'no operation of SDK-HEAD (a test inventory) calls it' },
  ]);
  expect(versionCoverage('2021-05-23', [me], [WEBHOOKS])).toMatchObject({
    source: null,
    documented: 0,
    rowsInNoInventory: [{ ...me, reason: 'no inventory documents 2021-05-23' }],
  });
});

test("the contract's own coverage: the judged operations are the contract rows", () => {
  const all = coverage(SUPPORTED_VERSIONS, ENDPOINTS, INVENTORIES);
  expect(all.map(({ version, judged, documented }) => [version, judged, documented])).toEqual([
    ['2022-12-12', 37, 114],
    ['2023-04-25', 37, 114],
    ['2024-02-08', 39, 114],
    ['2025-09-18', 45, 127],
  ]);
  // Before 2024-02-08 the update is PATCH (REF-2023) and SDK-1.18 sends PUT: both are said.
  const oldest = all[0];
  expect(oldest?.rowsInNoInventory.map((row) => route(row.method, row.path))).toEqual([
    'PATCH /api/organizations/{}',
    'PATCH /api/organizations/{}/users/{}',
  ]);
  const put = oldest?.resources
    .find((resource) => resource.resource === 'organization')
    ?.operations.find((candidate) => candidate.method === 'PUT');
  expect(put?.reason).toMatch(/^the contract has PATCH, not PUT, on this path in 2022-12-12/);
});
