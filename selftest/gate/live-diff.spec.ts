import { expect, test } from '@playwright/test';
import { liveDifferences } from '../../scripts/lib/compare/live-diff';
import { testRows } from '../../scripts/lib/run/results';
import { syntheticReport } from './helpers';

// compare --live: the tests whose outcome differs between two versions; a test that
// passes on the old version and fails on the new one is a regression (breaking).

const OLD = '2024-02-08';
const NEW = '2025-09-18';
const failing = (check: string) => ({ status: 'unexpected' as const, violations: [check] });
const me = (mode: string) => ({
  family: 'auth',
  title: `GET /api/me · ${mode} → 200`,
  endpoint: 'GET /api/me',
  mode,
});
const list = {
  family: 'schema',
  title: 'GET /api/organizations · partner → 200',
  endpoint: 'GET /api/organizations',
  mode: 'partner',
};

test('a regression, a fix, tests of one version only', () => {
  const rows = testRows(
    syntheticReport([
      { project: OLD, ...me('apiKey'), status: 'expected' },
      { project: NEW, ...me('apiKey'), ...failing('auth_accepted') },
      { project: OLD, ...list, ...failing('response_schema') },
      { project: NEW, ...list, status: 'expected' },
      {
        project: OLD,
        family: 'schema',
        title: 'PATCH /api/organizations/{id} · partner → 200',
        endpoint: 'PATCH /api/organizations/{id}',
        mode: 'partner',
        status: 'expected',
      },
      {
        project: NEW,
        family: 'schema',
        title: 'GET /api/organization · partner → 200',
        endpoint: 'GET /api/organization',
        mode: 'partner',
        status: 'expected',
      },
      {
        project: NEW,
        family: 'lifecycle',
        title: 'owner organization first in the list · partner',
        endpoint: 'GET /api/organizations',
        mode: 'partner',
        ...failing('owner_first'),
      },
      { project: OLD, ...me('deployment'), status: 'skipped' },
      { project: NEW, ...me('deployment'), status: 'expected' },
    ]),
  );
  const { differences, passingOnlyIn } = liveDifferences(rows, OLD, NEW);
  expect(differences).toEqual([
    {
      identity: 'auth · GET /api/me · apiKey',
      endpoint: 'GET /api/me',
      mode: 'apiKey',
      test: 'GET /api/me · apiKey → 200',
      before: 'passes',
      after: 'fails [auth_accepted]',
      regression: { version: NEW, endpoint: 'GET /api/me', mode: 'apiKey', check: 'auth_accepted' },
    },
    {
      identity: 'schema · GET /api/organizations · partner',
      endpoint: 'GET /api/organizations',
      mode: 'partner',
      test: 'GET /api/organizations · partner → 200',
      before: 'fails [response_schema]',
      after: 'passes',
    },
    {
      identity: 'lifecycle · GET /api/organizations · partner',
      endpoint: 'GET /api/organizations',
      mode: 'partner',
      test: 'owner organization first in the list · partner',
      before: `not in ${OLD}`,
      after: 'fails [owner_first]',
    },
  ]);
  expect(passingOnlyIn).toEqual({ [OLD]: 1, [NEW]: 1 });
});

test('a renamed test is one test: paired by its identity (family, endpoint, mode), not its title', () => {
  const create = { family: 'lifecycle', endpoint: 'POST /api/organizations', mode: 'partner' };
  const update = (method: string) => ({
    family: 'lifecycle',
    endpoint: `${method} /api/organizations/{id}`,
    mode: 'partner',
  });
  const rows = testRows(
    syntheticReport([
      // Alone under its identity on each side: the same test, whatever its title says.
      { project: OLD, ...me('apiKey'), title: 'identity · apiKey', status: 'expected' },
      {
        project: NEW,
        ...me('apiKey'),
        title: '/api/me as an API key',
        ...failing('auth_accepted'),
      },
      // Two tests share an identity: equal titles pair first, the one left is the renamed one.
      { project: OLD, ...create, title: 'duplicate name → 409', status: 'expected' },
      { project: NEW, ...create, title: 'duplicate name → 409', status: 'expected' },
      { project: OLD, ...create, title: 'create and remove', status: 'expected' },
      {
        project: NEW,
        ...create,
        title: 'create, read back, remove',
        ...failing('update_persists'),
      },
      // The endpoint moved (PATCH → PUT): the family and the title still name the test.
      { project: OLD, ...update('PATCH'), title: 'update keeps the name', status: 'expected' },
      {
        project: NEW,
        ...update('PUT'),
        title: 'update keeps the name',
        ...failing('update_persists'),
      },
    ]),
  );
  const { differences, passingOnlyIn } = liveDifferences(rows, OLD, NEW);
  expect(differences.map((d) => [d.identity, d.test, d.renamedFrom, d.before, d.after])).toEqual([
    [
      'auth · GET /api/me · apiKey',
      '/api/me as an API key',
      'identity · apiKey',
      'passes',
      'fails [auth_accepted]',
    ],
    [
      'lifecycle · POST /api/organizations · partner',
      'create, read back, remove',
      'create and remove',
      'passes',
      'fails [update_persists]',
    ],
    [
      'lifecycle · PUT /api/organizations/{id} · partner',
      'update keeps the name',
      undefined,
      'passes',
      'fails [update_persists]',
    ],
  ]);
  expect(differences.every((d) => d.regression !== undefined)).toBe(true);
  // Nothing looks removed and added again.
  expect(passingOnlyIn).toEqual({ [OLD]: 0, [NEW]: 0 });
  expect(differences.some((d) => d.before.startsWith('not in'))).toBe(false);
});
