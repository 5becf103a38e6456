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
      test: 'GET /api/me · apiKey → 200',
      before: 'passes',
      after: 'fails [auth_accepted]',
      regression: { version: NEW, endpoint: 'GET /api/me', mode: 'apiKey', check: 'auth_accepted' },
    },
    {
      test: 'GET /api/organizations · partner → 200',
      before: 'fails [response_schema]',
      after: 'passes',
    },
    {
      test: 'owner organization first in the list · partner',
      before: `not in ${OLD}`,
      after: 'fails [owner_first]',
    },
  ]);
  expect(passingOnlyIn).toEqual({ [OLD]: 1, [NEW]: 1 });
});
