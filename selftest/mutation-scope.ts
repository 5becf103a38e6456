import { RESPONSE_CHECKS } from '../harness/checks';

/**
 * Where the clean run judged each check, so a fault's run can be narrowed to the spec
 * files that judge its check: the matrix's minutes are mostly runs of tests that could
 * not catch the fault. A narrowed run that misses runs wider (selftest/mutation.ts), so
 * narrowing can cost time but never a catch.
 */
interface Step {
  readonly title: string;
  readonly steps?: readonly Step[];
}
interface Suite {
  readonly file?: string;
  readonly suites?: readonly Suite[];
  readonly specs?: readonly {
    readonly tests: readonly {
      readonly projectName: string;
      readonly results: readonly { readonly steps?: readonly Step[] }[];
    }[];
  }[];
}

/**
 * A judged exchange's step: `… → 200|201 [rule · level]` (harness/judge/judged-api.ts),
 * the statuses it expects, then its rule.
 */
const JUDGED = /→ ([\d|]+) \[([a-z_]+) · [a-z]+\]$/;

/** What a judged exchange expects: a success, or an error answer. */
type Outcome = 'success' | 'error';

/**
 * check → project → spec file (relative to tests/) → how many exchanges there judged it,
 * by what the exchange expected.
 */
export type JudgedWhere = ReadonlyMap<
  string,
  ReadonlyMap<string, ReadonlyMap<string, Readonly<Record<Outcome, number>>>>
>;

/** Each judged exchange among the steps: its rule and what it expected. */
function judgedIn(
  steps: readonly Step[] = [],
  into: { rule: string; outcome: Outcome }[] = [],
): { rule: string; outcome: Outcome }[] {
  for (const step of steps) {
    const match = JUDGED.exec(step.title);
    if (match) {
      const success = (match[1] as string).split('|').some((status) => status.startsWith('2'));
      into.push({ rule: match[2] as string, outcome: success ? 'success' : 'error' });
    }
    judgedIn(step.steps, into);
  }
  return into;
}

const RESPONSE_CHECK_NAMES: ReadonlySet<string> = new Set(
  RESPONSE_CHECKS.map((check) => check.name),
);

export function judgedWhere(report: { suites: readonly Suite[] }): JudgedWhere {
  const where = new Map<string, Map<string, Map<string, Record<Outcome, number>>>>();
  const note = (check: string, project: string, file: string, outcome: Outcome) => {
    const projects = where.get(check) ?? new Map<string, Map<string, Record<Outcome, number>>>();
    where.set(check, projects);
    const files = projects.get(project) ?? new Map<string, Record<Outcome, number>>();
    projects.set(project, files);
    const counts = files.get(file) ?? { success: 0, error: 0 };
    files.set(file, counts);
    counts[outcome] += 1;
  };
  const walk = (suite: Suite, file: string) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        for (const result of test.results)
          for (const { rule, outcome } of judgedIn(result.steps)) {
            note(rule, test.projectName, file, outcome);
            // A response check is run on every judged exchange.
            for (const check of RESPONSE_CHECK_NAMES) note(check, test.projectName, file, outcome);
          }
    for (const child of suite.suites ?? []) walk(child, file);
  };
  for (const suite of report.suites) walk(suite, suite.file ?? '');
  return where;
}

export interface Narrowed {
  /** Playwright arguments: the project and its spec files (the preflight runs as their dependency). */
  readonly args: readonly string[];
  readonly label: string;
}

/**
 * The spec files of one version that judged the check — the newest of `versions` that did;
 * the preflight runs first as their dependency (without its snapshot no write is vouched
 * for). A response check is judged on every exchange, so two files are enough: the one
 * that judged the most successes and the one that judged the most error answers.
 * Undefined when no version's tests judged it (a check of the preflight or the teardown,
 * which judge what the versions' writes did): the fault then runs every file of a version.
 */
export function narrowTo(
  where: JudgedWhere,
  check: string,
  versions: readonly string[],
): Narrowed | undefined {
  const projects = where.get(check);
  if (!projects) return undefined;
  const version = [...versions].reverse().find((v) => projects.has(v));
  if (version === undefined) return undefined;
  const judged = [...(projects.get(version) ?? [])];
  const most = (outcome: Outcome) =>
    judged.reduce((best, next) => (next[1][outcome] > best[1][outcome] ? next : best))[0];
  const files = RESPONSE_CHECK_NAMES.has(check)
    ? [...new Set([most('success'), most('error')])].sort()
    : judged.map(([file]) => file).sort();
  return {
    args: [`--project=${version}`, ...files.map((file) => `tests/${file}`)],
    label: `${version} · ${files.map((file) => file.replace(/\.spec\.ts$/, '')).join(', ')}`,
  };
}
