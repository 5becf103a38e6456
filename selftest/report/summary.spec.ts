import { expect, test } from '@playwright/test';
import { whyNothingWasJudged } from '../../scripts/lib/run/could-not-run';
import {
  countByProjectAndFamily,
  countRow,
  emptyCounts,
  outcomeOf,
  testRows,
  totalOf,
} from '../../scripts/lib/run/results';
import { formatSummary } from '../../scripts/lib/summary/console';
import { type Case, jsonReport } from './reports';

const DEPLOYMENT_SKIP = 'deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY): skipped';
const LONG_SKIP = `${'writes not allowed on this target (set POLYTOMIC_ALLOW_WRITES=true), '.repeat(2)}: skipped`;
const OWNER_DELETE =
  "a wrong answer would remove the partner's own owner organization: judged against the bundled reference server only";
const UNKNOWN_VERSION = {
  check: 'unsupported_version',
  received: '404',
  documented: '400 (an unknown version)',
} as const;

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
    title: 'update',
    status: 'skipped',
    skip: LONG_SKIP,
  },
  {
    project: '2025-09-18',
    family: 'auth',
    title: 'DELETE own owner organization · partner → 403',
    status: 'skipped',
    endpoint: 'DELETE /api/organizations/{id}',
    mode: 'partner',
    skip: `not judged here: ${OWNER_DELETE}`,
    notJudgedHere: OWNER_DELETE,
  },
  {
    project: '2024-02-08',
    family: 'version-header',
    title: 'echo',
    status: 'unexpected',
    failures: ['version_header_echo'],
  },
  {
    project: '2025-09-18',
    family: 'version-header',
    title: 'echo',
    status: 'unexpected',
    failures: ['version_header_echo', { check: 'response_schema', level: 'safety' }],
  },
  {
    project: '2024-02-08',
    family: 'version-header',
    title: 'identity with an unknown version → 400',
    status: 'expected',
    endpoint: 'GET /api/me',
    mode: 'partner',
    warnings: [UNKNOWN_VERSION],
  },
  {
    project: '2025-09-18',
    family: 'version-header',
    title: 'identity with an unknown version → 400',
    status: 'flaky',
    endpoint: 'GET /api/me',
    mode: 'partner',
    warnings: [UNKNOWN_VERSION],
  },
  {
    project: '2025-09-18',
    family: 'version-header',
    title: 'identity without X-Polytomic-Version → served as the default version',
    status: 'expected',
    defaultServed: ['2025-09-18'],
  },
  {
    project: '2025-09-18',
    family: 'auth',
    title: 'crashed',
    status: 'unexpected',
    errors: ['TypeError: cannot read properties of undefined\n    at spec.ts:1:1'],
  },
];

const rows = testRows(jsonReport(CASES));
const summary = formatSummary(rows);
const lines = summary.split('\n');
const cells = (start: string) => lines.find((line) => line.startsWith(start))?.split(/\s+/);

test('each test has one outcome: warned is apart from passed, not judged apart from skipped', () => {
  const outcomes = rows.map((row) => `${row.project} ${row.title}: ${outcomeOf(row)}`);
  expect(outcomes).toContain('2024-02-08 identity with an unknown version → 400: warned');
  expect(outcomes).toContain(
    '2025-09-18 DELETE own owner organization · partner → 403: notJudgedHere',
  );
  expect(outcomes).toContain('2024-02-08 list · deployment: skipped');
  const totals = emptyCounts();
  for (const row of rows) countRow(totals, row);
  expect(totalOf(totals)).toBe(rows.length);
  const versionHeader = countByProjectAndFamily(rows).get('2025-09-18')?.get('version-header');
  // The flaky one warned: counted once, as warned, and among the flaky.
  expect(versionHeader).toEqual({
    passed: 1,
    warned: 1,
    failed: 1,
    skipped: 0,
    notJudgedHere: 0,
    flaky: 1,
  });
});

test('the table puts families down and versions across, preflight last, with totals', () => {
  expect(lines).toContain(
    'Conformance by check family × API version (passed/warned/failed/skipped/not judged here):',
  );
  expect(cells('family')).toEqual(['family', '2024-02-08', '2025-09-18', 'preflight', 'total']);
  expect(cells('schema')).toEqual(['schema', '1/0/0/1/0', '1/0/0/1/0', '-', '2/0/0/2/0']);
  expect(cells('version-header')).toEqual([
    'version-header',
    '0/1/1/0/0',
    '1/1/1/0/0',
    '-',
    '1/2/2/0/0',
  ]);
  expect(cells('auth')).toEqual(['auth', '-', '0/0/1/1/1', '-', '0/0/1/1/1']);
  expect(cells('credentials')).toEqual(['credentials', '-', '-', '1/0/0/0/0', '1/0/0/0/0']);
  expect(cells('total')).toEqual(['total', '1/1/1/1/0', '2/1/2/2/1', '1/0/0/0/0', '4/2/3/3/1']);
});

test('skip reasons are grouped and counted, long ones wrapped; not judged here is not among them', () => {
  const skipped = lines.slice(lines.indexOf('Skipped:'));
  expect(summary).toContain(
    '  deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY): 2 checks skipped',
  );
  expect(summary).toMatch(/^ {2}writes not allowed .*\n {6}\S.*: 1 check skipped$/m);
  expect(skipped.join('\n')).not.toMatch(/not judged here: .*skipped/);
});

