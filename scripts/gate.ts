import dotenv from 'dotenv';
import { harnessConfig, requireSomeKey } from '../harness/config/env';
import { GATE_RESULTS } from '../harness/config/paths';
import { ConfigError } from '../harness/config/variables';
import { type CommandLine, command, SCAN_FOLLOWS } from './lib/cli';
import { commandSpec } from './lib/commands';
import {
  BASELINE_FILE,
  type BaselineEntry,
  BaselineError,
  type ExecutedTest,
  type GateResult,
  judge,
  loadBaseline,
  utcDate,
} from './lib/gate/baseline';
import { formatCheckId } from './lib/gate/check-id';
import { untrusted } from './lib/gate/trust';
import { checkReachable } from './lib/ops/reachability';
import { type JsonReport, readReport, type TestRow, testRows } from './lib/run/results';
import { runSuite } from './lib/run/run-suite';
import { hashHostRequested } from './lib/summary/fingerprint';
import { failuresOf, gateSummary, uniqueRows } from './lib/summary/model';
import { writeSummaryFiles } from './lib/summary/write';

/**
 * `npm run gate`: the suite, judged against the baseline. Exit 0 only when every failure
 * is baselined and no entry has expired; 1 otherwise; 2 when the harness could not run.
 *   --from-results <file>  judge an existing Playwright JSON report (a merged nightly run)
 *   --baseline <file>      default conformance.baseline.json
 *   --today <YYYY-MM-DD>   the day expiry is judged on (default: today, UTC)
 *   --out <dir>            where summary.json and summary.md go (default reports)
 * Playwright's selection options (--project=2025-09-18) and anything after -- go to Playwright.
 */

async function main(line: CommandLine): Promise<number> {
  dotenv.config({ quiet: true });
  const values = line.values as Readonly<Record<string, string | undefined>>;
  const baselineFile = values.baseline ?? BASELINE_FILE;
  const today = values.today ?? utcDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(`--today must be a date YYYY-MM-DD, got ${JSON.stringify(today)}.`);
    return 2;
  }
  let entries: BaselineEntry[];
  let config: ReturnType<typeof harnessConfig>;
  try {
    entries = loadBaseline(baselineFile);
    config = harnessConfig();
    // Judging a report sends nothing; running the suite needs a key.
    if (!values['from-results']) requireSomeKey(config);
    hashHostRequested();
  } catch (error) {
    if (!(error instanceof BaselineError || error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const report = await results(values['from-results'], config, line.playwright);
  if (!report) return 2;
  const refused = untrusted(report, values['--from-results'] ?? "the run's results");
  if (refused) {
    console.error(refused);
    return 2;
  }
  const rows = uniqueRows(testRows(report));
  const harnessErrors = (report.errors ?? []).map((error) => error.message ?? 'unknown error');
  if (rows.length === 0) {
    console.error(`The suite ran no test${harnessErrors.length ? `: ${harnessErrors[0]}` : '.'}`);
    return 2;
  }
  const result = judge(failuresOf(rows), executedTests(rows), entries, today);
  console.log(`\n${formatGate(result, rows, baselineFile, today)}`);
  for (const message of harnessErrors) console.log(`Run error (not a check): ${message}`);
  const { json, markdown } = writeSummaryFiles(rows, {
    config,
    gate: gateSummary(result, baselineFile),
    dir: values.out,
  });
  console.log(`Summary: ${json}, ${markdown}`);
  return result.passed && harnessErrors.length === 0 ? 0 : 1;
}

async function results(
  fromResults: string | undefined,
  config: ReturnType<typeof harnessConfig>,
  playwrightArgs: readonly string[],
): Promise<JsonReport | undefined> {
  if (fromResults) {
    try {
      return readReport(fromResults);
    } catch (error) {
      console.error(
        `Cannot read ${fromResults} as a Playwright JSON report: ${(error as Error).message}`,
      );
      return undefined;
    }
  }
  if (!config.bundled) {
    const problem = await checkReachable(config);
    if (problem) {
      console.error(problem);
      return undefined;
    }
  }
  const run = runSuite({
    resultsPath: GATE_RESULTS,
    args: playwrightArgs,
    // The scan on the way out (runMain) searches for a key the run makes, then deletes it.
    env: { ...SCAN_FOLLOWS, POLYTOMIC_RUN_ID: config.runId },
  });
  if (!run.report) console.error('The harness could not run; see the message above.');
  return run.report;
}

function executedTests(rows: readonly TestRow[]): ExecutedTest[] {
  return rows
    .filter((row) => row.status !== 'skipped')
    .map((row) => ({ version: row.project, endpoint: row.endpoint, mode: row.mode }));
}

export function formatGate(
  result: GateResult,
  rows: readonly TestRow[],
  baselineFile: string,
  today: string,
): string {
  const failed = rows.filter((row) => row.status === 'failed').length;
  const out = [
    `Gate (${today}): ${rows.length} tests, ${failed} failed; ${result.newFailures.length} new and ${result.known.length} known failing checks; baseline ${baselineFile}.`,
  ];
  const list = (title: string, items: readonly string[]) => {
    out.push('', `${title}: ${items.length === 0 ? 'none' : items.length}`);
    for (const item of items) out.push(`  ${item}`);
  };
  list(
    'New failures (not in the baseline)',
    result.newFailures.map((f) => `${formatCheckId(f.id)}\n      test: ${f.test}`),
  );
  list(
    'Known failures (baselined)',
    result.known.map(
      ({ failure, entry }) =>
        `${formatCheckId(failure.id)}\n      ${entry.reason} (owner ${entry.owner}, until ${entry.expires})`,
    ),
  );
  list(
    'Baselined checks that now pass (remove these entries)',
    result.fixed.map((e) => e.id),
  );
  list(
    'Expired baseline entries (fix the check, or renew the entry with a reason)',
    result.expired.map((e) => `${e.id}  (expired ${e.expires}, owner ${e.owner})`),
  );
  if (result.notRun.length > 0)
    list(
      'Baseline entries whose test did not run here (kept)',
      result.notRun.map((e) => e.id),
    );
  out.push(
    '',
    result.passed
      ? 'Gate passed: every failure is baselined and no entry has expired.'
      : 'Gate FAILED: new failures or expired baseline entries (listed above).',
  );
  return out.join('\n');
}

export const program = command(commandSpec('gate'), main, { leakScan: true });

if (require.main === module) program.start(process.argv.slice(2));
