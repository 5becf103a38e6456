import { expect, test } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import { startReferenceServer } from '../../reference/server';
import { type JsonReport, type TestRow, testRows } from '../../scripts/lib/run/results';
import { startWritesProxy, type WriteMode } from '../hostile/writes-proxy';
import { run, seconds, targetEnv, workspace } from './helpers';

/**
 * The suite against a hostile deployment (selftest/hostile/writes-proxy.ts), as a
 * partner would run it: not the bundled server, so every write is vouched for by
 * the target's own answers. Whatever the target does, no request but a GET
 * reaches an organization that existed before the run, a read-only run creates
 * nothing, and the run ends with its exit code and one sentence.
 */
const VERSIONS = '2023-04-25,2025-09-18';

interface Outcome {
  readonly code: number | null;
  readonly ms: number;
  readonly output: string;
  readonly stdout: string;
  readonly rows: readonly TestRow[];
  /** Every annotation of every test, as `type: description`. */
  readonly annotations: readonly string[];
  readonly writesToPreExisting: number;
  readonly creates: number;
  readonly requests: number;
  readonly leftovers: readonly string[];
}

async function through(mode: WriteMode, writes: boolean): Promise<Outcome> {
  const reference = await startReferenceServer({ port: 0 });
  const { seed } = reference;
  const proxy = await startWritesProxy(reference.url, mode, {
    preExisting: [seed.partnerOwnerId, seed.partnerChildId, seed.otherOwnerId, seed.otherChildId],
    existingId: seed.partnerChildId,
    partnerKey: REFERENCE_KEYS.partnerKey,
  });
  const ws = workspace();
  try {
    const before = reference.organizationNames();
    const env = targetEnv(proxy.url, undefined, {
      POLYTOMIC_API_VERSIONS: VERSIONS,
      POLYTOMIC_WORKERS: '2',
      ...(writes ? { POLYTOMIC_ALLOW_WRITES: 'true' } : {}),
    });
    const suite = await run('npm', ['run', 'conformance'], {
      cwd: ws.dir,
      env,
      timeoutMs: 480_000,
    });
    const report = JSON.parse(ws.read('reports/results.json')) as JsonReport;
    const outcome: Outcome = {
      code: suite.code,
      ms: suite.ms,
      output: suite.stdout + suite.stderr,
      stdout: suite.stdout,
      rows: testRows(report),
      annotations: annotationsOf(report),
      writesToPreExisting: proxy.writesToPreExisting().length,
      creates: proxy.creates(),
      requests: proxy.requests(),
      leftovers: reference.organizationNames().filter((name) => !before.includes(name)),
    };
    const figures = `${mode} (${writes ? 'writes allowed' : 'read-only'}): exit ${outcome.code} in ${seconds(outcome.ms)}; ${outcome.requests} requests, ${outcome.writesToPreExisting} writes to pre-existing organizations, ${outcome.creates} organizations created, ${outcome.leftovers.length} left behind`;
    console.log(figures);
    test.info().annotations.push({ type: 'figures', description: figures });
    return outcome;
  } finally {
    ws.remove();
    await proxy.close();
    await reference.close();
  }
}

function annotationsOf(report: JsonReport): string[] {
  const out: string[] = [];
  const walk = (suite: JsonReport['suites'][number]) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        for (const a of [
          ...(t.annotations ?? []),
          ...t.results.flatMap((r) => r.annotations ?? []),
        ])
          out.push(`${a.type}: ${a.description ?? ''}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  return out;
}

const lastLine = (outcome: Outcome) => outcome.stdout.trim().split('\n').at(-1);
const failedChecks = (outcome: Outcome) =>
  new Set(
    outcome.rows.filter((row) => row.status === 'failed').flatMap((row) => row.violatedChecks),
  );
const collateral = (outcome: Outcome) => outcome.rows.find((row) => row.project === 'collateral');

test('honest: writes through a non-bundled target are vouched for by name and pass', async () => {
  test.setTimeout(500_000);
  const outcome = await through('honest', true);
  expect(outcome.code, outcome.output).toBe(0);
  expect(lastLine(outcome)).toBe('Result: conforms (exit 0).');
  expect(outcome.writesToPreExisting).toBe(0);
  expect(outcome.creates).toBeGreaterThan(0);
  expect(outcome.leftovers).toEqual([]);
  expect(collateral(outcome)?.status).toBe('passed');
});

test('createAnswersExistingId: the answer is refused as write_guard, the organization is never written', async () => {
  test.setTimeout(500_000);
  const outcome = await through('createAnswersExistingId', true);
  expect(outcome.code).toBe(1);
  expect(lastLine(outcome)).toBe('Result: violations found (exit 1).');
  expect(outcome.writesToPreExisting).toBe(0);
  expect(failedChecks(outcome)).toContain('write_guard');
  expect(outcome.output).toMatch(/write_guard \(safety\)\s+\d+ failed/);
  // What the reference server really created under the run's names is removed all the same.
  expect(outcome.leftovers).toEqual([]);
  expect(collateral(outcome)?.status).toBe('passed');
});

test('listNotArray: no write runs, and the collateral check says it could not check', async () => {
  test.setTimeout(500_000);
  const outcome = await through('listNotArray', true);
  expect(outcome.code).toBe(1);
  expect(lastLine(outcome)).toBe('Result: violations found (exit 1).');
  expect(outcome.writesToPreExisting).toBe(0);
  expect(outcome.creates).toBe(0);
  const check = collateral(outcome);
  expect(check?.status).toBe('skipped');
  expect(check?.skipReason).toContain("could not check: the partner key's list is not a list");
  const unusable = outcome.rows.filter((row) =>
    row.skipReason?.includes('the pre-run snapshot is unusable'),
  );
  expect(unusable.length).toBeGreaterThan(0);
  expect(outcome.output).toContain('could not check');
});

test('ignoreAuthOnCreate, read-only: the refused creates cannot create, and say so', async () => {
  test.setTimeout(500_000);
  const outcome = await through('ignoreAuthOnCreate', false);
  expect(outcome.code).toBe(1);
  expect(lastLine(outcome)).toBe('Result: violations found (exit 1).');
  expect(outcome.creates).toBe(0);
  expect(outcome.leftovers).toEqual([]);
  expect(outcome.writesToPreExisting).toBe(0);
  expect(failedChecks(outcome)).toContain('auth_required');
  expect(outcome.annotations.filter((a) => a.startsWith('read-only: ')).length).toBeGreaterThan(0);
});
