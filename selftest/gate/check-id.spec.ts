import { expect, test } from '@playwright/test';
import {
  checkIdsOf,
  formatCheckId,
  HARNESS_ERROR,
  matchesPattern,
  parseCheckId,
  titleParts,
} from '../../harness/check-id';

// A check id is `version · endpoint · mode · check`, derived from a test row.

const TITLES: readonly [string, string, string][] = [
  ['GET /api/organizations · partner → 200', 'GET /api/organizations', 'partner'],
  ['DELETE /api/organizations/{id} · apiKey → 403', 'DELETE /api/organizations/{id}', 'apiKey'],
  ['GET /api/me · unauthenticated → 401', 'GET /api/me', 'unauthenticated'],
  ['GET /api/organization answers for the caller', 'GET /api/organization', '-'],
  [
    'owner organization first in the list · partner',
    'owner organization first in the list',
    'partner',
  ],
  ['get a never-issued id · deployment → 404', 'get a never-issued id', 'deployment'],
  ["the other versions' update method → 404|405", "the other versions' update method", '-'],
  [
    'scheme names are case-insensitive · partner and deployment → 200',
    'scheme names are case-insensitive',
    'partner',
  ],
  ['acting as an organization · /api/me reports it', 'acting as an organization', '-'],
];

for (const [title, endpoint, mode] of TITLES) {
  test(`title "${title}" → ${endpoint} · ${mode}`, () => {
    expect(titleParts(title)).toEqual({ endpoint, mode });
  });
}

test('one id per registered check in the failure; none named is a harness error', () => {
  const row = { project: '2025-09-18', title: 'GET /api/me · partner → 200' };
  expect(
    checkIdsOf({
      ...row,
      violatedChecks: ['response_schema', 'redacted', 'version_header_echo'],
    }).map(formatCheckId),
  ).toEqual([
    '2025-09-18 · GET /api/me · partner · response_schema',
    '2025-09-18 · GET /api/me · partner · version_header_echo',
  ]);
  expect(checkIdsOf({ ...row, violatedChecks: [] })[0]?.check).toBe(HARNESS_ERROR);
});

test('patterns: * in endpoint or mode stands for any text; version and check must be equal', () => {
  const id = parseCheckId('2025-09-18 · GET /api/organizations/{id} · apiKey · auth_scope');
  expect(id).toBeDefined();
  if (!id) return;
  const matches = (pattern: string) => matchesPattern(parseCheckId(pattern) ?? id, id);
  expect(matches('2025-09-18 · GET /api/organizations/* · * · auth_scope')).toBe(true);
  expect(matches('2025-09-18 · * · apiKey · auth_scope')).toBe(true);
  expect(matches('2024-02-08 · * · * · auth_scope')).toBe(false);
  expect(matches('2025-09-18 · * · * · auth_required')).toBe(false);
  expect(matches('2025-09-18 · GET /api/organizations · * · auth_scope')).toBe(false);
  expect(parseCheckId('2025-09-18 · GET /api/me · auth_scope')).toBeUndefined();
});
