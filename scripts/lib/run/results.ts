import { readFileSync } from 'node:fs';
import type {
  JSONReport,
  JSONReportSpec,
  JSONReportSuite,
  JSONReportTest,
  JSONReportTestResult,
} from '@playwright/test/reporter';
import { FAMILIES, type Family } from '../../../harness/checks/types';
import { ANNOTATION, NO_MODE } from '../../../harness/report/test-identity';

/** A departure as its test recorded it (harness/judge/judged-api.ts, annotation `violation`). */
export interface RecordedCheck {
  readonly check: string;
  readonly level: string;
  readonly severity: 'error' | 'warning';
  readonly family?: string;
  readonly endpoint?: string;
  readonly mode?: string;
  /** The status the target answered in the exchange. */
  readonly status?: number;
  readonly received?: string;
  readonly documented?: string;
}

/**
 * Reads Playwright's JSON report into flat rows: one per test × project. Identity is
 * data, never a title: the family, endpoint and mode come from the test's annotations
 * (harness/report/test-identity.ts), the violated checks from its `violation` annotations.
 */
export interface TestRow {
  readonly project: string;
  /** The test's check family (its describe block's `family` annotation). */
  readonly family: string;
  /** The endpoint and auth mode the test is about (annotations); `-` when it names none. */
  readonly endpoint: string;
  readonly mode: string;
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'skipped' | 'flaky';
  readonly skipReason?: string;
  /** Skipped because judging it could harm data on this target (not for a missing key). */
  readonly notJudgedHere?: string;
  /** Checks whose departures failed the test (severity error). */
  readonly violatedChecks: readonly string[];
  /** Departures that failed the test, as recorded. */
  readonly failures: readonly RecordedCheck[];
  /** Departures from a decision that did not fail it: unconfirmed expectations. */
  readonly warnings: readonly RecordedCheck[];
  /** The versions that served requests sent without X-Polytomic-Version. */
  readonly defaultServed: readonly string[];
  readonly errors: readonly string[];
  /** The worker process of each attempt (Playwright's workerIndex). */
  readonly workerIndexes: readonly number[];
}

/**
 * The parts of Playwright's JSON report (its own types, `@playwright/test/reporter`) that
 * the commands read: a field Playwright renames or retypes is a type error here, and a
 * report a self-test builds needs these and no more. The file's outer suite has no specs.
 */
type ReadResult = Pick<JSONReportTestResult, 'errors' | 'annotations' | 'workerIndex'>;
type ReadTest = Pick<JSONReportTest, 'projectName' | 'status' | 'annotations'> & {
  readonly results: readonly ReadResult[];
};
type ReadSpec = Pick<JSONReportSpec, 'title'> & { readonly tests: readonly ReadTest[] };
type ReadSuite = Pick<JSONReportSuite, 'title'> & {
  readonly specs?: readonly ReadSpec[];
  readonly suites?: readonly ReadSuite[];
};

export type JsonReport = { readonly suites: readonly ReadSuite[] } & Partial<
  Pick<JSONReport, 'errors'>
>;

const STATUS = {
  expected: 'passed',
  unexpected: 'failed',
  skipped: 'skipped',
  flaky: 'flaky',
} as const;
type Annotation = JSONReportTest['annotations'][number];

function recorded(annotations: readonly Annotation[]): RecordedCheck[] {
  const seen = new Set<string>();
  const out: RecordedCheck[] = [];
  for (const annotation of annotations) {
    if (annotation.type !== ANNOTATION.violation || !annotation.description) continue;
    if (seen.has(annotation.description)) continue;
    seen.add(annotation.description);
    try {
      out.push(JSON.parse(annotation.description) as RecordedCheck);
    } catch {
      // Not one the harness wrote: ignored rather than taken for a check.
    }
  }
  return out;
}

function annotationValue(annotations: readonly Annotation[], type: string): string | undefined {
  return annotations.find((annotation) => annotation.type === type)?.description;
}

