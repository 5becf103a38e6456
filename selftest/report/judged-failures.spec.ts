import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { JSONReport, JSONReportSuite, JSONReportTest } from '@playwright/test/reporter';
import { CURRENT_VERSION } from '../../contract/versions';
import { freePort } from '../../scripts/lib/bench/processes';
import { playwrightCommand } from '../../scripts/lib/run/playwright-cli';
import { BASE_ENV, ROOT, tempDir } from '../gate/helpers';

/**
 * A test failed by a judged exchange or the write guard keeps its worker (harness/report/judged-failures.ts),
 * and is still a plain failure everywhere: Playwright's exit code and JSON report, and
 * Allure's results. Run on the current version's /api/me tests with every version echo
 * wrong, with the first reporters and without them (then Playwright replaces the worker
 * after each failure, as it always did).
 */
const CONFIG = path.join(__dirname, 'judged', 'judged.config.ts');

interface Outcome {
  readonly status: number | null;
  readonly failed: number;
  readonly passed: number;
  readonly workers: number;
  readonly markers: number;
  readonly allure: Readonly<Record<string, number>>;
}

function tests(suites: readonly JSONReportSuite[]): JSONReportTest[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests),
    ...tests(suite.suites ?? []),
  ]);
}

async function run(bare: boolean, { fault, grep, deps }: Case): Promise<Outcome> {
  const dir = tempDir('judged');
  const json = path.join(dir, 'results.json');
  const result = spawnSync(
    ...playwrightCommand(
      'test',
      '--config',
      CONFIG,
      `--project=${CURRENT_VERSION}`,
      ...(deps ? [] : ['--no-deps']),
      '--grep',
      grep,
    ),
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
      env: {
        ...process.env,
        ...BASE_ENV,
        REFERENCE_PORT: String(await freePort()),
        REFERENCE_FAULTS: fault,
        PLAYWRIGHT_JSON_OUTPUT_NAME: json,
        JUDGED_SELFTEST_BARE: String(bare),
      },
    },
  );
  const report = JSON.parse(readFileSync(json, 'utf8')) as JSONReport;
  const all = tests(report.suites).filter((one) => one.results.length > 0);
  const last = (one: JSONReportTest) => one.results.at(-1);
  const failedTest = (one: JSONReportTest) =>
    last(one)?.status === 'failed' && one.expectedStatus === 'passed';
  const allure: Record<string, number> = {};
  const allureDir = path.join(dir, 'allure-results');
  for (const file of readdirSync(allureDir).filter((name) => name.endsWith('-result.json'))) {
    const { status } = JSON.parse(readFileSync(path.join(allureDir, file), 'utf8')) as {
      status: string;
    };
    allure[status] = (allure[status] ?? 0) + 1;
  }
  return {
    status: result.status,
    failed: all.filter(failedTest).length,
    passed: all.filter((one) => last(one)?.status === 'passed').length,
    workers: new Set(all.flatMap((one) => one.results.map((r) => r.workerIndex))).size,
    markers: all.filter((one) =>
      [...one.annotations, ...one.results.flatMap((r) => r.annotations)].some(
        (annotation) => annotation.type === 'fail',
      ),
    ).length,
    allure,
  };
}

interface Case {
  readonly what: string;
  readonly fault: string;
  readonly grep: string;
  /** With the preflight (and its collateral teardown): writes need its snapshot. */
  readonly deps: boolean;
}

const CASES: readonly Case[] = [
  { what: 'a judged failure', fault: 'wrongVersionEcho', grep: 'GET /api/me', deps: false },
  // Every create answers an organization that existed: the write guard stops each test.
  {
    what: "a write guard's refusal",
    fault: 'createAnswersExistingId',
    grep: 'lifecycle|users',
    deps: true,
  },
];

for (const one of CASES)
  test(`${one.what} keeps the worker and is a plain failure in every report`, async () => {
    test.setTimeout(400_000);
    const kept = await run(false, one);
    const replaced = await run(true, one);
    // The same verdicts either way: every test failed, nothing "expected to fail".
    for (const outcome of [kept, replaced]) {
      expect(outcome.status, JSON.stringify(outcome)).toBe(1);
      expect(outcome.failed).toBeGreaterThan(2);
      expect(outcome.markers).toBe(0);
      expect(outcome.allure.failed).toBe(outcome.failed);
      expect(outcome.allure.passed ?? 0).toBe(outcome.passed);
    }
    expect(kept.failed).toBe(replaced.failed);
    // Kept: no more workers than the run has (the preflight and the teardown have their
    // own); replaced: one more per failed test, about.
    expect(kept.workers).toBeLessThanOrEqual(one.deps ? 4 : 2);
    expect(replaced.workers).toBeGreaterThan(kept.failed / 2);
  });
