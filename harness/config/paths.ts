import { join, resolve } from 'node:path';

/**
 * Every file and folder a run writes, relative to the working directory of the command:
 * a clone's root under `npm run`, the folder `polytomic-conformance` runs in when installed
 * (never the package's own folder). Generated output only: all of it is ignored by git and
 * searched by the leak scan. Playwright resolves a config's relative paths against the
 * config's folder, so playwright.config.ts hands it these resolved.
 */
export const REPORTS_DIR = 'reports';
export const ALLURE_RESULTS_DIR = 'allure-results';
export const TEST_RESULTS_DIR = 'test-results';
/** What the leak scan searches after a run. */
export const OUTPUT_DIRS = [REPORTS_DIR, ALLURE_RESULTS_DIR, TEST_RESULTS_DIR] as const;

/** Playwright's output folder for the suite (traces are off: attachments only). */
export const SUITE_OUTPUT_DIR = join(TEST_RESULTS_DIR, 'conformance');
/** Playwright's JSON report: what the summary, the gate and the bench read. */
export const RESULTS_JSON = join(REPORTS_DIR, 'results.json');
export const JUNIT_XML = join(REPORTS_DIR, 'junit.xml');
export const ALLURE_REPORT_DIR = join(REPORTS_DIR, 'allure');
/** Beside the report: named in allurerc.ts `globalAttachments`. */
export const RUN_SETTINGS = join(REPORTS_DIR, 'run-settings.txt');
/** Beside the report, first among its global attachments: the broken rules, then the table. */
export const OVERVIEW = join(REPORTS_DIR, 'overview.txt');
/** Beside the report, among its global attachments: every operation the SDKs call, judged or why not. */
export const COVERAGE = join(REPORTS_DIR, 'coverage.md');
export const GATE_RESULTS = join(REPORTS_DIR, 'gate-results.json');
export const COMPARE_RESULTS = join(REPORTS_DIR, 'compare-results.json');

/** One JSON-lines ledger per run: what `npm run cleanup` may remove. */
export const LEDGER_DIR = join(REPORTS_DIR, 'ledger');
/** Per-run state shared by the workers: the snapshot and the key reach. */
export const STATE_DIR = join(REPORTS_DIR, 'state');

export function runStateDir(runId: string): string {
  return join(STATE_DIR, runId);
}

/**
 * Where `npm run verify` writes: apart from reports/ and allure-results/ of the other
 * commands. Absolute, because its Playwright config (scripts/verify.config.ts) is read
 * from the package.
 */
export const VERIFY_DIR = resolve(REPORTS_DIR, 'verify');
export const VERIFY_ALLURE_RESULTS = join(VERIFY_DIR, ALLURE_RESULTS_DIR);
/** Where the single-file report is built before it is copied to its place. */
export const SINGLE_FILE_BUILD_DIR = resolve(REPORTS_DIR, 'single-file-build');
