import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SHARD_MARK, SUITE_MARK } from '../../harness/report/run-metadata';
import { run, workspace } from '../safety/helpers';
import {
  BASE_ENV,
  runScript,
  type SyntheticTest,
  syntheticReport,
  tempDir,
  writeJson,
} from './helpers';

/**
 * The gate refuses, with exit 2 and one sentence, results it cannot trust: written by another
 * command than a run of the suite (`--list` among them), with no test executed, or with fewer
 * tests executed than the run holds (one never started, a shard missing). And
 * `npx playwright test --list` writes no report file at all.
 */
const TESTS: readonly SyntheticTest[] = [
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
    status: 'expected',
  },
];

type Report = ReturnType<typeof syntheticReport> & { config?: { metadata?: object } };

function gate(report: object) {
  const dir = tempDir('gate-trust');
  const results = writeJson(dir, 'results.json', report);
  const baseline = writeJson(dir, 'baseline.json', { entries: [] });
  const args = ['--from-results', results, '--baseline', baseline, '--today', '2026-06-01'];
  return runScript('scripts/gate.ts', [...args, '--out', dir]);
}

const firstTest = (report: Report) => report.suites[0]?.suites[0]?.specs[0]?.tests[0];

test('the same synthetic run is judged (exit 0): what follows changes one thing', () => {
  const { status, output } = gate(syntheticReport(TESTS));
  expect(status, output).toBe(0);
  expect(output).toContain('Gate passed');
});

test('a report no run of the suite wrote (no suite metadata): exit 2', () => {
  const { config: _suite, ...report } = syntheticReport(TESTS);
  const { status, output } = gate(report);
  expect(status, output).toBe(2);
  expect(output).toContain('Not a run of this suite');
  expect(output).not.toContain('Gate passed');
});

test('no test executed (every one skipped): exit 2', () => {
  const skipped = TESTS.map((one) => ({ ...one, status: 'skipped' as const }));
  const { status, output } = gate(syntheticReport(skipped));
  expect(status, output).toBe(2);
  expect(output).toContain('No test ran: all 2 tests');
});

test('a test that never started (the run stopped early): exit 2', () => {
  const report: Report = syntheticReport(TESTS);
  const never = firstTest(report);
  if (never) never.results = [];
  const { status, output } = gate(report);
  expect(status, output).toBe(2);
  expect(output).toContain('Not a whole run: 1 of the 2 tests');
});

test('a merged report without one of its shards: exit 2', () => {
  const report: Report = syntheticReport(TESTS);
  report.config = {
    metadata: { [SUITE_MARK]: 'run', [`${SHARD_MARK} 1`]: '1/3', [`${SHARD_MARK} 3`]: '3/3' },
  };
  const { status, output } = gate(report);
  expect(status, output).toBe(2);
  expect(output).toContain('lacks shard 2 of 3');
  report.config.metadata = { ...report.config.metadata, [`${SHARD_MARK} 2`]: '2/3' };
  expect(gate(report).status).toBe(0);
});

/** Every report file a run writes, and whether each is there and when it was last written. */
function reportFiles(dir: string): Record<string, number | 'absent'> {
  const files = ['reports/results.json', 'reports/junit.xml', 'allure-results'];
  return Object.fromEntries(
    files.map((file) => {
      const full = path.join(dir, file);
      return [file, existsSync(full) ? statSync(full).mtimeMs : 'absent'];
    }),
  );
}

test('npx playwright test --list writes no report file, and the gate refuses what it prints', async () => {
  test.setTimeout(180_000);
  const ws = workspace();
  try {
    // The last run's reports, which listing must leave as they are.
    mkdirSync(path.join(ws.dir, 'reports'), { recursive: true });
    writeFileSync(path.join(ws.dir, 'reports', 'results.json'), '{"suites": []}');
    writeFileSync(path.join(ws.dir, 'reports', 'junit.xml'), '<testsuites/>');
    const before = reportFiles(ws.dir);
    const env = { ...BASE_ENV, REFERENCE_PORT: '1' };
    const listed = await run('npx', ['playwright', 'test', '--list'], {
      cwd: ws.dir,
      env,
      timeoutMs: 120_000,
    });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Total: \d+ tests in \d+ files/);
    expect(reportFiles(ws.dir)).toEqual(before);
    expect(before['allure-results']).toBe('absent');
    // Its JSON, asked for on stdout, is no result to gate either.
    const json = await run('npx', ['playwright', 'test', '--list', '--reporter=json'], {
      cwd: ws.dir,
      env,
      timeoutMs: 120_000,
    });
    const { status, output } = gate(JSON.parse(json.stdout));
    expect(status, output).toBe(2);
    expect(output).toContain('written by `playwright test --list`');
  } finally {
    ws.remove();
  }
});
