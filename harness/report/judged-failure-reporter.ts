import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { JUDGED_FAILURE } from './judged-failures';

/**
 * Listed right after the redacting reporter, before every reporter that records results:
 * a test marked "expected to fail" because a judged exchange failed it (see
 * judged-failures.ts) becomes a plain failure again — its expected status `passed`, the
 * marker gone — on the objects Playwright hands every later reporter and counts for the
 * exit code.
 */
export default class JudgedFailureReporter implements Reporter {
  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const marked = (annotation: { type: string; description?: string }) =>
      annotation.type === 'fail' && annotation.description === JUDGED_FAILURE;
    if (!result.annotations.some(marked)) return;
    (test as { expectedStatus: TestCase['expectedStatus'] }).expectedStatus = 'passed';
    removeWhere(result.annotations, marked);
    removeWhere(test.annotations, marked);
  }
}

function removeWhere<T>(list: T[], predicate: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i] as T)) list.splice(i, 1);
}
