import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from '../contract/versions';
import {
  RESULTS_JSON as RESULTS,
  ALLURE_RESULTS_DIR as RESULTS_DIR,
} from '../harness/config/paths';
import { endedChildrenCpuS, freePort, watchPeak } from './lib/bench/processes';
import { readRecording, replay } from './lib/bench/replay';
import { measureSchemaStartup } from './lib/bench/schema-startup';
import { buildReport } from './lib/report/allure';
import { playwrightCommand } from './lib/run/playwright-cli';

/**
 * `npm run bench`: the whole suite against the reference server at 0 and 100 ms
 * latency, and at 0 ms against it with a fault that breaks every response (all failing),
 * with figures beside the network bound, a raw replay of the same requests, the report
 * build, the schemas' start-up in a worker, and scaling over 1, 2 and all versions. A script
 * that prints figures, not a timed test: these machines are shared and noisy, so the 0 ms
 * rows are each the median of POLYTOMIC_BENCH_RUNS runs.
 */
const ALL = SUPPORTED_VERSIONS.join(',');
const EVERY = `${SUPPORTED_VERSIONS.length} versions`;
const LAST_TWO = SUPPORTED_VERSIONS.slice(-2).join(',');
const WORKERS = Number(process.env.POLYTOMIC_WORKERS ?? 4);
/** How many times each 0 ms row runs; it shows the median (a shared machine is noisy). */
const RUNS = Math.max(1, Number(process.env.POLYTOMIC_BENCH_RUNS ?? 3));
/** Breaks one rule on every response (the version echo): nearly every test fails. */
const BROKEN_FAULT = 'wrongVersionEcho';
/** Breaks two rules on every response (the echo and the JSON content type): every test fails. */
const ALL_FAILING_FAULTS = 'wrongVersionEcho,nonJsonContentType';

interface Figures {
  label: string;
  latencyMs: number;
  tests: number;
  /** Tests whose last result failed. */
  failed: number;
  requests: number;
  /** Exchanges judged against the contract (a step titled `… [rule]`). */
  judged: number;
  chain: number;
  wallS: number;
  /** CPU seconds of the whole process tree (runner, workers, reference server). */
  cpuS: number;
  boundS: number;
  peakMiB: number;
  recording: string;
}

interface Step {
  title: string;
  startTime: string;
  duration: number;
  steps?: Step[];
}
interface Result {
  steps?: Step[];
}
interface Suite {
  suites?: Suite[];
  specs?: { tests: { projectName: string; results: (Result & { status?: string })[] }[] }[];
}

const EXCHANGE = /^(GET|POST|PUT|PATCH|DELETE|HEAD) \//;
/** A judged exchange's step ends `[rule · level]` (harness/judge/judged-api.ts). */
const JUDGED = /\[[a-z_]+(?: · [a-z]+)?\]$/;

function exchangesIn(steps: readonly Step[] = [], which = EXCHANGE): Step[] {
  return steps.flatMap((step) =>
    which.test(step.title) ? [step] : exchangesIn(step.steps, which),
  );
}

/**
 * How many of a test's requests had to follow each other: the most exchanges that did
 * not overlap in time (requests a test sends together count once).
 */
function sequential(exchanges: readonly Step[]): number {
  const spans = exchanges
    .map((step) => {
      const start = Date.parse(step.startTime);
      return { start, end: start + step.duration };
    })
    .sort((a, b) => a.end - b.end);
  let count = 0;
  let free = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (span.start < free) continue;
    count += 1;
    free = span.end;
  }
  return count;
}

/**
 * The longest chain of requests that must follow each other: the longest test of the
 * preflight, plus the run's one discovery (/api/me and the list for each key, sent
 * together), the longest test of the versions, and the collateral check.
 */
function longestChain(report: { suites: Suite[] }): {
  tests: number;
  failed: number;
  chain: number;
  judged: number;
} {
  const longest = new Map<string, number>();
  let tests = 0;
  let failed = 0;
  let judged = 0;
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        tests += 1;
        if (test.results.at(-1)?.status === 'failed') failed += 1;
        const group = ['preflight', 'collateral'].includes(test.projectName)
          ? test.projectName
          : 'version';
        const count = Math.max(
          0,
          ...test.results.map((result) => sequential(exchangesIn(result.steps))),
        );
        judged += test.results.reduce(
          (sum, result) => sum + exchangesIn(result.steps, JUDGED).length,
          0,
        );
        longest.set(group, Math.max(longest.get(group) ?? 0, count));
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  const discovery = 1;
  const chain =
    (longest.get('preflight') ?? 0) +
    discovery +
    (longest.get('version') ?? 0) +
    (longest.get('collateral') ?? 0);
  return { tests, failed, chain, judged };
}

