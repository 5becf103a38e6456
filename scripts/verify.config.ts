import type { ReporterDescription } from '@playwright/test';
import { VERIFY_ALLURE_RESULTS } from '../harness/config/paths';
import { FIRST_REPORTERS } from '../harness/report/reporters';
import { fileReporters, withReporters } from './lib/run/derived-config';

/**
 * The suite for `npm run verify`: Playwright's JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) and
 * Allure results in reports/verify/, with the main config's Allure options (its environment
 * panel), so a partner's verification never mixes with reports/ and allure-results/.
 */
function allureReporter(): ReporterDescription {
  const entry = fileReporters().find(([name]) => name === 'allure-playwright');
  const options = (entry?.[1] ?? {}) as Record<string, unknown>;
  return ['allure-playwright', { ...options, resultsDir: VERIFY_ALLURE_RESULTS }];
}

export default withReporters([
  ...FIRST_REPORTERS,
  [process.env.POLYTOMIC_CONSOLE ?? (process.env.CI ? 'dot' : 'line')],
  ['json'],
  allureReporter(),
]);
