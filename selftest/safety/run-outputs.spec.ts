import { expect, test } from '@playwright/test';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { runPrefix } from '../../harness/config/run';
import { readLedger } from '../../harness/safety/ledger';
import type { FaultName } from '../../reference/faults';
import { startReferenceServer } from '../../reference/server';
import { readReport, testRows } from '../../scripts/lib/run/results';
import {
  DISTINCT_KEYS,
  type Finished,
  run,
  seconds,
  targetEnv,
  type Workspace,
  workspace,
} from './helpers';

/**
 * `npm run conformance` against the reference server started here, with
 * distinctive keys and writes allowed, then `npm run leak-scan` over that
 * run's reports/, allure-results/ and test-results/ (the built Allure report
 * included). Clean runs, runs with failing checks and a target that echoes the
 * credential back must all leave no key behind and no organization.
 */
interface Outcome {
  readonly suite: Finished;
  readonly scan: Finished;
  readonly leftovers: string[];
  readonly files: number;
  readonly ws: Workspace;
}

async function conformanceRun(
  runId: string,
  faults: FaultName[],
  args: string[] = [],
): Promise<Outcome> {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS, faults });
  const ws = workspace();
  try {
    const env = targetEnv(reference.url, DISTINCT_KEYS, {
      POLYTOMIC_ALLOW_WRITES: 'true',
      POLYTOMIC_RUN_ID: runId,
    });
    const suite = await run('npm', ['run', 'conformance', '--', ...args], {
      cwd: ws.dir,
      env,
      timeoutMs: 360_000,
    });
    const scan = await run('npm', ['run', '--silent', 'leak-scan'], {
      cwd: ws.dir,
      env,
      timeoutMs: 120_000,
    });
    const leftovers = reference
      .organizationNames()
      .filter((name) => name.startsWith(runPrefix(runId)));
    return { suite, scan, leftovers, files: ws.outputFiles().length, ws };
  } finally {
    await reference.close();
  }
}

function describeOutcome(what: string, outcome: Outcome): void {
  const summary = /(\d+ passed[^\n]*)/.exec(outcome.suite.stdout)?.[1] ?? '';
  console.log(
    `${what}: exit ${outcome.suite.code} after ${seconds(outcome.suite.ms)} (${summary}); ${outcome.leftovers.length} organizations left; ${outcome.scan.stdout.trim()}`,
  );
}

function expectNoKeyInOutput(outcome: Outcome): void {
  expect(outcome.scan.code, outcome.scan.stdout + outcome.scan.stderr).toBe(0);
  // The four configured keys, and the keys the run issued to its users.
  expect(outcome.scan.stdout).toMatch(/searched for ([4-9]|\d{2,}) secrets; none found/);
  expect(outcome.files).toBeGreaterThan(50);
  for (const key of Object.values(DISTINCT_KEYS)) {
    expect(outcome.suite.stdout + outcome.suite.stderr).not.toContain(key);
  }
}

test('a full run with writes leaves no organization with its run prefix, and no key in any output', async () => {
  test.setTimeout(420_000);
  const outcome = await conformanceRun('safety-full', []);
  try {
    describeOutcome('full run, every version', outcome);
    expect(outcome.suite.code, outcome.suite.stdout.slice(-3000)).toBe(0);
    expect(outcome.leftovers).toEqual([]);
    const ledger = readLedger(`${outcome.ws.dir}/reports/ledger/safety-full.jsonl`);
    const ids = [...(ledger?.ids.values() ?? [])];
    console.log(
      `ledger: ${ledger?.names.size} names drawn, ${ids.length} organizations created, ${ids.filter((id) => id.removed).length} removed`,
    );
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.every((id) => id.removed)).toBe(true);
    expectNoKeyInOutput(outcome);
    // Fast by design: a worker process each for the preflight, every version and the
    // collateral check, none started twice (moving a worker to another version restarts it).
    const workers = workerProcesses(`${outcome.ws.dir}/reports/results.json`);
    console.log(`worker processes: ${[...workers].map(([p, n]) => `${p} ${n}`).join(', ')}`);
    expect(Object.fromEntries(workers)).toEqual({
      preflight: 1,
      ...Object.fromEntries(SUPPORTED_VERSIONS.map((version) => [version, 1])),
      collateral: 1,
    });
  } finally {
    outcome.ws.remove();
  }
});

/** How many worker processes ran each project's tests, from Playwright's JSON report. */
function workerProcesses(resultsPath: string): Map<string, number> {
  const indexes = new Map<string, Set<number>>();
  for (const row of testRows(readReport(resultsPath))) {
    const set = indexes.get(row.project) ?? new Set<number>();
    for (const index of row.workerIndexes) set.add(index);
    indexes.set(row.project, set);
  }
  return new Map([...indexes].map(([project, set]) => [project, set.size]));
}

test('a target that echoes the credential in its 401 bodies: the checks fail, and still no key in any output', async () => {
  test.setTimeout(300_000);
  const outcome = await conformanceRun(
    'safety-echo',
    ['credentialInErrors'],
    ['--project=2025-09-18'],
  );
  try {
    describeOutcome('credentialInErrors', outcome);
    expect(outcome.suite.code).toBe(1);
    expect(outcome.suite.stdout).toContain('error_no_internals');
    expect(outcome.leftovers).toEqual([]);
    expectNoKeyInOutput(outcome);
  } finally {
    outcome.ws.remove();
  }
});

test('a run whose auth checks fail (credentials built from the keys are accepted): no key in any output', async () => {
  test.setTimeout(300_000);
  const faults: FaultName[] = ['actingAsIgnored', 'acceptUnknownBearer', 'basicWrongKeyAccepted'];
  const outcome = await conformanceRun('safety-auth', faults, ['--project=2024-02-08']);
  try {
    describeOutcome(faults.join(', '), outcome);
    expect(outcome.suite.code).toBe(1);
    expect(outcome.leftovers).toEqual([]);
    expectNoKeyInOutput(outcome);
  } finally {
    outcome.ws.remove();
  }
});
