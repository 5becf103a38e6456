import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, harnessConfig } from '../harness/config';
import { checkReachable } from '../harness/reachability';
import { buildReport, RESULTS_DIR } from './report';
import { readReport, testRows } from './results';
import { formatSummary } from './summary';

/**
 * `npm run conformance`: the suite, the Allure report, and a one-screen summary.
 * Exit 0 = conforms, 1 = violations found, 2 = the harness could not run.
 * Arguments after `--` go to Playwright (e.g. `-- --project=2025-09-18`).
 */
const RESULTS_JSON = 'reports/results.json';

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  let config: ReturnType<typeof harnessConfig>;
  try {
    config = harnessConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!config.bundled) {
    const problem = await checkReachable(config);
    if (problem) {
      console.error(problem);
      return 2;
    }
  }
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  rmSync(RESULTS_JSON, { force: true });
  const started = Date.now();
  const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      POLYTOMIC_RUN_ID: config.runId,
      POLYTOMIC_CONSOLE: process.env.POLYTOMIC_CONSOLE ?? 'line',
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 2 || !existsSync(RESULTS_JSON)) {
    console.error('The harness could not run; see the message above.');
    return 2;
  }
  const report = readReport(RESULTS_JSON);
  const rows = testRows(report);
  const { ok, path, ms } = buildReport();
  console.log(`\n${formatSummary(rows)}`);
  console.log(`Suite ${seconds} s; report built in ${(ms / 1000).toFixed(1)} s.`);
  if (ok)
    console.log(
      `Allure report: ${path}  (open it with: npx allure open ${path.replace(/\/index\.html$/, '')})`,
    );
  const harnessErrors = (report.errors ?? []).length;
  if (harnessErrors > 0 && rows.length === 0) return 2;
  return rows.some((row) => row.status === 'failed') || harnessErrors > 0 ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
