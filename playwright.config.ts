import { join, resolve } from 'node:path';
import { defineConfig, type Project } from '@playwright/test';
import dotenv from 'dotenv';
import { DEFAULT_WORKERS, harnessConfig, requireSomeKey } from './harness/config/env';
import {
  ALLURE_RESULTS_DIR,
  JUNIT_XML,
  RESULTS_JSON,
  SUITE_OUTPUT_DIR,
} from './harness/config/paths';
import { ConfigError } from './harness/config/variables';
import { otherVersionsOnly } from './harness/fixtures/version-tags';
import { environmentInfo } from './harness/report/environment';
import { JUNIT_REPORTER } from './harness/report/junit-reporter';
import {
  ALLURE_REPORTER,
  FIRST_REPORTERS,
  forCommand,
  runAgain,
  withFirstReporters,
} from './harness/report/reporters';
import { runMetadata } from './harness/report/run-metadata';

// A `--reporter` on the command line replaces the config's reporters, the ones that mask
// secrets and keep workers among them: the same command runs again with those listed first.
const withOurs = withFirstReporters(process.argv);
if (withOurs) process.exit(runAgain(withOurs));

dotenv.config({ quiet: true });

/** A bad setting is one sentence naming the variable, and exit code 2 — before any test. */
function loadConfig() {
  try {
    return requireSomeKey(harnessConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
}

const config = loadConfig();
// Workers inherit the environment: every process names this run's organizations alike.
process.env.POLYTOMIC_RUN_ID = config.runId;

// No more workers than requests allowed in flight (POLYTOMIC_MAX_CONCURRENCY).
const workers = Math.min(
  config.workers ?? DEFAULT_WORKERS,
  config.maxConcurrency ?? Number.POSITIVE_INFINITY,
);
// A worker serves one project: a worker freed by one version and given another's test is
// a new process (~0.5 s of start-up). Sharing the workers out over the versions keeps each
// on its own version from start to end.
const workersPerVersion = Math.max(1, Math.ceil(workers / config.versions.length));

const versionProjects: Project[] = config.versions.map((version) => ({
  name: version,
  workers: workersPerVersion,
  // One worker per version: its tests in a job per file, in order, rather than a job per
  // test (each a round trip between the runner and the worker); with several, shared out.
  fullyParallel: workersPerVersion > 1,
  testIgnore: /\.(setup|teardown)\.ts$/,
  grepInvert: otherVersionsOnly(version),
  dependencies: ['preflight'],
  use: { apiVersion: version },
}));

export default defineConfig<object, { apiVersion: string }>({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: config.retries,
  workers,
  // Above POLYTOMIC_TIMEOUT_MS, so a hung target ends in the harness's sentence naming that
  // variable, not in Playwright's "Fixture … timeout of 60000ms exceeded".
  timeout: Math.max(60_000, 2 * config.timeoutMs + 10_000),
  outputDir: resolve(SUITE_OUTPUT_DIR),
  // With no POLYTOMIC_API_KEY, the run makes its own before any worker starts, and removes it after.
  // Absolute: the derived configs under scripts/ (verify, merge) reuse this one from there.
  globalSetup: join(__dirname, 'harness', 'fixtures', 'global-setup.ts'),
  // In the JSON report and each shard's blob: the gate judges only what a whole run wrote.
  metadata: runMetadata(),
  // Under `--list`, none of those that write files: listing leaves the last run's reports alone.
  reporter: forCommand([
    // First: masks keys in every error; then a test failed by a judged exchange, which kept
    // its worker, is a plain failure again — before the reporters below see them (same objects).
    ...FIRST_REPORTERS,
    [process.env.POLYTOMIC_CONSOLE ?? (process.env.CI ? 'dot' : 'list')],
    ['json', { outputFile: resolve(RESULTS_JSON) }],
    // Violations as <failure>, harness errors as <error>, the version in each test's name.
    [JUNIT_REPORTER, { outputFile: resolve(JUNIT_XML) }],
    [
      ALLURE_REPORTER,
      {
        resultsDir: resolve(ALLURE_RESULTS_DIR),
        suiteTitle: false,
        // Allure 3 reads categories from allurerc.ts, not from the results folder.
        environmentInfo: environmentInfo(config),
      },
    ],
  ]),
  // Traces and videos would hold request headers; the report attaches redacted exchanges instead.
  use: {
    trace: 'off',
    video: 'off',
    screenshot: 'off',
    // Playwright's defaults, given as values: an option left to its default is a fixture
    // run, and a report step, for every test.
    actionTimeout: 0,
    navigationTimeout: 0,
    testIdAttribute: 'data-testid',
  },
  projects: [
    // Preflight: credential kinds and the snapshot; its teardown checks for collateral damage.
    {
      name: 'preflight',
      testMatch: /preflight\.setup\.ts$/,
      // A handful of short tests: one worker's start-up costs more than running them in turn.
      workers: 1,
      teardown: 'collateral',
      use: { apiVersion: config.versions[0] },
    },
    {
      name: 'collateral',
      testMatch: /collateral\.teardown\.ts$/,
      use: { apiVersion: config.versions[0] },
    },
    ...versionProjects,
  ],
  webServer: config.bundled
    ? {
        command: 'node --import tsx reference/main.ts',
        url: `${config.targetUrl}/health`,
        reuseExistingServer: false,
        timeout: 30_000,
        stdout: 'ignore',
        stderr: 'pipe',
      }
    : undefined,
});
