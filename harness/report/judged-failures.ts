import path from 'node:path';
import { type TestInfo, test } from '@playwright/test';

/**
 * A broken rule costs no new worker. Playwright replaces a worker after every failed test
 * (its maintainers keep that: microsoft/playwright#32803), which made a run against a
 * deployment breaking one rule everywhere several times slower than a clean one. A test
 * the harness fails by judging an exchange is not a broken worker: nothing in the worker
 * is left in a bad state by a contract violation. So such a test is marked "expected to
 * fail" (`testInfo.fail`) the moment a violation fails it, which keeps the worker, and the
 * reporter below turns it back into a plain failure before any other reporter sees it: the
 * console, JSON, JUnit and Allure all show it failed, and Playwright's exit code counts it.
 *
 * Only when that reporter runs (playwright.config.ts puts it at the head of any CLI
 * `--reporter` list; a config of its own may leave it out) and no retry is configured (a
 * test marked so is never retried): otherwise the failure is left as Playwright's own.
 */
export const JUDGED_FAILURE = 'conformance: failed by a judged exchange';

export const JUDGED_FAILURE_REPORTER = path.resolve(__dirname, 'judged-failure-reporter.ts');

/** Whether a failure judged in this test may keep its worker. */
export function keepsWorker(info: Pick<TestInfo, 'config' | 'project'>): boolean {
  if (info.project.retries > 0) return false;
  return info.config.reporter.some(([name]) => path.resolve(name) === JUDGED_FAILURE_REPORTER);
}

/**
 * Marks the running test as failed by the harness's own judgement — a violation, or the
 * write guard refusing a write — so its failure keeps the worker. Outside a test (a
 * command's cleanup, the global setup) it does nothing.
 */
export function keepWorkerOnFailure(info: TestInfo | undefined = runningTest()): void {
  if (info && keepsWorker(info)) info.fail(true, JUDGED_FAILURE);
}

function runningTest(): TestInfo | undefined {
  try {
    return test.info();
  } catch {
    return undefined;
  }
}
