import { expect, test } from '@playwright/test';
import type {
  FullConfig,
  FullResult,
  Suite,
  TestCase,
  TestResult,
} from '@playwright/test/reporter';
import ConsoleReporter, {
  ALL_RULES,
  PER_RULE,
  UNNAMED,
} from '../../harness/report/console-reporter';
import { ANNOTATION } from '../../harness/report/test-identity';

/**
 * The console of a broken run is one line per failing check, a few per rule, then how many
 * more: a target breaking one rule on every answer printed 36,151 lines, the summary last.
 */
function violation(check: string, n: number) {
  return {
    type: ANNOTATION.violation,
    description: JSON.stringify({
      check,
      family: 'version-header',
      level: 'documented',
      severity: 'error',
      endpoint: `GET /api/organizations/${n}`,
      mode: 'partner',
      status: 200,
      received: 'X-Polytomic-Version: 2022-12-12',
      documented: 'X-Polytomic-Version: 2025-09-18\n(the requested version)',
    }),
  };
}

function testCase(id: number, outcome: 'expected' | 'unexpected'): TestCase {
  return {
    id: String(id),
    retries: 0,
    expectedStatus: 'passed',
    annotations: [],
    outcome: () => outcome,
    titlePath: () => ['', '2025-09-18', 'a.spec.ts', 'auth', `test ${id}`],
    parent: { project: () => ({ name: '2025-09-18' }) },
  } as unknown as TestCase;
}

function result(status: TestResult['status'], annotations: TestResult['annotations']): TestResult {
  const error = { message: 'Error: socket hang up\n    at somewhere' };
  return {
    status,
    retry: 0,
    annotations,
    errors: status === 'failed' ? [error] : [],
    error: status === 'failed' ? error : undefined,
  } as unknown as TestResult;
}

function printed(run: (reporter: ConsoleReporter) => void): string[] {
  const lines: string[] = [];
  const reporter = new ConsoleReporter({ write: (line) => lines.push(line) });
  reporter.onBegin({ workers: 4 } as FullConfig, { allTests: () => [] } as unknown as Suite);
  run(reporter);
  reporter.onEnd({ status: 'failed', duration: 12_000 } as FullResult);
  return lines;
}

test('one rule broken on 440 tests: a few lines, then how many more', () => {
  const lines = printed((reporter) => {
    for (let n = 0; n < 440; n++)
      reporter.onTestEnd(
        testCase(n, 'unexpected'),
        result('failed', [
          violation('version_header_echo', n),
          violation('version_header_echo', n + 1000),
        ]),
      );
    for (let n = 440; n < 466; n++)
      reporter.onTestEnd(testCase(n, 'expected'), result('passed', []));
  });
  expect(lines.length).toBe(1 + PER_RULE + 1 + 1);
  expect(lines[1]).toBe(
    '  ✘ version_header_echo · 2025-09-18 · GET /api/organizations/0 · partner → 200: received X-Polytomic-Version: 2022-12-12, documented X-Polytomic-Version: 2025-09-18 (the requested version)',
  );
  expect(lines.at(-2)).toBe(
    `  … and ${880 - PER_RULE} more version_header_echo (880 in 440 failed tests; each is in the report)`,
  );
  expect(lines.at(-1)).toBe(
    '26 passed, 0 warned, 440 failed, 0 skipped, 0 not judged here (12.0 s)',
  );
});

test('many rules broken: at most ALL_RULES lines of them; failures without a rule, UNNAMED', () => {
  const lines = printed((reporter) => {
    for (let n = 0; n < 400; n++)
      reporter.onTestEnd(
        testCase(n, 'unexpected'),
        result('failed', [violation(`rule_${n % 40}`, n)]),
      );
    for (let n = 400; n < 450; n++)
      reporter.onTestEnd(testCase(n, 'unexpected'), result('failed', []));
  });
  const departures = lines.filter((line) => line.startsWith('  ✘ rule_'));
  expect(departures.length).toBe(ALL_RULES);
  const unnamed = lines.filter((line) => line.includes('socket hang up'));
  expect(unnamed.length).toBe(UNNAMED);
  expect(unnamed[0]).toBe('  ✘ 2025-09-18 · auth › test 400: Error: socket hang up');
  expect(lines).toContain(`  … and ${50 - UNNAMED} more failed without a named check`);
  expect(lines.filter((line) => / more rule_\d+ /.test(line)).length).toBe(40);
  expect(lines.length).toBeLessThan(ALL_RULES + UNNAMED + 40 + 5);
});
