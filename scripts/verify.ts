import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { type HarnessConfig, harnessConfig, requireSomeKey } from '../harness/config/env';
import { VERIFY_ALLURE_RESULTS, VERIFY_DIR } from '../harness/config/paths';
import { ConfigError } from '../harness/config/variables';
import { keyOrigins } from '../harness/report/environment';
import { optionsFromEnv } from '../reference/config';
import { startReferenceServer } from '../reference/server';
import { type CommandLine, command, SCAN_FOLLOWS } from './lib/cli';
import { commandSpec } from './lib/commands';
import { printDiagnosis } from './lib/ops/doctor-table';
import { buildSingleFileReport } from './lib/report/single-file';
import { whyNothingWasJudged } from './lib/run/could-not-run';
import { testRows } from './lib/run/results';
import { runSuite } from './lib/run/run-suite';
import { formatSummary, overviewMetadata } from './lib/summary/console';
import { coverageAttachment } from './lib/summary/coverage';
import { hashHostRequested, hostHash } from './lib/summary/fingerprint';
import type { VersionProbe } from './lib/summary/model';
import { writeSummaryFiles } from './lib/summary/write';
import { probeVersions } from './lib/verify/version-probe';

/**
 * `npm run verify`: what a partner runs against an on-prem install and sends back.
 * Preflight (the doctor's tables), the versions the target
 * reports, the suite read-only unless --allow-writes, then reports/verify/ holds
 * conformance-report.html (one self-contained file) and summary.json (with a fingerprint).
 * Exit 0 = conforms, 1 = violations found, 2 = could not run. Its options: scripts/lib/commands.ts.
 */
const REPORT_FILE = path.join(VERIFY_DIR, 'conformance-report.html');
const RESULTS_FILE = path.join(VERIFY_DIR, 'results.json');

async function main(line: CommandLine): Promise<number> {
  dotenv.config({ quiet: true });
  // Read-only unless asked: a partner's production install is not a test bed.
  process.env.POLYTOMIC_ALLOW_WRITES = line.values['allow-writes'] ? 'true' : 'false';
  let config: HarnessConfig;
  let hashHost: boolean;
  try {
    config = requireSomeKey(harnessConfig());
    hashHost = hashHostRequested();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    return 2;
  }
  const probes = await preflight(config);
  if (typeof probes === 'string') {
    console.error(probes);
    return 2;
  }
  console.log(`Target reports: ${describeProbes(probes)}`);
  rmSync(VERIFY_DIR, { recursive: true, force: true });
  const run = runSuite({
    resultsPath: RESULTS_FILE,
    config: path.join(__dirname, 'verify.config.ts'),
    args: line.playwright,
    // The scan on the way out (runMain) searches for a key the run makes, then deletes it.
    env: { ...SCAN_FOLLOWS, POLYTOMIC_RUN_ID: config.runId },
  });
  const rows = run.report ? testRows(run.report) : [];
  if (!run.report || rows.length === 0) {
    console.error('The harness could not run; see the message above.');
    return 2;
  }
  // A key of the wrong kind is the configuration's mistake, not the install's: nothing to send back.
  const stopped = whyNothingWasJudged(run.report, rows);
  if (stopped) {
    console.error(stopped);
    console.error('Result: the harness could not run (exit 2).');
    return 2;
  }
  if (hashHost && !config.bundled)
    hideHost(VERIFY_ALLURE_RESULTS, new URL(config.targetUrl).hostname);
  const keys = keyOrigins(config);
  const report = buildSingleFileReport(VERIFY_ALLURE_RESULTS, REPORT_FILE, {
    text: `${formatSummary(rows)}\n\nKeys: ${keys.join('\n      ')}`,
    metadata: overviewMetadata(rows),
    coverage: coverageAttachment(rows),
  });
  const { json } = writeSummaryFiles(rows, { config, hashHost, probes, dir: VERIFY_DIR, keys });
  console.log(`Keys: ${keys.join('\n      ')}`);
  rmSync(VERIFY_ALLURE_RESULTS, { recursive: true, force: true });
  // The raw report names the host in every request; with a hashed host only the two files stay.
  if (hashHost) rmSync(RESULTS_FILE, { force: true });
  if (!report.ok) {
    console.error(`The HTML report could not be made: ${report.problem}`);
    return 2;
  }
  const failed = rows.filter((row) => row.status === 'failed').length;
  console.log(
    `\nVerification ${failed === 0 ? 'passed' : `found ${failed} failing tests`}. Send back these two files:\n  ${REPORT_FILE}\n  ${json}`,
  );
  return failed === 0 ? 0 : 1;
}

async function preflight(config: HarnessConfig): Promise<VersionProbe[] | string> {
  if (config.bundled) {
    // Playwright starts the reference server for the suite; the probe needs it a moment earlier.
    const server = await startReferenceServer(optionsFromEnv(process.env));
    try {
      return await probeVersions(config);
    } finally {
      await server.close();
    }
  }
  // The doctor's codes: 0 as expected, 1 something marked ✗ (the suite will say more), 2 unusable.
  const doctor = await printDiagnosis(config);
  if (doctor !== 0 && doctor !== 1)
    return 'The preflight (the doctor) could not reach the target or send the credentials; see above.';
  return probeVersions(config);
}

function describeProbes(probes: readonly VersionProbe[]): string {
  return probes
    .map(
      (p) =>
        `${p.requested ?? 'no header'} → ${p.status}${p.served ? ` served as ${p.served}` : ''}`,
    )
    .join('; ');
}

/** The host name in every result and attachment, replaced by its hash's prefix. */
function hideHost(dir: string, host: string): void {
  const alias = `host-${hostHash(host).slice(0, 12)}`;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!statSync(file).isFile()) continue;
    const text = readFileSync(file, 'utf8');
    if (text.includes(host)) writeFileSync(file, text.split(host).join(alias));
  }
}

export const program = command(commandSpec('verify'), main, { leakScan: true });

if (require.main === module) program.start(process.argv.slice(2));
