import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpoint } from '../contract/endpoints';
import type { Level } from '../contract/rules';
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from '../contract/versions';
import { CHECKS } from '../harness/checks';
import { reporterArgument } from '../harness/report/reporters';
import { FAULT_LEVELS, FAULT_NAMES, type FaultName } from '../reference/faults';
import { VARIATION_NAMES } from '../reference/variations';
import { freePort } from '../scripts/lib/bench/processes';
import { playwrightCommand } from '../scripts/lib/run/playwright-cli';
import { readReport, type TestRow, testRows } from '../scripts/lib/run/results';
import { AWAITING_SUITE, CAUGHT_BY } from './fault-expectations';
import { type JudgedWhere, judgedWhere, narrowTo } from './mutation-scope';

/**
 * The mutation matrix: the whole suite against the clean reference server (must
 * pass), against its tolerated variations with latency (must pass), and against
 * each named fault: a fault that breaks a documented or safety rule must fail the
 * run, with the check that names the rule among the failures at that level; a fault
 * that departs from a decision must only warn (the run passes, the check among the
 * warnings), and fail when POLYTOMIC_STRICT=true (one run with every decision fault).
 * Every check must be caught at least once.
 * Usage: tsx selftest/mutation.ts [fault ...]   (MUTATION_PARALLEL=n, default 4)
 * A full run leaves out the faults AWAITING_SUITE names (selftest/fault-expectations.ts);
 * naming one runs it.
 *
 * A fault that breaks a documented or safety rule runs only the spec files where the clean
 * run judged its check, in one version (selftest/mutation-scope.ts); a decision fault every
 * file of one version, since it must show that nothing else fails; a narrowed run that
 * does not catch its fault runs wider (every file of one version, then whole). The strict
 * runs always run whole; MUTATION_WHOLE=true runs every fault whole.
 */
interface Scenario {
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  /** The check that must catch it; undefined = the suite must pass. */
  readonly caughtBy?: string;
  /** The level the check must find; a decision only warns. */
  readonly level?: Level;
  /** Several faults at once, each with its check: all must fail (the strict run). */
  readonly allOf?: readonly string[];
  /** Playwright arguments narrowing the run; none = the whole suite in the env's versions. */
  readonly args?: readonly string[];
  /** What ran, for the table: `whole` or the narrowed version and files. */
  readonly scope?: string;
  /** The how-many-th try of a fault, wider after a narrower one missed (0 = the first). */
  readonly attempt?: number;
}

interface Outcome {
  readonly scenario: Scenario;
  readonly rows: readonly TestRow[];
  readonly failedChecks: readonly string[];
  readonly warnedChecks: readonly string[];
  readonly ok: boolean;
  readonly seconds: number;
  readonly note?: string;
}

const OUT_DIR = join('test-results', 'mutation');

/**
 * Faults run against one version of each update-method era (PATCH, PUT) — the
 * newest also has every version-specific rule — to keep the matrix minutes long.
 * The clean and tolerated runs cover every version.
 */
const FAULT_VERSIONS = [
  SUPPORTED_VERSIONS.findLast((version) => endpoint(version, 'update').method === 'PATCH'),
  CURRENT_VERSION,
].join(',');

const DECISION_FAULTS: readonly FaultName[] = FAULT_NAMES.filter(
  (fault) => FAULT_LEVELS[fault] === 'decision',
);

