import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnvInfo, stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';
import { harnessConfig } from '../../../harness/config/env';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR } from '../../../harness/config/paths';
import { leakedFiles } from '../ops/leak-scan';
import { markKnownIssues } from './known-issues';
import { makeOffline } from './offline';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Builds the Allure 3 HTML report (the `allure` npm package, no Java, settings in
 * allurerc.ts) from `resultsDir` into `outputDir`: one self-contained index.html.
 */
export function buildReport(
  resultsDir = ALLURE_RESULTS_DIR,
  outputDir = ALLURE_REPORT_DIR,
  /** The run at a glance (scripts/lib/summary/console.ts), shown first. */
  overview?: Overview,
): { ok: boolean; path: string; ms: number } {
  const path = resolve(outputDir, 'index.html');
  if (!existsSync(resultsDir)) {
    console.error(
      `No ${resultsDir}/ to build a report from; run the suite first (npm run conformance).`,
    );
    return { ok: false, path, ms: 0 };
  }
  const started = Date.now();
  // Allure flattens its output only into an empty folder; a stale one nests the report a level down.
  rmSync(outputDir, { recursive: true, force: true });
  writeSettings(resultsDir, dirname(outputDir), overview);
  markFlakyRetries(resultsDir);
  markKnownIssues(resultsDir);
  // The package's allurerc.ts, its global attachments found in the working directory, where
  // the outputs are (an installed copy's package folder is not).
  const args = [
    'allure',
    'generate',
    resolve(resultsDir),
    '--output',
    resolve(outputDir),
    '--config',
    join(ROOT, 'allurerc.ts'),
    '--cwd',
    process.cwd(),
  ];
  const run = spawnSync('npx', args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (run.status !== 0 || !existsSync(path)) {
    console.error(`The Allure report could not be built:\n${run.stderr || run.stdout}`);
    return { ok: false, path, ms: Date.now() - started };
  }
  // The Awesome template loads Google Analytics; a report of a private deployment stays offline.
  makeOffline([path]);
  const leaks = leakedFiles([resultsDir, outputDir], configuredKeys());
  if (leaks.length > 0) {
    // Never leave a report holding a credential, whatever let it through.
    rmSync(outputDir, { recursive: true, force: true });
    console.error(`The report was deleted: it held a configured key in ${leaks.join(', ')}.`);
    return { ok: false, path, ms: Date.now() - started };
  }
  return { ok: true, path, ms: Date.now() - started };
}

function configuredKeys(): string[] {
  try {
    return Object.values(harnessConfig().keys).filter((key): key is string => Boolean(key));
  } catch {
    return [];
  }
}

interface RawResult {
  historyId?: string;
  status?: string;
  start?: number;
  statusDetails?: { flaky?: boolean };
}

/**
 * A test that failed and then passed on retry is flaky, but allure-playwright writes
 * the attempts as plain results and Allure 3 shows only "retries": mark the last
 * attempt `flaky` so the report's Flaky filter finds it. Returns how many were marked.
 */
export function markFlakyRetries(resultsDir: string): number {
  const attempts = new Map<string, { file: string; result: RawResult }[]>();
  for (const name of readdirSync(resultsDir).filter((n) => n.endsWith('-result.json'))) {
    const file = join(resultsDir, name);
    const result = JSON.parse(readFileSync(file, 'utf8')) as RawResult;
    if (!result.historyId) continue;
    attempts.set(result.historyId, [...(attempts.get(result.historyId) ?? []), { file, result }]);
  }
  let marked = 0;
  for (const runs of attempts.values()) {
    runs.sort((a, b) => (a.result.start ?? 0) - (b.result.start ?? 0));
    const last = runs.at(-1);
    const failedBefore = runs
      .slice(0, -1)
      .some(({ result }) => result.status === 'failed' || result.status === 'broken');
    if (last?.result.status !== 'passed' || !failedBefore || last.result.statusDetails?.flaky)
      continue;
    // Allure's result format keeps the flag in statusDetails.
    const raw = JSON.parse(readFileSync(last.file, 'utf8')) as Record<string, unknown>;
    const statusDetails = { ...last.result.statusDetails, flaky: true };
    writeFileSync(last.file, JSON.stringify({ ...raw, statusDetails }));
    marked += 1;
  }
  return marked;
}

/** The run at a glance: the text attached first, and the pairs shown first in the Metadata panel. */
export interface Overview {
  readonly text: string;
  readonly metadata: readonly (readonly [string, string])[];
  /**
   * The run's settings (harness/report/environment.ts environmentInfo, the object the suite's
   * reporter wrote): the Metadata panel after `metadata`, and run-settings.txt, from this one
   * object. Absent, they are read from the results' environment.properties.
   */
  readonly settings?: Readonly<Record<string, string>>;
  /** coverage.md beside the report (scripts/lib/summary/coverage.ts coverageMarkdown). */
  readonly coverage?: string;
}

/**
 * The Metadata panel (the results' environment.properties: the overview's pairs, then the
 * settings) and, beside the report in `reportsDir`, run-settings.txt (the settings, nothing
 * cut: the panel cuts long names), overview.txt and coverage.md, all named in allurerc.ts
 * `globalAttachments`. Properties are written and read by allure-js-commons, as Allure does.
 */
export function writeSettings(resultsDir: string, reportsDir: string, overview?: Overview): void {
  const file = join(resultsDir, 'environment.properties');
  const settings =
    overview?.settings ?? (existsSync(file) ? parseEnvInfo(readFileSync(file, 'utf8')) : undefined);
  writeOverview(overview?.text, join(reportsDir, 'overview.txt'));
  writeCoverage(overview?.coverage, join(reportsDir, 'coverage.md'));
  const target = join(reportsDir, 'run-settings.txt');
  rmSync(target, { force: true });
  if (settings === undefined) return;
  const shown = new Set((overview?.metadata ?? []).map(([name]) => name));
  const rest = Object.entries(settings).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !shown.has(entry[0]),
  );
  writeFileSync(
    file,
    `${stringifyEnvInfo(Object.fromEntries([...(overview?.metadata ?? []), ...rest]))}\n`,
  );
  const lines = rest.map(([name, value]) => `${name}: ${value}`);
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(target, `Run settings and contract decisions\n\n${lines.join('\n')}\n`);
}

/** The overview beside the report (allurerc.ts names it); none when the caller has no rows. */
export function writeOverview(overview: string | undefined, target: string): void {
  rmSync(target, { force: true });
  if (overview === undefined) return;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `Polytomic API conformance: the run at a glance\n${overview}\n`);
}

/** The coverage beside the report (allurerc.ts names it); none when the caller has no rows. */
export function writeCoverage(coverage: string | undefined, target: string): void {
  rmSync(target, { force: true });
  if (coverage === undefined) return;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, coverage);
}
