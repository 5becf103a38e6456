import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  type BaselineEntry,
  BaselineError,
  judge,
  loadBaseline,
} from '../../scripts/lib/gate/baseline';
import { testRows } from '../../scripts/lib/run/results';
import { validateInternal } from '../../scripts/lib/schemas/internal-schemas';
import { failuresOf } from '../../scripts/lib/summary/model';
import {
  ROOT,
  runScript,
  type SyntheticTest,
  syntheticReport,
  tempDir,
  writeJson,
} from './helpers';

// `npm run gate` on synthetic Playwright reports: exit 0 only when every failure is
// baselined and no entry has expired; 1 otherwise; 2 when there is nothing to judge.

const OWNER_FIRST = '2025-09-18 · GET /api/organizations · partner · owner_first';
const TODAY = '2026-06-01';

const TESTS: readonly SyntheticTest[] = [
  {
    project: '2025-09-18',
    family: 'lifecycle',
    title: 'owner organization first in the list · partner',
    endpoint: 'GET /api/organizations',
    mode: 'partner',
    status: 'unexpected',
    violations: ['owner_first'],
  },
  {
    project: '2025-09-18',
    family: 'schema',
    title: 'GET /api/me · partner → 200',
    endpoint: 'GET /api/me',
    mode: 'partner',
    status: 'expected',
  },
  {
    project: '2024-02-08',
    family: 'schema',
    title: 'GET /api/me · partner → 200',
    endpoint: 'GET /api/me',
    mode: 'partner',
    status: 'skipped',
  },
];

const entry = (id: string, expires = '2026-12-31'): BaselineEntry => ({
  id,
  reason: 'reference fault ownerNotFirst, on purpose',
  owner: 'conformance team',
  expires,
});

function gate(entries: readonly BaselineEntry[], tests: readonly SyntheticTest[] = TESTS) {
  const dir = tempDir('gate');
  const results = writeJson(dir, 'results.json', syntheticReport(tests));
  const baseline = writeJson(dir, 'baseline.json', { entries });
  const args = ['--from-results', results, '--baseline', baseline, '--today', TODAY, '--out', dir];
  return { ...runScript('scripts/gate.ts', args), dir };
}

function passing(tests: readonly SyntheticTest[]): SyntheticTest[] {
  return tests.map((t) => ({
    ...t,
    status: t.status === 'skipped' ? t.status : 'expected',
    violations: [],
  }));
}

test('a failure not in the baseline is new: exit 1', () => {
  const { status, output } = gate([]);
  expect(output).toMatch(
    /New failures \(not in the baseline\): 1\n {2}2025-09-18 · GET \/api\/organizations · partner · owner_first\n {6}test: owner organization first/,
  );
  expect(output).toContain('Gate FAILED');
  expect(status).toBe(1);
});

test('a baselined failure is known (a * mode matches): exit 0, and summary.json says so', () => {
  const { status, output, dir } = gate([
    entry('2025-09-18 · GET /api/organizations · * · owner_first'),
  ]);
  expect(output).toMatch(
    /Known failures \(baselined\): 1\n {2}2025-09-18 · GET \/api\/organizations/,
  );
  expect(output).toContain(
    'reference fault ownerNotFirst, on purpose (owner conformance team, until 2026-12-31)',
  );
  expect(output).toContain('Gate passed');
  expect(status).toBe(0);
  const summary = JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8'));
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summary.gate).toMatchObject({ passed: true, new: [], known: [{ id: OWNER_FIRST }] });
  expect(summary.failures).toEqual([
    expect.objectContaining({ id: OWNER_FIRST, check: 'owner_first', family: 'lifecycle' }),
  ]);
  const markdown = readFileSync(path.join(dir, 'summary.md'), 'utf8');
  expect(markdown).toContain('### Gate: ✅ passed');
  expect(markdown).toContain(`\`${OWNER_FIRST}\` — until 2026-12-31`);
});

