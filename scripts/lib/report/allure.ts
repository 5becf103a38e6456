import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { harnessConfig } from '../../../harness/config/env';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR } from '../../../harness/config/paths';
import { leakedFiles } from '../ops/leak-scan';
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
  // Beside the report: reports/run-settings.txt, named in allurerc.ts `globalAttachments`.
  writeRunSettings(resultsDir, join(dirname(outputDir), 'run-settings.txt'));
  writeOverview(overview?.text, join(dirname(outputDir), 'overview.txt'));
  if (overview) prependEnvironment(resultsDir, overview.metadata);
  markFlakyRetries(resultsDir);
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
}

/** Puts name/value pairs first in the results' environment.properties (the Metadata panel). */
export function prependEnvironment(
  resultsDir: string,
  pairs: readonly (readonly [string, string])[],
): void {
  const file = join(resultsDir, 'environment.properties');
  const names = new Set(pairs.map(([name]) => name));
  const kept = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !names.has(parseProperty(line)?.[0] ?? ''))
    : [];
  const escaped = (text: string, key: boolean) =>
    text
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, ' ')
      .replace(key ? /[ :=]/g : /^ /, (char) => `\\${char}`);
  const lines = pairs.map(([name, value]) => `${escaped(name, true)}=${escaped(value, false)}`);
  writeFileSync(file, `${[...lines, ...kept].join('\n')}\n`);
}

/** The overview beside the report (allurerc.ts names it); none when the caller has no rows. */
export function writeOverview(overview: string | undefined, target: string): void {
  rmSync(target, { force: true });
  if (overview === undefined) return;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `Polytomic API conformance: the run at a glance\n${overview}\n`);
}

/** The run's environment.properties as plain `name: value` lines, nothing cut. */
export function writeRunSettings(resultsDir: string, target: string): void {
  const source = join(resultsDir, 'environment.properties');
  rmSync(target, { force: true });
  if (!existsSync(source)) return;
  const lines = readFileSync(source, 'utf8')
    .split('\n')
    .map(parseProperty)
    .filter((entry) => entry !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `Run settings and contract decisions\n\n${lines.join('\n')}\n`);
}

/** One `key=value` line of a .properties file; the key escapes spaces, colons and `=`. */
export function parseProperty(line: string): [string, string] | undefined {
  const split = /^((?:\\.|[^\\=])*)=(.*)$/.exec(line);
  if (!split || line.startsWith('#')) return undefined;
  const plain = (text: string) => text.replace(/\\(.)/g, '$1');
  return [plain(split[1] ?? ''), plain(split[2] ?? '')];
}