async function runSuite(
  label: string,
  latencyMs: number,
  versions: string,
  args: readonly string[] = [],
  extra: Readonly<Record<string, string>> = {},
): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
  const recording = join(dir, 'requests.jsonl');
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('POLYTOMIC_') && !name.startsWith('REFERENCE_')) env[name] = value;
  }
  Object.assign(env, {
    REFERENCE_PORT: String(await freePort()),
    REFERENCE_LATENCY_MS: String(latencyMs),
    REFERENCE_RECORD: recording,
    POLYTOMIC_API_VERSIONS: versions,
    POLYTOMIC_WORKERS: String(WORKERS),
    POLYTOMIC_CONSOLE: 'dot',
    ...extra,
  });
  // The report is built from this run's results alone, as `npm run conformance` does.
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  const started = performance.now();
  const cpuBefore = endedChildrenCpuS();
  const child = spawn(...playwrightCommand('test', ...args), { env, stdio: 'ignore' });
  const peak = watchPeak(child.pid as number);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallS = (performance.now() - started) / 1000;
  const cpuS = endedChildrenCpuS() - cpuBefore;
  const peakMiB = peak() / 1024 / 1024;
  if (code !== 0 && !extra.REFERENCE_FAULTS)
    console.warn(`  (${label}: the suite exited ${code}; figures still shown)`);
  const { tests, failed, chain, judged } = longestChain(JSON.parse(readFileSync(RESULTS, 'utf8')));
  const requests = readRecording(recording).length;
  const boundS = Math.max((requests * latencyMs) / WORKERS, chain * latencyMs) / 1000;
  return {
    label,
    latencyMs,
    tests,
    failed,
    requests,
    judged,
    chain,
    wallS,
    cpuS,
    boundS,
    peakMiB,
    recording,
  };
}

/**
 * Arguments that select one test of a version alone (no preflight): the run that shows what
 * Playwright costs before the matrix starts (runner, reference server, one worker).
 */
function oneTest(version: string): string[] {
  const list = spawnSync(
    ...playwrightCommand('test', '--list', '--no-deps', `--project=${version}`),
    { encoding: 'utf8' },
  );
  const match = new RegExp(`^\\s*\\[${version}\\] › (\\S+\\.ts):(\\d+):\\d+ › (.+)$`, 'm').exec(
    list.stdout,
  );
  if (!match) throw new Error(`No test listed for ${version}: ${list.stderr}`);
  const [, file, line, titlePath] = match as unknown as [string, string, string, string];
  const title = titlePath.split(' › ').at(-1) as string;
  const exact = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [`--project=${version}`, '--no-deps', `${file}:${line}`, '--grep', `${exact}$`];
}

/** The run of median wall (of an even count, the faster of the middle two). */
function median(all: readonly Figures[]): Figures {
  const sorted = [...all].sort((a, b) => a.wallS - b.wallS);
  return sorted[Math.floor((sorted.length - 1) / 2)] as Figures;
}

function spread(all: readonly Figures[]): string {
  const walls = all.map((f) => f.wallS);
  const [low, high] = [Math.min(...walls), Math.max(...walls)];
  return low === high ? `${low.toFixed(1)} s` : `${low.toFixed(1)}–${high.toFixed(1)} s`;
}

function row(f: Figures): string {
  const ratio = f.boundS > 0 ? (f.wallS / f.boundS).toFixed(2) : 'n/a';
  return [
    f.label.padEnd(32),
    String(f.tests).padStart(5),
    String(f.requests).padStart(8),
    String(WORKERS).padStart(7),
    `${f.wallS.toFixed(1)} s`.padStart(9),
    `${f.cpuS.toFixed(1)} s`.padStart(8),
    `${f.boundS.toFixed(1)} s`.padStart(9),
    ratio.padStart(6),
    `${f.peakMiB.toFixed(0)} MiB`.padStart(9),
  ].join('  ');
}

