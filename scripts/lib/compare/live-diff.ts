import { COMPARE_RESULTS } from '../../../harness/config/paths';
import { type CheckId, checkIdsOf, failedChecks } from '../gate/check-id';
import { type TestRow, testRows } from '../run/results';
import { runSuite } from '../run/run-suite';

/**
 * compare --live: one run of the suite for two versions on the configured target, and
 * the tests whose outcome differs. A test that passes on the old version and fails on the
 * new one is a regression: its check id counts as a breaking change.
 */

export interface LiveDifference {
  readonly test: string;
  readonly before: string;
  readonly after: string;
  /** The first failing check on the new version, when the old one passed. */
  readonly regression?: CheckId;
}

export interface LiveComparison {
  readonly differences: readonly LiveDifference[];
  /** Tests of one version only that pass: new or retired endpoints, counted, not listed. */
  readonly passingOnlyIn: Readonly<Record<string, number>>;
}

export function compareLive(oldVersion: string, newVersion: string): LiveComparison | undefined {
  const run = runSuite({
    resultsPath: COMPARE_RESULTS,
    args: [`--project=${oldVersion}`, `--project=${newVersion}`],
    env: { POLYTOMIC_API_VERSIONS: `${oldVersion},${newVersion}` },
  });
  if (!run.report) {
    console.error('The harness could not run; see the message above.');
    return undefined;
  }
  return liveDifferences(testRows(run.report), oldVersion, newVersion);
}

export function liveDifferences(
  rows: readonly TestRow[],
  oldVersion: string,
  newVersion: string,
): LiveComparison {
  const byTitle = (version: string) =>
    new Map(rows.filter((row) => row.project === version).map((row) => [row.title, row]));
  const before = byTitle(oldVersion);
  const after = byTitle(newVersion);
  const out: LiveDifference[] = [];
  const passingOnlyIn: Record<string, number> = { [oldVersion]: 0, [newVersion]: 0 };
  for (const title of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(title);
    const b = after.get(title);
    const was = outcome(a, oldVersion);
    const is = outcome(b, newVersion);
    if (was === is || a?.status === 'skipped' || b?.status === 'skipped') continue;
    const onlyIn = a && !b ? oldVersion : !a && b ? newVersion : undefined;
    if (onlyIn && (a ?? b)?.status !== 'failed') {
      passingOnlyIn[onlyIn] = (passingOnlyIn[onlyIn] ?? 0) + 1;
      continue;
    }
    const regressed = a && b && a.status !== 'failed' && b.status === 'failed';
    out.push({
      test: title,
      before: was,
      after: is,
      ...(regressed ? { regression: checkIdsOf(b)[0] } : {}),
    });
  }
  return { differences: out, passingOnlyIn };
}

function outcome(row: TestRow | undefined, version: string): string {
  if (!row) return `not in ${version}`;
  if (row.status !== 'failed') return 'passes';
  return `fails [${failedChecks(row.violatedChecks).join(', ')}]`;
}
