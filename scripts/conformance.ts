import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import dotenv from 'dotenv';
import { type HarnessConfig, harnessConfig, requireSomeKey } from '../harness/config/env';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, RESULTS_JSON } from '../harness/config/paths';
import { ConfigError } from '../harness/config/variables';
import { tlsWarning } from '../harness/http/transport';
import { CONSOLE_REPORTER } from '../harness/report/console-reporter';
import { environmentInfo, keyOrigins } from '../harness/report/environment';
import { redact } from '../harness/secrets/redact';
import { type CommandLine, command, SCAN_FOLLOWS, scanOutputs } from './lib/cli';
import { commandSpec } from './lib/commands';
import { cleanupRuns } from './lib/ops/cleanup-runs';
import { checkReachable } from './lib/ops/reachability';
import { buildReport } from './lib/report/allure';
import { whyNothingWasJudged } from './lib/run/could-not-run';
import { playwrightCommand } from './lib/run/playwright-cli';
import { readReport, testRows } from './lib/run/results';
import { formatSummary, overviewMetadata } from './lib/summary/console';
import { coverageAttachment } from './lib/summary/coverage';
import { hashHostRequested } from './lib/summary/fingerprint';
import { writeSummaryFiles } from './lib/summary/write';

/**
 * `npm run conformance`: the suite, the Allure report, and a one-screen summary.
 * Exit 0 = conforms, 1 = violations found, 2 = the harness could not run.
 * Its options: scripts/lib/commands.ts; Playwright's selection options (`--project=2025-09-18`)
 * and anything after `--` go to Playwright.
 */
const EXIT = { conforms: 0, violations: 1, cannotRun: 2 } as const;

async function main(line: CommandLine): Promise<number> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  if (!config) return EXIT.cannotRun;
  const warning = tlsWarning(config);
  if (warning) console.warn(warning);
  if (!config.bundled) {
    const problem = await checkReachable(config);
    if (problem) return cannotRun(problem);
  }
  // Nothing of an earlier run may pass for this one's, whatever happens next.
  for (const stale of [ALLURE_RESULTS_DIR, ALLURE_REPORT_DIR, RESULTS_JSON])
    rmSync(stale, { recursive: true, force: true });

  const suiteStarted = Date.now();
  const run = spawnSync(...playwrightCommand('test', ...line.playwright), {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...SCAN_FOLLOWS,
      POLYTOMIC_RUN_ID: config.runId,
      // One line per failing check, then the summary below; POLYTOMIC_CONSOLE=line (or list,
      // dot) prints every failed test whole instead.
      POLYTOMIC_CONSOLE: process.env.POLYTOMIC_CONSOLE || CONSOLE_REPORTER,
    },
  });
  const suiteMs = Date.now() - suiteStarted;
  if (run.status === EXIT.cannotRun || !existsSync(RESULTS_JSON))
    return cannotRun('The suite did not run; see the message above.');
  const report = readReport(RESULTS_JSON);
  const rows = testRows(report);
  const stopped = whyNothingWasJudged(report, rows);
  if (stopped) return cannotRun(stopped);

  // What teardown could not remove (an interrupted worker) goes now, by this run's ledger.
  if (!config.bundled && config.allowWrites) {
    const options = { run: config.runId, dryRun: false, force: false };
    await cleanupRuns(config, options).catch((error: Error) =>
      console.error(`Cleanup stopped: ${redact(error.message)}`),
    );
  }
  const keys = keyOrigins(config);
  const built = buildReport(undefined, undefined, {
    text: `${formatSummary(rows)}\n\nKeys: ${keys.join('\n      ')}`,
    metadata: overviewMetadata(rows),
    coverage: coverageAttachment(rows),
    // The object the suite's reporter wrote, read now: the run's start has made its API key.
    settings: environmentInfo(config),
  });
  const summaryFiles = writeSummaryFiles(rows, { config, hashHost: hashHostRequested(), keys });
  console.log(`\n${formatSummary(rows)}`);
  console.log(`Keys: ${keys.join('\n      ')}`);
  console.log(`Time: suite ${seconds(suiteMs)}, report ${seconds(built.ms)}.`);
  if (built.ok)
    console.log(`Allure report: ${relative(process.cwd(), built.path)}  (open it in a browser)`);
  console.log(`Summary: ${summaryFiles.json}, ${summaryFiles.markdown}; JUnit: reports/junit.xml`);
  // A key in any output fails the run even when the target conforms (exit 2 paths: scripts/lib/cli.ts).
  const clean = scanOutputs(config);
  const violations =
    !clean || rows.some((row) => row.status === 'failed') || (report.errors ?? []).length > 0;
  console.log(violations ? 'Result: violations found (exit 1).' : 'Result: conforms (exit 0).');
  return violations ? EXIT.violations : EXIT.conforms;
}

function loadConfig(): HarnessConfig | undefined {
  try {
    hashHostRequested();
    return requireSomeKey(harnessConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    cannotRun(`Configuration error: ${error.message}`);
    return undefined;
  }
}

function cannotRun(sentence: string): number {
  console.error(sentence);
  console.error('Result: the harness could not run (exit 2).');
  return EXIT.cannotRun;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export const program = command(commandSpec('run'), main, { leakScan: true });

if (require.main === module) program.start(process.argv.slice(2));
