import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ANNOTATION } from '../../harness/report/test-identity';
import { type BaselineEntry, type Failure, judge } from '../../scripts/lib/gate/baseline';
import {
  type CheckId,
  checkIdsOf,
  formatCheckId,
  HARNESS_ERROR,
  matchesPattern,
  NO_MODE,
  parseCheckId,
} from '../../scripts/lib/gate/check-id';
import { playwrightCommand } from '../../scripts/lib/run/playwright-cli';
import { type JsonReport, readReport, type TestRow, testRows } from '../../scripts/lib/run/results';
import {
  ROOT,
  runScript,
  type SyntheticTest,
  syntheticReport,
  tempDir,
  writeJson,
} from './helpers';

// A check id is `version · endpoint · mode · check`: the row's project, the endpoint and
// mode its test carries as annotations, and each check its recorded departures failed.
// No title is ever read, so renaming a test or its describe block changes no id.

const row = (fields: Partial<TestRow> = {}) => ({
  project: '2025-09-18',
  endpoint: 'GET /api/me',
  mode: 'partner',
  violatedChecks: [] as string[],
  ...fields,
});

test('one id per registered check in the failure; none named is a harness error', () => {
  expect(
    checkIdsOf(row({ violatedChecks: ['response_schema', 'redacted', 'version_header_echo'] })).map(
      formatCheckId,
    ),
  ).toEqual([
    '2025-09-18 · GET /api/me · partner · response_schema',
    '2025-09-18 · GET /api/me · partner · version_header_echo',
  ]);
  expect(checkIdsOf(row())[0]?.check).toBe(HARNESS_ERROR);
  expect(checkIdsOf(row({ violatedChecks: ['auth_scope', 'auth_scope'] }))).toHaveLength(1);
});

test("the id's endpoint and mode are the row's, whatever they hold", () => {
  const ids = [
    row({
      endpoint: 'DELETE /api/organizations/{id}',
      mode: 'apiKey',
      violatedChecks: ['auth_scope'],
    }),
    row({ endpoint: 'GET /api/me', mode: 'unauthenticated', violatedChecks: ['auth_required'] }),
    row({
      project: 'preflight',
      endpoint: NO_MODE,
      mode: NO_MODE,
      violatedChecks: ['credential_kind'],
    }),
  ].flatMap(checkIdsOf);
  expect(ids.map(formatCheckId)).toEqual([
    '2025-09-18 · DELETE /api/organizations/{id} · apiKey · auth_scope',
    '2025-09-18 · GET /api/me · unauthenticated · auth_required',
    'preflight · - · - · credential_kind',
  ]);
  for (const id of ids) expect(parseCheckId(formatCheckId(id))).toEqual(id);
});