test('not judged here, and why: listed apart, with the reason and the count', () => {
  const start = lines.indexOf(
    'Not judged here, and why (judged against the bundled reference server only):',
  );
  expect(start).toBeGreaterThan(lines.indexOf('Skipped:'));
  expect(lines.slice(start + 1, start + 3).join(' ')).toMatch(
    /^ {2}a wrong answer would remove the partner's own owner organization: .* 1 check not judged$/,
  );
});

test('warnings: each rule with its level, test count, versions, source and what was seen', () => {
  const start = lines.indexOf(
    'Warnings (unconfirmed expectations; each fails only with POLYTOMIC_STRICT=true):',
  );
  expect(start).toBeGreaterThan(0);
  expect(lines[start + 1]).toBe(
    '  unsupported_version (decision)  2 tests  in 2024-02-08, 2025-09-18',
  );
  // Wrapped lines joined back: the source, then one example, received vs documented.
  const section = lines
    .slice(start + 2, lines.indexOf('Skipped:') - 1)
    .map((line) => line.trim())
    .join(' ');
  expect(section).toBe(
    'Source: CONTRACT: no source gives the status for an unknown version ' +
      'e.g. 2024-02-08 · GET /api/me · partner · unsupported_version: received 404, documented 400 (an unknown version)',
  );
});

test('failures are listed by violated check with their level, versions and source', () => {
  expect(summary).toMatch(
    /^ {2}version_header_echo \(documented\) +2 failed \(2 departures\) {2}in 2024-02-08, 2025-09-18$/m,
  );
  expect(summary).toMatch(
    /^ {2}response_schema \(safety\) +1 failed \(1 departure\) {2}in 2025-09-18$/m,
  );
  expect(summary).toMatch(/^ {6}Source: GUIDE-VERSIONING: "Every response includes/m);
  expect(summary).toContain('Failed without a named check (1; a harness or target error):');
  expect(summary).toContain('  1× TypeError: cannot read properties of undefined');
});

test('the broken rules come after what was judged, before the table, the gravest first, each with one example exchange', () => {
  const table = lines.findIndex((line) => line.startsWith('Conformance by check family'));
  const broken = lines.indexOf('Broken rules (2 rules; each fails the run):');
  // Only the coverage of what was judged comes before them (it says what the run covered).
  expect(lines.slice(0, broken).every((line) => !line.startsWith('Conformance'))).toBe(true);
  expect(broken).toBeGreaterThanOrEqual(0);
  expect(lines[broken + 1]).toMatch(/^ {2}response_schema \(safety\)/);
  const echo = lines.findIndex((line) => line.startsWith('  version_header_echo'));
  expect(echo).toBeGreaterThan(broken + 1);
  expect(echo).toBeLessThan(table);
  const example = lines
    .slice(echo + 1, table)
    .map((line) => line.trim().replace(/ +/g, ' '))
    .join(' ');
  expect(example).toContain(
    'e.g. 2024-02-08 · - · - · version_header_echo: GET /api/organizations · partner in "echo"',
  );
  expect(example).toContain('Received: 200 Documented: 401');
});

test('the versions that served header-less requests are named', () => {
  expect(summary).toContain('Requests without X-Polytomic-Version were served as: 2025-09-18');
});

test('the counts line names every outcome, and the flaky among the passed and warned', () => {
  expect(lines.at(-1)).toBe(
    '4 passed, 2 warned, 3 failed, 3 skipped, 1 not judged here (2 flaky: failed, then passed on retry)',
  );
});

test('every line fits in 100 columns', () => {
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
});

test('a clean run shows no warning, not-judged or failure section', () => {
  const clean = formatSummary(
    testRows(
      jsonReport([{ project: '2025-09-18', family: 'auth', title: 'x', status: 'expected' }]),
    ),
  );
  expect(clean).not.toContain('Warnings');
  expect(clean).not.toContain('Not judged here');
  expect(clean).not.toContain('Failed');
  expect(clean.split('\n').at(-1)).toBe(
    '1 passed, 0 warned, 0 failed, 0 skipped, 0 not judged here',
  );
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
  const preflight = (...checks: string[]): Case => ({
    project: 'preflight',
    family: 'credentials',
    title: 'POLYTOMIC_PARTNER_KEY is a partner credential',
    status: 'unexpected',
    endpoint: 'GET /api/me',
    mode: 'partner',
    failures: checks,
  });

  test('no test at all: the first global error is the sentence', () => {
    const report = jsonReport([], ['Error: http://127.0.0.1:4010/health is already used\n  at x']);
    expect(whyNothingWasJudged(report, testRows(report))).toBe(
      'No test ran: Error: http://127.0.0.1:4010/health is already used',
    );
  });

  test('a key of the wrong kind, whatever else failed with it, so no version ran', () => {
    const report = jsonReport([preflight('credential_kind', 'auth_accepted'), notRun]);
    expect(whyNothingWasJudged(report, testRows(report))).toBe(
      'POLYTOMIC_PARTNER_KEY is a partner credential? No: /api/me answered 200.\n' +
        'No API version was checked: set each key variable to a key of its kind.',
    );
  });

  test('a preflight that broke before judging anything', () => {
    const broken: Case = { ...preflight(), errors: ['TypeError: boom\n  at x'] };
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
