import { expect, test } from '@playwright/test';
import { whyNothingWasJudged } from '../../scripts/conformance';
import { testRows } from '../../scripts/results';
import { formatSummary } from '../../scripts/summary';
import { type Case, jsonReport, violation } from './reports';

const DEPLOYMENT_SKIP = 'deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY): skipped';
const LONG_SKIP = `${'would remove a pre-existing organization if the target were wrong: '.repeat(2)}skipped`;

const CASES: readonly Case[] = [
  { project: 'preflight', family: 'credentials', title: 'partner key', status: 'expected' },
  { project: '2024-02-08', family: 'schema', title: 'list · partner', status: 'expected' },
  { project: '2025-09-18', family: 'schema', title: 'list · partner', status: 'flaky' },
  {
    project: '2024-02-08',
    family: 'schema',
    title: 'list · deployment',
    status: 'skipped',
    skip: DEPLOYMENT_SKIP,
  },
  {
    project: '2025-09-18',
    family: 'schema',
    title: 'list · deployment',
    status: 'skipped',
    skip: DEPLOYMENT_SKIP,
  },
  {
    project: '2025-09-18',
    family: 'auth',
    title: 'owner delete',
    status: 'skipped',
    skip: LONG_SKIP,
  },
  {
    project: '2024-02-08',
    family: 'version-header',
    title: 'echo',
    status: 'unexpected',
    errors: [violation('version_header_echo')],
  },
  {
    project: '2025-09-18',
    family: 'version-header',
    title: 'echo',
    status: 'unexpected',
    errors: [violation('version_header_echo'), violation('response_schema')],
  },
  {
    project: '2025-09-18',
    family: 'auth',
    title: 'crashed',
    status: 'unexpected',
    errors: ['TypeError: cannot read properties of undefined\n    at spec.ts:1:1'],
  },
];

const summary = formatSummary(testRows(jsonReport(CASES)));
const lines = summary.split('\n');

test('the table puts families down and versions across, preflight last, with totals', () => {
  const header = lines.find((line) => line.startsWith('family'));
  expect(header?.split(/\s+/)).toEqual([
    'family',
    '2024-02-08',
    '2025-09-18',
    'preflight',
    'total',
  ]);
  expect(lines.find((line) => line.startsWith('schema'))?.split(/\s+/)).toEqual([
    'schema',
    '1/0/1',
    '1/0/1',
    '-',
    '2/0/2',
  ]);
  expect(lines.find((line) => line.startsWith('credentials'))?.split(/\s+/)).toEqual([
    'credentials',
    '-',
    '-',
    '1/0/0',
    '1/0/0',
  ]);
  expect(lines.find((line) => line.startsWith('total'))?.split(/\s+/)).toEqual([
    'total',
    '1/1/1',
    '1/2/2',
    '1/0/0',
    '3/3/3',
  ]);
});

test('skip reasons are grouped and counted, long ones wrapped', () => {
  expect(summary).toContain(
    '  deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY): 2 checks skipped',
  );
  expect(summary).toMatch(/^ {2}would remove .*\n {6}\S.*: 1 check skipped$/m);
});

test('failures are listed by violated check with their versions; untagged ones as harness errors', () => {
  expect(summary).toMatch(/^ {2}version_header_echo +2 failed {2}in 2024-02-08, 2025-09-18$/m);
  expect(summary).toMatch(/^ {2}response_schema +1 failed {2}in 2025-09-18$/m);
  expect(summary).toContain('Failed without a named check (1; a harness or target error):');
  expect(summary).toContain('  1× TypeError: cannot read properties of undefined');
});

test('the counts line counts a flaky test as passed and says so', () => {
  expect(lines.at(-1)).toBe(
    '3 passed, 3 failed, 3 skipped (1 flaky: failed, then passed on retry)',
  );
});

test('every line fits in 100 columns', () => {
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
});

test('tests that never started are reported as not run, not silently skipped', () => {
  const notRun = formatSummary(
    testRows(
      jsonReport([{ project: '2025-09-18', family: 'auth', title: 'x', status: 'skipped' }]),
    ),
  );
  expect(notRun).toContain(
    'not run because the preflight failed (or the run stopped): 1 check skipped',
  );
});

test.describe('could the harness judge the target (exit 2 otherwise)', () => {
  const notRun: Case = { project: '2025-09-18', family: 'auth', title: 'x', status: 'skipped' };
  const preflight = (check: string): Case => ({
    project: 'preflight',
    family: 'credentials',
    title: 'POLYTOMIC_PARTNER_KEY is a partner credential',
    status: 'unexpected',
    errors: [violation(check)],
  });

  test('no test at all: the first global error is the sentence', () => {
    const report = jsonReport([], ['Error: http://127.0.0.1:4010/health is already used\n  at x']);
    expect(whyNothingWasJudged(report, testRows(report))).toBe(
      'No test ran: Error: http://127.0.0.1:4010/health is already used',
    );
  });

  test('a key of the wrong kind, whatever else failed with it, so no version ran', () => {
    const report = jsonReport([preflight('credential_kind'), preflight('auth_accepted'), notRun]);
    expect(whyNothingWasJudged(report, testRows(report))).toBe(
      'POLYTOMIC_PARTNER_KEY is a partner credential? No: /api/me answered 200.\n' +
        'No API version was checked: set each key variable to a key of its kind.',
    );
  });

  test('a preflight that broke before judging anything', () => {
    const broken: Case = { ...preflight('x'), errors: ['TypeError: boom\n  at x'] };
    const report = jsonReport([broken, notRun]);
    expect(whyNothingWasJudged(report, testRows(report))).toBe(
      'The preflight broke before judging anything: TypeError: boom',
    );
  });

  test('a preflight that caught a contract violation is a violation, not a setup error', () => {
    const report = jsonReport([preflight('version_header_echo'), notRun]);
    expect(whyNothingWasJudged(report, testRows(report))).toBeUndefined();
  });

  test('a run in which versions ran is judged', () => {
    const report = jsonReport([preflight('credential_kind'), { ...notRun, status: 'expected' }]);
    expect(whyNothingWasJudged(report, testRows(report))).toBeUndefined();
  });
});
