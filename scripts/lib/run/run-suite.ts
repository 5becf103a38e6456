import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_REPORTER } from '../../../harness/report/console-reporter';
import { reporterArgument } from '../../../harness/report/reporters';
import { playwrightCommand } from './playwright-cli';
import { type JsonReport, readReport } from './results';

/**
 * Runs the conformance suite for the gate, compare --live and verify. Playwright's JSON
 * report is what they read; a CLI --reporter replaces the config's reporters, so these
 * runs never overwrite reports/results.json or allure-results/ of `npm run conformance`.
 */
export interface SuiteOptions {
  /** Where Playwright's JSON report goes. */
  readonly resultsPath: string;
  /** Extra arguments for `playwright test` (e.g. --project, --grep). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** A config whose reporters write resultsPath themselves (verify); else JSON via the CLI. */
  readonly config?: string;
}

export interface SuiteRun {
  /** Playwright's exit code: 0 passed, 1 failures, other values mean it could not run. */
  readonly status: number | null;
  /** Undefined when the run wrote no report: the harness could not run. */
  readonly report?: JsonReport;
}

/** One line per failing check (harness/report/console-reporter.ts), unless POLYTOMIC_CONSOLE names another. */
export function consoleReporter(): string {
  return process.env.POLYTOMIC_CONSOLE || CONSOLE_REPORTER;
}

export function runSuite(options: SuiteOptions): SuiteRun {
  rmSync(options.resultsPath, { force: true });
  mkdirSync(path.dirname(options.resultsPath), { recursive: true });
  const selection = options.config
    ? ['--config', options.config]
    : [reporterArgument(consoleReporter(), 'json')];
  const run = spawnSync(...playwrightCommand('test', ...selection, ...(options.args ?? [])), {
    stdio: 'inherit',
    env: {
      ...process.env,
      // Resolved here: Playwright would resolve a relative name against the config's folder.
      PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(options.resultsPath),
      ...options.env,
    },
  });
  if (run.status === 2 || !existsSync(options.resultsPath)) return { status: run.status };
  return { status: run.status, report: readReport(options.resultsPath) };
}
