import { COMPARE_RESULTS } from '../../../harness/config/paths';
import { type CheckId, checkIdsOf, failedChecks } from '../gate/check-id';
import { type TestRow, testRows } from '../run/results';
import { runSuite } from '../run/run-suite';

/**
 * compare --live: one run of the suite for two versions on the configured target, and
 * the tests whose outcome differs. A test is known across the two runs by the identity its
 * results carry (family, endpoint, mode annotations; scripts/lib/run/results.ts), not by its
 * title. A test that passes on the old version and fails on the new one is a regression: its
 * check id counts as a breaking change.
 */

export interface LiveDifference {
  /** The test's identity: `family · endpoint · mode` (its annotations), the same in both runs. */
  readonly identity: string;
  readonly endpoint: string;
  readonly mode: string;
  /** Its title in the new version (the old one's when it ran only there). */
  readonly test: string;
  /** Its title in the old version, when the two differ: the same test, renamed. */
  readonly renamedFrom?: string;
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
  const out: LiveDifference[] = [];
  const passingOnlyIn: Record<string, number> = { [oldVersion]: 0, [newVersion]: 0 };
  const of = (version: string) => rows.filter((row) => row.project === version);
  for (const [a, b] of pairTests(of(oldVersion), of(newVersion))) {
    const was = outcome(a, oldVersion);
    const is = outcome(b, newVersion);
    if (was === is || a?.status === 'skipped' || b?.status === 'skipped') continue;
    const onlyIn = a && !b ? oldVersion : !a && b ? newVersion : undefined;
    if (onlyIn && (a ?? b)?.status !== 'failed') {
      passingOnlyIn[onlyIn] = (passingOnlyIn[onlyIn] ?? 0) + 1;
      continue;
    }
    const regressed = a && b && a.status !== 'failed' && b.status === 'failed';
    const shown = (b ?? a) as TestRow;
    out.push({
      identity: identityOf(shown),
      endpoint: shown.endpoint,
      mode: shown.mode,
      test: shown.title,
      ...(a && b && a.title !== b.title ? { renamedFrom: a.title } : {}),
      before: was,
      after: is,
      ...(regressed ? { regression: checkIdsOf(b)[0] } : {}),
    });
  }
  return { differences: out, passingOnlyIn };
}

/** What a test is about, from its annotations: never its title. */
export function identityOf(row: TestRow): string {
  return [row.family, row.endpoint, row.mode].join(' · ');
}

type Pair = [TestRow | undefined, TestRow | undefined];

/**
 * The old and the new run of each test, paired by identity (family, endpoint, mode), so a
 * renamed test is one test. Several tests share an identity (the lifecycle tests of
 * `POST /api/organizations · partner`): within one, equal titles pair first, and a single
 * test left on each side is the same test renamed. A test whose endpoint moved (PATCH → PUT)
 * keeps its family and title: those pair what is left. The rest ran in one version only.
 */
export function pairTests(before: readonly TestRow[], after: readonly TestRow[]): Pair[] {
  const pairs: Pair[] = [];
  const left = { before: [...before], after: [...after] };
  const take = (a: TestRow, b: TestRow) => {
    pairs.push([a, b]);
    left.before.splice(left.before.indexOf(a), 1);
    left.after.splice(left.after.indexOf(b), 1);
  };
  const matchWithin = (key: (row: TestRow) => string, renames: boolean) => {
    for (const id of new Set(left.before.map(key))) {
      const olds = left.before.filter((row) => key(row) === id);
      const news = left.after.filter((row) => key(row) === id);
      for (const a of olds) {
        const b = news.find((row) => row.title === a.title && left.after.includes(row));
        if (b) take(a, b);
      }
      const restOld = olds.filter((row) => left.before.includes(row));
      const restNew = news.filter((row) => left.after.includes(row));
      if (renames && restOld.length === 1 && restNew.length === 1)
        take(restOld[0] as TestRow, restNew[0] as TestRow);
    }
  };
  matchWithin(identityOf, true);
  matchWithin((row) => `${row.family} · ${row.title}`, false);
  return [
    ...pairs,
    ...left.before.map((row): Pair => [row, undefined]),
    ...left.after.map((row): Pair => [undefined, row]),
  ];
}

function outcome(row: TestRow | undefined, version: string): string {
  if (!row) return `not in ${version}`;
  if (row.status !== 'failed') return 'passes';
  return `fails [${failedChecks(row.violatedChecks).join(', ')}]`;
}