test('a baselined check whose test now passes is listed for removal: exit 0', () => {
  const { status, output } = gate([entry(OWNER_FIRST)], passing(TESTS));
  expect(output).toMatch(
    /Baselined checks that now pass \(remove these entries\): 1\n {2}2025-09-18 · GET \/api\/organizations/,
  );
  expect(status).toBe(0);
});

test('an expired entry fails the gate: exit 1', () => {
  const { status, output } = gate([entry(OWNER_FIRST, '2026-05-31')]);
  expect(output).toMatch(
    /Expired baseline entries .*: 1\n {2}2025-09-18 · GET \/api\/organizations.*expired 2026-05-31/,
  );
  expect(output).toMatch(/New failures \(not in the baseline\): 1/);
  expect(status).toBe(1);
});

test('nothing to judge: exit 2', () => {
  expect(gate([], []).status).toBe(2);
  const missing = path.join(tempDir('gate-missing'), 'none.json');
  expect(runScript('scripts/gate.ts', ['--from-results', missing]).status).toBe(2);
});

test('expiry: the last day is honoured; the day after fails, even when the check passes', () => {
  const executed = [{ version: '2025-09-18', endpoint: 'GET /api/organizations', mode: 'partner' }];
  const failing = failuresOf(testRows(syntheticReport(TESTS)));
  expect(judge(failing, executed, [entry(OWNER_FIRST, TODAY)], TODAY).passed).toBe(true);
  const none = failuresOf(testRows(syntheticReport(passing(TESTS))));
  const expired = judge(none, executed, [entry(OWNER_FIRST, '2026-05-31')], TODAY);
  expect(expired.expired.map((e) => e.id)).toEqual([OWNER_FIRST]);
  expect(expired.passed).toBe(false);
});

test('a test that did not run keeps its entry; skipped tests prove nothing', () => {
  const rows = testRows(syntheticReport(TESTS));
  const executed = rows
    .filter((row) => row.status !== 'skipped')
    .map((row) => ({ version: row.project, endpoint: row.endpoint, mode: row.mode }));
  const entries = [
    entry('2024-02-08 · GET /api/me · partner · response_schema'),
    entry('2022-12-12 · * · * · auth_required'),
  ];
  const result = judge(failuresOf(rows), executed, entries, TODAY);
  expect(result.notRun).toEqual(entries);
  expect(result.fixed).toEqual([]);
  expect(result.passed).toBe(false);
});

test('a baseline that is not one says which entry is wrong', () => {
  const dir = tempDir('baseline');
  const bad = writeJson(dir, 'bad.json', { entries: [entry('no separators here')] });
  expect(() => loadBaseline(bad)).toThrow(/bad\.json is not a valid baseline .*\/entries\/0\/id/);
  const starred = writeJson(dir, 'starred.json', {
    entries: [entry('* · GET /api/me · partner · auth_scope')],
  });
  expect(() => loadBaseline(starred)).toThrow(BaselineError);
  expect(loadBaseline(path.join(ROOT, 'conformance.baseline.json'))).toEqual([]);
});

test('an unconfirmed expectation (a decision departed from) is no failure; a strict run records it as one', () => {
  const warned: SyntheticTest = {
    project: '2025-09-18',
    family: 'lifecycle',
    title: 'missing or non-string name → 422 (400|422) on create and update',
    endpoint: 'POST /api/organizations',
    mode: 'partner',
    status: 'expected',
    violations: [{ check: 'name_type', level: 'decision', severity: 'warning' }],
  };
  const lenient = gate([], [warned]);
  expect(lenient.output).toContain('New failures (not in the baseline): none');
  expect(lenient.status).toBe(0);
  const strict = gate(
    [],
    [
      {
        ...warned,
        status: 'unexpected',
        violations: [{ check: 'name_type', level: 'decision', severity: 'error' }],
      },
    ],
  );
  expect(strict.output).toContain('2025-09-18 · POST /api/organizations · partner · name_type');
  expect(strict.status).toBe(1);
});
