import type { ReporterDescription } from '@playwright/test';
import { VERIFY_ALLURE_RESULTS } from '../harness/config/paths';
import { ALLURE_REPORTER, FIRST_REPORTERS } from '../harness/report/reporters';
import { fileReporters, withReporters } from './lib/run/derived-config';

/**
 * The suite for `npm run verify`: Playwright's JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) and
 * Allure results in reports/verify/, with the main config's Allure options (its environment
 * panel), so a partner's verification never mixes with reports/ and allure-results/.
 */
function allureReporter(): ReporterDescription {
  const entry = fileReporters().find(([name]) => name === ALLURE_REPORTER);
  const options = (entry?.[1] ?? {}) as Record<string, unknown>;
  return [ALLURE_REPORTER, { ...options, resultsDir: VERIFY_ALLURE_RESULTS }];
}

export default withReporters([
  ...FIRST_REPORTERS,
  [process.env.POLYTOMIC_CONSOLE ?? (process.env.CI ? 'dot' : 'line')],
  ['json'],
  allureReporter(),
]);
