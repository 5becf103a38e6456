import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import dotenv from 'dotenv';
import { VERSION_PATTERN } from '../contract/versions';
import { ConfigError, type HarnessConfig, harnessConfig } from '../harness/config';
import { checkReachable } from '../harness/reachability';
import { tlsWarning } from '../harness/transport';
import { runMain, scanOutputs } from './cli';
import { hashHostRequested } from './fingerprint';
import { playwrightCommand } from './playwright-cli';
import { buildReport, REPORT_DIR, RESULTS_DIR } from './report';
import { type JsonReport, readReport, stripAnsi, type TestRow, testRows } from './results';
import { formatSummary } from './summary';
import { writeSummaryFiles } from './summary-json';

/**
 * `npm run conformance`: the suite, the Allure report, and a one-screen summary.
 * Exit 0 = conforms, 1 = violations found, 2 = the harness could not run.
 * Arguments after `--` go to Playwright (e.g. `-- --project=2025-09-18`).
 */
const RESULTS_JSON = 'reports/results.json';
const EXIT = { conforms: 0, violations: 1, cannotRun: 2 } as const;

async function main(): Promise<number> {
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
  for (const stale of [RESULTS_DIR, REPORT_DIR, RESULTS_JSON])
    rmSync(stale, { recursive: true, force: true });

  const suiteStarted = Date.now();
  const run = spawnSync(...playwrightCommand('test', ...process.argv.slice(2)), {
    stdio: 'inherit',
    env: {
      ...process.env,
      POLYTOMIC_RUN_ID: config.runId,
      POLYTOMIC_CONSOLE: process.env.POLYTOMIC_CONSOLE ?? 'line',
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
    spawnSync('npx', ['tsx', 'scripts/cleanup.ts', '--run', config.runId], { stdio: 'inherit' });
  }
  const built = buildReport();
  const summaryFiles = writeSummaryFiles(rows, { config, hashHost: hashHostRequested() });
  console.log(`\n${formatSummary(rows)}`);
  console.log(`Time: suite ${seconds(suiteMs)}, report ${seconds(built.ms)}.`);
  if (built.ok)
    console.log(`Allure report: ${relative(process.cwd(), built.path)}  (open it in a browser)`);
  console.log(`Summary: ${summaryFiles.json}, ${summaryFiles.markdown}; JUnit: reports/junit.xml`);
  // A key in any output fails the run even when the target conforms (exit 2 paths: scripts/cli.ts).
  const clean = scanOutputs(config);
  const violations =
    !clean || rows.some((row) => row.status === 'failed') || (report.errors ?? []).length > 0;
  console.log(violations ? 'Result: violations found (exit 1).' : 'Result: conforms (exit 0).');
  return violations ? EXIT.violations : EXIT.conforms;
}

function loadConfig(): HarnessConfig | undefined {
  try {
    hashHostRequested();
    return harnessConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    cannotRun(`Configuration error: ${error.message}`);
    return undefined;
  }
}

/**
 * A run that judged nothing about the target is "could not run", not a list of
 * failures: no test at all (the web server did not start), or a preflight that
 * kept every version from running because a key is not the kind its variable
 * says, or because it broke before judging anything. A preflight that caught a
 * contract violation (e.g. no version header) is a violation like any other.
 */
export function whyNothingWasJudged(
  report: JsonReport,
  rows: readonly TestRow[],
): string | undefined {
  const globalError = (report.errors ?? [])[0]?.message;
  if (rows.length === 0)
    return `No test ran: ${firstLine(globalError ?? 'Playwright reported no tests')}`;
  const noneRan = rows
    .filter((row) => VERSION_PATTERN.test(row.project))
    .every((row) => row.status === 'skipped' && row.skipReason === 'skipped');
  const failed = rows.filter(
    (row) => !VERSION_PATTERN.test(row.project) && row.status === 'failed',
  );
  if (!noneRan || failed.length === 0) return undefined;
  const wrongKind = failed.filter((row) => row.violatedChecks.includes('credential_kind'));
  if (wrongKind.length > 0) {
    // Key advice only when the target refused a key: a redirect, a 404 page or a 5xx is the URL or the server.
    // A wrong identity (not a status) or a 401/403 is about the key; a redirect, a 404 page
    // or a 5xx is about the URL or the server.
    const refused = wrongKind.some((row) => {
      const status = /^\d{3}\b/.exec(received(row))?.[0];
      return status === undefined || /^(2\d\d|401|403)$/.test(status);
    });
    const answers = identityAnswers(report);
    return [
      ...wrongKind.map(
        (row) => answers.get(row.title) ?? `${row.title}? No: /api/me answered ${received(row)}.`,
      ),
      refused
        ? 'No API version was checked: set each key variable to a key of its kind.'
        : 'No API version was checked: the answers above are not about the keys; check POLYTOMIC_DEPLOYMENT_URL and the deployment (npm run doctor).',
    ].join('\n');
  }
  const broken = failed.find((row) => row.violatedChecks.length === 0);
  if (broken && failed.every((row) => row.violatedChecks.length === 0))
    return `The preflight broke before judging anything: ${firstLine(broken.errors[0] ?? broken.title).replace(/^(Error|TransportError): /, '')}`;
  return undefined;
}

/** The preflight's own account of a wrong /api/me answer (status, content type, Location), by test title. */
function identityAnswers(report: JsonReport): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (suite: JsonReport['suites'][number]) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        for (const result of test.results)
          for (const note of result.annotations ?? [])
            if (note.type === 'identity-answer' && note.description)
              out.set(spec.title, `${spec.title}? No: ${note.description}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  return out;
}

/** The `Received:` line of a violation message: what the target said. */
function received(row: TestRow): string {
  const text = stripAnsi(row.errors.join('\n'));
  return /Received:\s+(.*)/.exec(text)?.[1]?.trim() ?? 'something else';
}

function cannotRun(sentence: string): number {
  console.error(sentence);
  console.error('Result: the harness could not run (exit 2).');
  return EXIT.cannotRun;
}

function firstLine(text: string): string {
  return (
    stripAnsi(text)
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

if (require.main === module) runMain(main, { leakScan: true });