test.describe('a row of the JSON report takes its identity from annotations', () => {
  const one = (test: SyntheticTest) => {
    const [only, ...rest] = testRows(syntheticReport([test]));
    expect(rest).toEqual([]);
    return only as TestRow;
  };

  test('a title that reads like another endpoint and mode is not read', () => {
    const found = one({
      project: '2025-09-18',
      family: 'auth',
      describe: 'GET /api/organizations/{id} · deployment',
      title: 'DELETE /api/organizations/{id} · apiKey → 403',
      endpoint: 'GET /api/me',
      mode: 'partner',
      status: 'unexpected',
      violations: ['auth_accepted'],
    });
    expect(found).toMatchObject({ family: 'auth', endpoint: 'GET /api/me', mode: 'partner' });
    expect(checkIdsOf(found).map(formatCheckId)).toEqual([
      '2025-09-18 · GET /api/me · partner · auth_accepted',
    ]);
  });

  test("the endpoint set when the test ran (this version's method) wins over the declared one", () => {
    const report = syntheticReport([
      {
        project: '2022-12-12',
        family: 'lifecycle',
        title: 'update and remove carrying an Idempotency-Key are served as without it',
        endpoint: 'update /api/organizations/{id}',
        mode: 'partner',
        status: 'unexpected',
        violations: ['idempotency_header_accepted'],
      },
    ]);
    const attempt = report.suites[0]?.suites[0]?.specs[0]?.tests[0]?.results[0];
    attempt?.annotations.push({
      type: ANNOTATION.endpoint,
      description: 'PATCH /api/organizations/{id}',
    });
    const [found] = testRows(report);
    expect(found && checkIdsOf(found).map(formatCheckId)).toEqual([
      '2022-12-12 · PATCH /api/organizations/{id} · partner · idempotency_header_accepted',
    ]);
  });

  test('no endpoint or mode annotation: "-" for both', () => {
    expect(
      one({
        project: 'collateral',
        family: 'safety',
        title: 'nothing touched',
        status: 'expected',
      }),
    ).toMatchObject({ endpoint: NO_MODE, mode: NO_MODE, family: 'safety' });
  });

  test('only failing departures make ids: a warning in a passed test makes none', () => {
    const warned = one({
      project: '2025-09-18',
      family: 'lifecycle',
      title: 'a numeric name',
      endpoint: 'POST /api/organizations',
      mode: 'partner',
      status: 'expected',
      violations: [{ check: 'name_type', level: 'decision', severity: 'warning' }],
    });
    expect(warned.violatedChecks).toEqual([]);
    expect(warned.warnings.map((w) => w.check)).toEqual(['name_type']);
    // A failed test whose departures were only warnings failed for another reason.
    const thrown = one({
      project: '2025-09-18',
      family: 'lifecycle',
      title: 'a numeric name',
      endpoint: 'POST /api/organizations',
      mode: 'partner',
      status: 'unexpected',
      violations: [{ check: 'name_type', level: 'decision', severity: 'warning' }],
      errors: ['Error: socket hang up'],
    });
    expect(checkIdsOf(thrown).map((id) => id.check)).toEqual([HARNESS_ERROR]);
  });
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

// ---------------------------------------------------------------------------------------
// The rename proof: the same tests under other titles give the same ids, the same gate
// verdict and the same baseline matches.

const TODAY = '2026-06-01';
const BASELINE: readonly BaselineEntry[] = [
  {
    id: '2025-09-18 · GET /api/organizations · partner · owner_first',
    reason: 'known: the owner comes second',
    owner: 'conformance team',
    expires: '2026-12-31',
  },
  {
    id: '2025-09-18 · POST /api/organizations · * · name_type',
    reason: 'a decision; no source says',
    owner: 'conformance team',
    expires: '2026-12-31',
  },
];

/** Everything the gate and the baseline see of a report, titles left out. */
function judged(report: JsonReport) {
  const rows = testRows(report);
  const failures: Failure[] = rows
    .filter((r) => r.status === 'failed')
    .flatMap((r) => checkIdsOf(r).map((id) => ({ id, test: r.title, family: r.family })));
  const executed = rows
    .filter((r) => r.status !== 'skipped')
    .map((r) => ({ version: r.project, endpoint: r.endpoint, mode: r.mode }));
  const result = judge(failures, executed, BASELINE, TODAY);
  const ids = (list: readonly { id: CheckId }[]) => list.map((f) => formatCheckId(f.id)).sort();
  return {
    titles: rows.map((r) => r.title).sort(),
    describes: [
      ...new Set(report.suites.flatMap((file) => (file.suites ?? []).map((s) => s.title))),
    ],
    identity: {
      ids: ids(failures),
      families: rows
        .map((r) => `${r.project} · ${r.endpoint} · ${r.mode} · ${r.family} · ${r.status}`)
        .sort(),
      warnings: rows
        .flatMap((r) => r.warnings.map((w) => `${r.endpoint} · ${w.check} · ${w.level}`))
        .sort(),
      gate: {
        passed: result.passed,
        newFailures: ids(result.newFailures),
        known: result.known
          .map(({ failure, entry }) => `${formatCheckId(failure.id)} ← ${entry.id}`)
          .sort(),
        fixed: result.fixed.map((e) => e.id).sort(),
        notRun: result.notRun.map((e) => e.id).sort(),
        expired: result.expired.map((e) => e.id).sort(),
      },
    },
  };
}

test('rename proof, as data: other test and describe titles, the same ids, verdict and baseline matches', () => {
  const tests = (titles: readonly [string, string, string]): SyntheticTest[] => [
    {
      project: '2025-09-18',
      family: 'lifecycle',
      describe: titles[0],
      title: titles[1],
      endpoint: 'GET /api/organizations',
      mode: 'partner',
      status: 'unexpected',
      violations: ['owner_first'],
    },
    {
      project: '2025-09-18',
      family: 'auth',
      describe: titles[0],
      title: titles[2],
      endpoint: 'GET /api/me',
      mode: 'apiKey',
      status: 'expected',
    },
  ];
  const before = judged(
    syntheticReport(tests(['lifecycle', 'owner organization first', 'GET /api/me · apiKey → 200'])),
  );
  const after = judged(
    syntheticReport(tests(['reworded', 'the owner is on top', 'who am I, as an API key'])),
  );
  expect(after.titles).not.toEqual(before.titles);
  expect(after.identity).toEqual(before.identity);
  expect(before.identity.gate.known).toEqual([
    '2025-09-18 · GET /api/organizations · partner · owner_first ← 2025-09-18 · GET /api/organizations · partner · owner_first',
  ]);
});

test('rename proof, a real run: the same spec run twice under other titles by the Playwright CLI', () => {
  test.setTimeout(180_000);
  const dir = tempDir('rename-proof');
  const config = path.join(__dirname, 'rename', 'rename.config.ts');
  const run = (titles: string, strict = false): JsonReport => {
    const output = path.join(dir, `${titles}${strict ? '-strict' : ''}.json`);
    const result = spawnSync(...playwrightCommand('test', '--config', config), {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 150_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        FORCE_COLOR: '0',
        RENAME_TITLES: titles,
        RENAME_STRICT: String(strict),
        RENAME_OUTPUT_DIR: path.join(dir, 'output'),
        PLAYWRIGHT_JSON_OUTPUT_NAME: output,
      },
    });
    // One test fails on purpose (owner_first): exit 1, and a report either way.
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(1);
    return readReport(output);
  };
  try {
    const before = judged(run('original'));
    const after = judged(run('renamed'));
    // The titles did change, the describe block's too …
    expect(after.titles).not.toEqual(before.titles);
    expect(after.describes).not.toEqual(before.describes);
    // … and nothing the gate, the summary or the baseline reads did.
    expect(after.identity).toEqual(before.identity);
    expect(before.identity).toEqual({
      ids: ['2025-09-18 · GET /api/organizations · partner · owner_first'],
      families: [
        '2025-09-18 · GET /api/organizations · partner · lifecycle · failed',
        '2025-09-18 · GET /api/organizations · partner · lifecycle · passed',
        '2025-09-18 · POST /api/organizations · partner · lifecycle · passed',
      ],
      warnings: ['POST /api/organizations · name_type · decision'],
      gate: {
        passed: true,
        newFailures: [],
        known: [
          '2025-09-18 · GET /api/organizations · partner · owner_first ← 2025-09-18 · GET /api/organizations · partner · owner_first',
        ],
        fixed: ['2025-09-18 · POST /api/organizations · * · name_type'],
        notRun: [],
        expired: [],
      },
    });
    // The gate itself (scripts/gate.ts) on both reports: the same verdict, said the same way.
    const baseline = writeJson(dir, 'baseline.json', { entries: BASELINE });
    const gate = (titles: string) => {
      const out = path.join(dir, `gate-${titles}`);
      const args = ['--from-results', path.join(dir, `${titles}.json`), '--baseline', baseline];
      const { status, output } = runScript('scripts/gate.ts', [
        ...args,
        '--today',
        TODAY,
        '--out',
        out,
      ]);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
      return { status, output: output.replace(/^Summary: .*$/m, ''), gate: summary.gate };
    };
    const gateBefore = gate('original');
    expect(gateBefore.status, gateBefore.output).toBe(0);
    expect(gateBefore.output).toContain(
      'Known failures (baselined): 1\n  2025-09-18 · GET /api/organizations · partner · owner_first',
    );
    expect(gate('renamed')).toEqual(gateBefore);
    // Strict, the decision fails too: a new id, the same under either title.
    const strictBefore = judged(run('original', true));
    const strictAfter = judged(run('renamed', true));
    expect(strictAfter.identity).toEqual(strictBefore.identity);
    expect(strictBefore.identity.ids).toEqual([
      '2025-09-18 · GET /api/organizations · partner · owner_first',
      '2025-09-18 · POST /api/organizations · partner · name_type',
    ]);
    expect(strictBefore.identity.gate.known).toHaveLength(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