function scenarios(only: readonly string[]): Scenario[] {
  const all: Scenario[] = [
    { name: 'clean', env: { POLYTOMIC_WORKERS: process.env.MUTATION_WORKERS ?? '2' } },
    {
      name: 'tolerated: all variations + 40 ms latency',
      env: { REFERENCE_VARIATIONS: VARIATION_NAMES.join(','), REFERENCE_LATENCY_MS: '40' },
    },
    ...FAULT_NAMES.filter((fault) => only.includes(fault) || !AWAITING_SUITE.includes(fault)).map(
      (fault) => ({
        name: fault,
        env: { REFERENCE_FAULTS: fault, POLYTOMIC_API_VERSIONS: FAULT_VERSIONS },
        caughtBy: CAUGHT_BY[fault],
        level: FAULT_LEVELS[fault],
      }),
    ),
    {
      name: 'every decision fault with POLYTOMIC_STRICT=true',
      env: {
        REFERENCE_FAULTS: DECISION_FAULTS.join(','),
        POLYTOMIC_STRICT: 'true',
        POLYTOMIC_API_VERSIONS: FAULT_VERSIONS,
      },
      allOf: [...new Set(DECISION_FAULTS.map((fault) => CAUGHT_BY[fault]))],
    },
    {
      name: 'extraFields with POLYTOMIC_STRICT=true',
      env: {
        REFERENCE_VARIATIONS: 'extraFields',
        POLYTOMIC_STRICT: 'true',
        POLYTOMIC_API_VERSIONS: FAULT_VERSIONS,
      },
      caughtBy: 'unknown_properties',
      level: 'decision',
    },
  ];
  return only.length === 0 ? all : all.filter((scenario) => only.includes(scenario.name));
}

/** The suite's environment with nothing inherited from the caller's target or keys. */
function hermeticEnv(
  extra: Readonly<Record<string, string>>,
  port: number,
  output: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('POLYTOMIC_') && !name.startsWith('REFERENCE_')) env[name] = value;
  }
  return {
    ...env,
    // Runs go several at a time (MUTATION_PARALLEL), so one worker each; the clean run,
    // alone, takes two.
    POLYTOMIC_WORKERS: process.env.MUTATION_WORKERS ?? '1',
    ...extra,
    REFERENCE_PORT: String(port),
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
  };
}

