import { expect, test } from '@playwright/test';
import type {
  FullConfig,
  FullResult,
  Suite,
  TestCase,
  TestResult,
} from '@playwright/test/reporter';
import ConsoleReporter from '../../harness/report/console-reporter';
import { type JsonReport, testRows } from '../../scripts/lib/run/results';
import { countsLine, formatSummary, overviewMetadata } from '../../scripts/lib/summary/console';
import { summaryMarkdown } from '../../scripts/lib/summary/markdown';
import { buildSummary } from '../../scripts/lib/summary/model';
import { type Case, jsonReport } from './reports';

/**
 * One run's failures, counted alike wherever they are shown. summary.md said "440 failed" in
 * its header and "Failures (302)" below it: the list is of check ids (version · endpoint · mode
 * · check), which several failed tests share (every 401 variant of one endpoint and mode).
 */
const ECHO = {
  check: 'version_header_echo',
  received: 'X-Polytomic-Version: 2022-12-12',
  documented: 'X-Polytomic-Version: 2025-09-18',
};
const failing = (title: string, endpoint: string): Case => ({
  project: '2025-09-18',
  family: 'auth',
  title,
  status: 'unexpected',
  endpoint,
  mode: 'custom',
  failures: [ECHO],
});
const CASES: readonly Case[] = [
  failing('no Authorization → 401', 'GET /api/me'),
  failing('an unknown scheme → 401', 'GET /api/me'),
  failing('an empty Bearer → 401', 'GET /api/me'),
  failing('no Authorization → 401 (list)', 'GET /api/organizations'),
  { project: '2025-09-18', family: 'schema', title: 'list · partner', status: 'expected' },
];
const ROWS = testRows(jsonReport(CASES));
const TARGET = { targetUrl: 'https://polytomic.acme.example', bundled: false };

test('summary.md: the failed tests in the header and over the list, the check ids named as such', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  expect(summary.totals.failed).toBe(4);
  expect(summary.failures.length).toBe(2);
  const markdown = summaryMarkdown(summary);
  expect(markdown).toContain('**1 passed, 0 warned, 4 failed, 0 skipped, 0 not judged here**');
  expect(markdown).toContain('### Failures (4 failed tests, 2 failing check ids)');
  // Every "N failed" of the run as a whole says 4.
  const runWide = [...markdown.matchAll(/(\d+) failed(?! \()/g)].map((match) => match[1]);
  expect(new Set(runWide)).toEqual(new Set(['4']));
});

test('the console, the report metadata and summary.md count the same failed tests', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  const consoleText = formatSummary(ROWS);
  expect(consoleText).toContain('1 passed, 0 warned, 4 failed, 0 skipped, 0 not judged here');
  expect(consoleText).toMatch(/version_header_echo \(documented\) +4 failed \(4 departures\)/);
  const metadata = Object.fromEntries(overviewMetadata(ROWS));
  expect(metadata.result).toBe('1 rule broken · 4 failed');
  expect(metadata['broken 1']).toBe('version_header_echo · 4 failed · documented');
  expect(summary.brokenRules?.[0]).toMatchObject({ tests: 4, exchanges: 4 });
});

/** The same tests as Playwright hands a reporter, from the JSON report the summary reads. */
function asReported(report: JsonReport): [TestCase, TestResult][] {
  const STATUS = { expected: 'passed', unexpected: 'failed', skipped: 'skipped', flaky: 'passed' };
  const walk = (suite: JsonReport['suites'][number]): [TestCase, TestResult][] => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.map((t): [TestCase, TestResult] => {
        const outcome = {
          expected: 'expected',
          unexpected: 'unexpected',
          skipped: 'skipped',
          flaky: 'flaky',
        }[t.status];
        const last = t.results.at(-1);
        const test = {
          id: spec.title,
          retries: 0,
          expectedStatus: 'passed',
          outcome: () => outcome,
          annotations: t.annotations ?? [],
          titlePath: () => ['', t.projectName, 'spec.ts', spec.title],
          parent: { project: () => ({ name: t.projectName }) },
        } as unknown as TestCase;
        const result = {
          status: STATUS[t.status],
          retry: 0,
          annotations: last?.annotations ?? [],
          errors: last?.errors ?? [],
        } as unknown as TestResult;
        return [test, result];
      }),
    ),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return report.suites.flatMap(walk);
}

test("the console's last line while the suite runs counts as the summary after it", () => {
  const report = jsonReport([
    ...CASES,
    {
      project: '2025-09-18',
      family: 'error-body',
      title: 'a 404 · partner',
      status: 'expected',
      warnings: [{ check: 'error_message_present', level: 'decision' }],
    },
    {
      project: '2025-09-18',
      family: 'auth',
      title: 'no deployment key',
      status: 'skipped',
      skip: 'deployment key not configured: skipped',
    },
    {
      project: '2025-09-18',
      family: 'lifecycle',
      title: 'remove the owner organization',
      status: 'skipped',
      skip: 'not judged here',
      notJudgedHere: 'a wrong answer would remove the owner organization',
    },
  ]);
  const lines: string[] = [];
  const reporter = new ConsoleReporter({ write: (line) => lines.push(line) });
  reporter.onBegin({ workers: 1 } as FullConfig, { allTests: () => [] } as unknown as Suite);
  for (const [test, result] of asReported(report)) reporter.onTestEnd(test, result);
  reporter.onEnd({ status: 'failed', duration: 1000 } as FullResult);
  const rows = testRows(report);
  expect(countsLine(rows)).toBe('1 passed, 1 warned, 4 failed, 1 skipped, 1 not judged here');
  expect(lines.at(-1)).toBe(`${countsLine(rows)} (1.0 s)`);
});