export function readReport(path: string): JsonReport {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
}

export function testRows(report: JsonReport): TestRow[] {
  const rows: TestRow[] = [];
  const walk = (suite: ReadSuite, family: string | undefined) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const errors = test.results.flatMap((result) =>
          (result.errors ?? []).map((error) => stripAnsi(error.message ?? '')),
        );
        // The last attempt's own annotations judge it (a retry that passed is not its failure).
        const last = test.results.at(-1)?.annotations ?? [];
        const all = [...(test.annotations ?? []), ...last];
        const skip = all.find((annotation) => annotation.type === 'skip');
        const notJudged = all.find((annotation) => annotation.type === ANNOTATION.notJudgedHere);
        const departures = recorded(last.length > 0 ? last : (test.annotations ?? []));
        const failures = departures.filter((found) => found.severity === 'error');
        const status = STATUS[test.status];
        rows.push({
          project: test.projectName,
          family: annotationValue(all, ANNOTATION.family) ?? family ?? 'other',
          // The last one given: the version's own endpoint (set when the test ran) over the
          // declared one.
          endpoint: annotationValue([...all].reverse(), ANNOTATION.endpoint) ?? NO_MODE,
          mode: annotationValue(all, ANNOTATION.mode) ?? NO_MODE,
          title: spec.title,
          status,
          skipReason: status === 'skipped' ? (skip?.description ?? 'skipped') : undefined,
          notJudgedHere: status === 'skipped' ? notJudged?.description : undefined,
          violatedChecks: status === 'failed' ? [...new Set(failures.map((f) => f.check))] : [],
          failures: status === 'failed' ? failures : [],
          warnings: departures.filter((found) => found.severity === 'warning'),
          defaultServed: [
            ...new Set(
              all.flatMap((a) =>
                a.type === ANNOTATION.defaultServed && a.description ? [a.description] : [],
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

/**
 * A test's outcome in the summary's counts. The five are disjoint, so a family's cells add
 * up to its tests:
 * - passed: passed with no warning;
 * - warned: passed, with at least one warning (a decision departed from: an unconfirmed
 *   expectation), so it is never counted as passed too;
 * - failed;
 * - skipped: not run, for a missing key, a setting, or a run that stopped;
 * - notJudgedHere: not run because judging it could destroy data on this target.
 * `flaky` is apart from them: of the passed and the warned, those that passed only on a retry.
 */
export type Outcome = 'passed' | 'warned' | 'failed' | 'skipped' | 'notJudgedHere';

export const OUTCOMES: readonly Outcome[] = [
  'passed',
  'warned',
  'failed',
  'skipped',
  'notJudgedHere',
];

export type Counts = Record<Outcome | 'flaky', number>;

export function emptyCounts(): Counts {
  return { passed: 0, warned: 0, failed: 0, skipped: 0, notJudgedHere: 0, flaky: 0 };
}

export function outcomeOf(row: TestRow): Outcome {
  if (row.status === 'failed') return 'failed';
  if (row.status === 'skipped')
    return row.notJudgedHere === undefined ? 'skipped' : 'notJudgedHere';
  return row.warnings.length > 0 ? 'warned' : 'passed';
}

export function countRow(counts: Counts, row: TestRow): void {
  counts[outcomeOf(row)] += 1;
  if (row.status === 'flaky') counts.flaky += 1;
}

export function addCounts(into: Counts, counts: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += counts[key];
}

/** The tests counted: every outcome once (flaky is among the passed and the warned). */
export function totalOf(counts: Counts): number {
  return OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
}

/** Counts per project × family, families in their report order. */
export function countByProjectAndFamily(
  rows: readonly TestRow[],
): Map<string, Map<string, Counts>> {
  const table = new Map<string, Map<string, Counts>>();
  for (const row of rows) {
    const byFamily = table.get(row.project) ?? new Map<string, Counts>();
    const counts = byFamily.get(row.family) ?? emptyCounts();
    countRow(counts, row);
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