async function run(scenario: Scenario): Promise<Outcome> {
  // A wider try of the same fault keeps the narrower one's report beside it.
  const attempt = scenario.attempt ? `.${scenario.attempt}` : '';
  const output = join(OUT_DIR, `${scenario.name.replace(/[^\w-]+/g, '_')}${attempt}.json`);
  const started = Date.now();
  const port = await freePort();
  const code = await new Promise<number | null>((resolve) => {
    const args = ['test', reporterArgument('json'), ...(scenario.args ?? [])];
    const child = spawn(...playwrightCommand(...args), {
      env: hermeticEnv(scenario.env, port, output),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.on('close', resolve);
  });
  const seconds = (Date.now() - started) / 1000;
  let rows: TestRow[] = [];
  try {
    rows = testRows(readReport(output));
  } catch {
    return {
      scenario,
      rows,
      failedChecks: [],
      warnedChecks: [],
      ok: false,
      seconds,
      note: `no report (exit ${code})`,
    };
  }
  const failedChecks = [...new Set(rows.flatMap((row) => row.violatedChecks))].sort();
  const warnedChecks = [...new Set(rows.flatMap((row) => row.warnings.map((w) => w.check)))].sort();
  const failed = rows.some((row) => row.status === 'failed');
  const { caughtBy, level, allOf } = scenario;
  // Caught at the level of the rule the fault breaks: a safety fault found only as a
  // documented departure (or the reverse) says the contract's levels are not what it says.
  const failedAt = (check: string, at?: Level) =>
    rows.some((row) =>
      row.failures.some((found) => found.check === check && (!at || found.level === at)),
    );
  let ok: boolean;
  if (allOf) ok = failed && allOf.every((check) => failedAt(check));
  else if (caughtBy === undefined) ok = !failed && code === 0;
  // A decision under POLYTOMIC_STRICT: made a failure.
  else if (scenario.env.POLYTOMIC_STRICT === 'true') ok = failed && failedAt(caughtBy, level);
  else if (level === 'decision') ok = !failed && code === 0 && warnedChecks.includes(caughtBy);
  else ok = failed && failedAt(caughtBy, level);
  return { scenario, rows, failedChecks, warnedChecks, ok, seconds };
}

/**
 * The runs a fault is tried in, narrowest first: a documented or safety fault the spec files
 * that judged its check (selftest/mutation-scope.ts); then — first for a decision fault,
 * which must show that nothing else fails — every file of one version, the newest that
 * judged its check; then whole. The strict runs, and every fault with MUTATION_WHOLE=true,
 * run whole.
 */
function scopes(scenario: Scenario, where: JudgedWhere | undefined): Scenario[] {
  const { caughtBy, allOf, level, env } = scenario;
  const whole = { ...scenario, scope: 'whole' };
  if (
    !where ||
    caughtBy === undefined ||
    allOf !== undefined ||
    env.POLYTOMIC_STRICT === 'true' ||
    process.env.MUTATION_WHOLE === 'true'
  )
    return [whole];
  const versions = FAULT_VERSIONS.split(',');
  const files = level === 'decision' ? undefined : narrowTo(where, caughtBy, versions);
  const judged = where.get(caughtBy);
  const version = [...versions].reverse().find((v) => judged?.has(v)) ?? CURRENT_VERSION;
  return [
    ...(files ? [{ ...scenario, args: files.args, scope: files.label }] : []),
    { ...scenario, args: [`--project=${version}`], scope: `${version} · every file` },
    whole,
  ];
}

/** A narrowed run that missed runs wider: narrowing may cost time, never a catch. */
async function runScoped(scenario: Scenario, where: JudgedWhere | undefined): Promise<Outcome> {
  const missed: string[] = [];
  let seconds = 0;
  let outcome: Outcome | undefined;
  for (const scoped of scopes(scenario, where)) {
    const scope = missed.length ? `${scoped.scope} (${missed.join(', ')} missed it)` : scoped.scope;
    outcome = await run({ ...scoped, scope, attempt: missed.length });
    seconds += outcome.seconds;
    if (outcome.ok) break;
    missed.push(scoped.scope as string);
    const failedTests = outcome.rows.filter((row) => row.status === 'failed');
    console.log(
      `  .. ${scenario.name} · ${scoped.scope} missed it: ${failedTests.length} failed (${outcome.failedChecks.join(', ') || 'no check'}), warned ${outcome.warnedChecks.join(', ') || 'nothing'}${outcome.note ? `, ${outcome.note}` : ''}; ${failedTests[0]?.errors[0]?.split('\n')[0]?.slice(0, 160) ?? ''}`,
    );
  }
  return { ...(outcome as Outcome), seconds };
}

async function runAll(
  list: readonly Scenario[],
  parallel: number,
  where?: JudgedWhere,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(list.length);
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const index = next++;
      const outcome = await runScoped(list[index] as Scenario, where);
      outcomes[index] = outcome;
      const mark = outcome.ok ? 'ok ' : 'FAIL';
      console.log(
        `  ${mark} ${outcome.scenario.name} · ${outcome.scenario.scope} (${outcome.seconds.toFixed(1)} s)`,
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return outcomes;
}

function table(outcomes: readonly Outcome[]): string {
  const lines = [['scenario', 'must', 'result', 'ran', 'failing checks']];
  for (const { scenario, ok, failedChecks, warnedChecks, rows, note } of outcomes) {
    const failedTests = rows.filter((row) => row.status === 'failed').length;
    const { caughtBy, level, allOf } = scenario;
    const must = allOf
      ? `fail: ${allOf.length} decision checks`
      : caughtBy
        ? scenario.env.POLYTOMIC_STRICT === 'true'
          ? `fail: ${caughtBy} (${level}, strict)`
          : level === 'decision'
            ? `warn: ${caughtBy}`
            : `fail: ${caughtBy} (${level})`
        : 'pass';
    const expected = allOf || caughtBy;
    const result = expected ? (ok ? 'caught' : 'SURVIVED') : ok ? 'passed' : 'FAILED';
    const warned = warnedChecks.length ? `; warned ${warnedChecks.join(', ')}` : '';
    const detail =
      note ??
      (failedChecks.length ? `${failedChecks.join(', ')} (${failedTests} tests)` : '-') + warned;
    lines.push([scenario.name, must, result, scenario.scope ?? 'whole', detail]);
  }
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...lines.map((line) => (line[i] as string).length)),
  );
  return lines
    .map((line) =>
      line.map((cell, i) => (i < 4 ? cell.padEnd(widths[i] as number) : cell)).join('  '),
    )
    .join('\n');
}

function perVersion(outcome: Outcome | undefined): string {
  if (!outcome) return '';
  const byProject = new Map<string, number>();
  for (const row of outcome.rows)
    if (row.status === 'passed') byProject.set(row.project, (byProject.get(row.project) ?? 0) + 1);
  return [...byProject].map(([project, count]) => `${project}: ${count} tests passed`).join('\n');
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const list = scenarios(only);
  const missing = FAULT_NAMES.filter((fault) => !CAUGHT_BY[fault]);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const parallel = Number(process.env.MUTATION_PARALLEL ?? 4);
  console.log(`Mutation matrix: ${list.length} scenarios, ${parallel} at a time`);
  // The clean run goes first, whole: it says where each check is judged. The rest follow
  // in the order listed (the tolerated run, slow with its latency but light, among them).
  const first = list.filter((scenario) => scenario.name === 'clean');
  const rest = list.filter((scenario) => !first.includes(scenario));
  const passing = await runAll(first, parallel);
  const cleanReport = join(OUT_DIR, 'clean.json');
  const where = existsSync(cleanReport)
    ? judgedWhere(readReport(cleanReport) as Parameters<typeof judgedWhere>[0])
    : undefined;
  const others = await runAll(rest, parallel, where);
  const outcomes = list.map(
    (scenario) => (passing[first.indexOf(scenario)] ?? others[rest.indexOf(scenario)]) as Outcome,
  );
  console.log(`\n${table(outcomes)}\n`);
  const clean = outcomes.find((outcome) => outcome.scenario.name === 'clean');
  if (clean) console.log(`Clean run, per version:\n${perVersion(clean)}\n`);

  const problems: string[] = missing.map(
    (fault) => `fault ${fault} names no catching check in selftest/fault-expectations.ts`,
  );
  for (const outcome of outcomes.filter((o) => !o.ok)) {
    problems.push(
      outcome.scenario.caughtBy || outcome.scenario.allOf
        ? `fault survived: ${outcome.scenario.name}`
        : `should pass but failed: ${outcome.scenario.name}`,
    );
  }
  if (only.length === 0) {
    // A check is shown able to catch its rule when a fault made it fail, or (a decision)
    // warn — the strict run shows those fail too.
    const caught = new Set(
      outcomes
        .filter((o) => o.scenario.caughtBy || o.scenario.allOf)
        .flatMap((o) => [...o.failedChecks, ...o.warnedChecks]),
    );
    // A check only a fault awaiting its suite names is not a problem yet, only a note.
    const runnable = FAULT_NAMES.filter((fault) => !AWAITING_SUITE.includes(fault));
    const awaiting = new Set(
      AWAITING_SUITE.map((fault) => CAUGHT_BY[fault]).filter(
        (check) => !runnable.some((fault) => CAUGHT_BY[fault] === check),
      ),
    );
    for (const name of CHECKS.keys()) {
      if (caught.has(name)) continue;
      if (awaiting.has(name))
        console.log(`  note: check ${name} awaits its suite (AWAITING_SUITE)`);
      else problems.push(`check ${name} failed under no fault: it is not shown able to fail`);
    }
  }
  const passed = outcomes.filter((o) => o.ok).length;
  for (const problem of problems) console.log(`✗ ${problem}`);
  console.log(`mutation: ${passed} passed, ${outcomes.length - passed} failed`);
  // npm test adds these to its totals.
  writeFileSync(
    join(OUT_DIR, 'counts.json'),
    JSON.stringify({ passed, failed: outcomes.length - passed }),
  );
  return problems.length === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