async function main(): Promise<void> {
  console.log(`Benchmark: the suite against the bundled reference server, ${WORKERS} workers\n`);
  console.log(
    [
      'run'.padEnd(32),
      'tests'.padStart(5),
      'requests'.padStart(8),
      'workers'.padStart(7),
      'wall'.padStart(9),
      'CPU'.padStart(8),
      'bound'.padStart(9),
      'ratio'.padStart(6),
      'peak mem'.padStart(9),
    ].join('  '),
  );
  // The 0 ms rows in turn, RUNS times over, so a burst of load on a shared machine spreads
  // over all of them; each row shows its median run.
  const zero: Record<'fast' | 'floor' | 'broken' | 'failing', Figures[]> = {
    fast: [],
    floor: [],
    broken: [],
    failing: [],
  };
  let report: { ms: number } | undefined;
  const oneTestArgs = oneTest(CURRENT_VERSION);
  for (let run = 0; run < RUNS; run += 1) {
    zero.fast.push(await runSuite(`${EVERY}, 0 ms`, 0, ALL));
    // The report of the first clean run's results (each run starts from none).
    report ??= buildReport();
    zero.floor.push(await runSuite('1 test, 0 ms', 0, CURRENT_VERSION, oneTestArgs));
    // A deployment that breaks one rule on every response, then one that fails every test:
    // a test failed by a judged exchange keeps its worker (harness/report/judged-failures.ts).
    zero.broken.push(
      await runSuite(`${EVERY}, 0 ms, 1 rule broken`, 0, ALL, [], {
        REFERENCE_FAULTS: BROKEN_FAULT,
      }),
    );
    zero.failing.push(
      await runSuite(`${EVERY}, 0 ms, all failing`, 0, ALL, [], {
        REFERENCE_FAULTS: ALL_FAILING_FAULTS,
      }),
    );
  }
  const [fast, floor, broken, failing] = [zero.fast, zero.floor, zero.broken, zero.failing].map(
    median,
  ) as [Figures, Figures, Figures, Figures];
  for (const figures of [fast, floor, broken, failing]) console.log(row(figures));
  const replayS = await replay(readRecording(fast.recording), WORKERS, 0);
  const runs = [
    await runSuite(`${EVERY}, 100 ms`, 100, ALL),
    await runSuite('2 versions, 100 ms', 100, LAST_TWO),
    await runSuite('1 version, 100 ms', 100, CURRENT_VERSION),
  ];
  for (const run of runs) console.log(row(run));
  const [four, two, one] = runs as [Figures, Figures, Figures];
  console.log(
    `\n0 ms rows: the median of ${RUNS} run(s) each; walls ${Object.entries(zero)
      .map(([name, all]) => `${name} ${spread(all)}`)
      .join(', ')} (POLYTOMIC_BENCH_RUNS)`,
  );
  console.log('bound = max(requests × latency ÷ workers, longest dependent chain × latency)');
  console.log(`longest dependent chain: ${four.chain} requests`);
  console.log(
    `\nAt 100 ms: wall ÷ bound = ${(four.wallS / four.boundS).toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(
    `Scaling at 100 ms: 1 → 2 → ${EVERY} = ${one.wallS.toFixed(1)} s → ${two.wallS.toFixed(1)} s → ${four.wallS.toFixed(1)} s; ` +
      `wall(4) ÷ wall(1) = ${(four.wallS / one.wallS).toFixed(2)} (target ≤ 4)`,
  );
  console.log(
    `At 0 ms: suite ${fast.wallS.toFixed(1)} s, raw replay of its ${fast.requests} requests (undici, ${WORKERS} at a time) ${replayS.toFixed(2)} s; ` +
      `suite ÷ replay = ${(fast.wallS / replayS).toFixed(1)} (target ≤ 4)`,
  );
  console.log(
    `  of which a run of one test (Playwright's start-up, the reference server, one worker): ${floor.wallS.toFixed(1)} s = ${(floor.wallS / replayS).toFixed(1)} × replay`,
  );
  const matrixS = fast.wallS - floor.wallS;
  console.log(
    `Harness cost at 0 ms, beyond that run: ${matrixS.toFixed(1)} s for ${fast.tests - floor.tests} more tests = ` +
      `${((matrixS * 1000) / (fast.tests - floor.tests)).toFixed(1)} ms per test, ` +
      `${((matrixS * 1000) / (fast.judged - floor.judged)).toFixed(1)} ms per check (an exchange judged; ${fast.judged} in all; target ≤ 4), ` +
      `${((matrixS * 1000) / (fast.requests - floor.requests)).toFixed(1)} ms per request`,
  );
  const matrixCpuS = fast.cpuS - floor.cpuS;
  console.log(
    `  in CPU (runner, workers and reference server, on ${cpus().length} cores): ${matrixCpuS.toFixed(1)} s beyond that run = ` +
      `${((matrixCpuS * 1000) / (fast.judged - floor.judged)).toFixed(1)} ms per check`,
  );
  console.log(
    `One rule broken everywhere at 0 ms (REFERENCE_FAULTS=${BROKEN_FAULT}, ${broken.failed} of ${broken.tests} tests failed): ${broken.wallS.toFixed(1)} s against ${fast.wallS.toFixed(1)} s clean; ` +
      `wall(broken) ÷ wall(clean) = ${(broken.wallS / fast.wallS).toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(
    `All failing at 0 ms (REFERENCE_FAULTS=${ALL_FAILING_FAULTS}, ${failing.failed} of ${failing.tests} tests failed): ${failing.wallS.toFixed(1)} s; ` +
      `wall(all failing) ÷ wall(clean) = ${(failing.wallS / fast.wallS).toFixed(2)}`,
  );
  console.log(
    `Allure report build: ${((report?.ms ?? 0) / 1000).toFixed(1)} s (suite ${fast.wallS.toFixed(1)} s; target: no longer than the suite)`,
  );
  const schemas = measureSchemaStartup();
  console.log(
    `Schemas of ${schemas.version} before one body of each is judged, CPU: ${schemas.eagerMs} ms checked and compiled whole (the runner), ${schemas.lazyMs} ms compiled on first use (a worker)`,
  );
  for (const run of [...Object.values(zero).flat(), ...runs])
    rmSync(join(run.recording, '..'), { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
