import { readFileSync } from 'node:fs';
import { FAMILIES, type Family } from '../harness/checks/types';

/** Reads Playwright's JSON report into flat rows: one per test × project. */
export interface TestRow {
  readonly project: string;
  /** The describe block: a check family. */
  readonly family: string;
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'skipped' | 'flaky';
  readonly skipReason?: string;
  /** `[check_name]` tags in the failure messages. */
  readonly violatedChecks: readonly string[];
  readonly errors: readonly string[];
  /** The worker process of each attempt (Playwright's workerIndex). */
  readonly workerIndexes: readonly number[];
}

interface JsonSuite {
  title: string;
  suites?: JsonSuite[];
  specs?: {
    title: string;
    tests: {
      projectName: string;
      status: 'expected' | 'unexpected' | 'skipped' | 'flaky';
      annotations?: { type: string; description?: string }[];
      results: {
        errors?: { message?: string }[];
        annotations?: { type: string; description?: string }[];
        workerIndex?: number;
      }[];
    }[];
  }[];
}

export interface JsonReport {
  suites: JsonSuite[];
  errors?: { message?: string }[];
  stats?: { expected: number; unexpected: number; skipped: number; flaky: number };
}

const STATUS = {
  expected: 'passed',
  unexpected: 'failed',
  skipped: 'skipped',
  flaky: 'flaky',
} as const;
/**
 * A violation's tag as formatViolation writes it: `[check]` alone on its line,
 * followed by `Received:` — so `[redacted]` or a goroutine's `[running]` quoted
 * from a response body is never taken for a check.
 */
const CHECK_TAG = /^\[([a-z_]+)\](?: \(warning\))?\n\s+Received:/gm;

export function readReport(path: string): JsonReport {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
}

export function testRows(report: JsonReport): TestRow[] {
  const rows: TestRow[] = [];
  const walk = (suite: JsonSuite, family: string | undefined) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const errors = test.results.flatMap((result) =>
          (result.errors ?? []).map((error) => stripAnsi(error.message ?? '')),
        );
        const skip = [
          ...(test.annotations ?? []),
          ...test.results.flatMap((r) => r.annotations ?? []),
        ].find((annotation) => annotation.type === 'skip');
        rows.push({
          project: test.projectName,
          family: family ?? 'other',
          title: spec.title,
          status: STATUS[test.status],
          skipReason: test.status === 'skipped' ? (skip?.description ?? 'skipped') : undefined,
          violatedChecks: [
            ...new Set(
              errors.flatMap((message) =>
                [...message.matchAll(CHECK_TAG)].map((m) => m[1] as string),
              ),
            ),
          ],
          errors,
          workerIndexes: test.results.flatMap((result) => result.workerIndex ?? []),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, family ?? child.title);
  };
  for (const file of report.suites) walk(file, undefined);
  return rows;
}

export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

export type Counts = Record<'passed' | 'failed' | 'skipped' | 'flaky', number>;

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0, flaky: 0 };
}

/** Counts per project × family, families in their report order. */
export function countByProjectAndFamily(
  rows: readonly TestRow[],
): Map<string, Map<string, Counts>> {
  const table = new Map<string, Map<string, Counts>>();
  for (const row of rows) {
    const byFamily = table.get(row.project) ?? new Map<string, Counts>();
    const counts = byFamily.get(row.family) ?? emptyCounts();
    counts[row.status] += 1;
    byFamily.set(row.family, counts);
    table.set(row.project, byFamily);
  }
  return table;
}

export function familiesIn(rows: readonly TestRow[]): string[] {
  const seen = new Set(rows.map((row) => row.family));
  return [
    ...FAMILIES.filter((family: Family) => seen.has(family)),
    ...[...seen].filter((f) => !FAMILIES.includes(f as Family)),
  ];
}
