import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { ALLURE_REPORTER, FIRST_REPORTERS } from '../../../harness/report/reporters';
import { withReporters } from '../../../scripts/lib/run/derived-config';

/**
 * The suite with JSON and Allure results in the folder of PLAYWRIGHT_JSON_OUTPUT_NAME, with
 * or without the reporters every run lists first (JUDGED_SELFTEST_BARE=true: without), so
 * judged-failures.spec.ts can read what each reporter recorded.
 */
const output = path.dirname(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/judged/x');
const bare = process.env.JUDGED_SELFTEST_BARE === 'true';

const reporters: ReporterDescription[] = [
  ...(bare ? [] : FIRST_REPORTERS),
  ['json'],
  [ALLURE_REPORTER, { resultsDir: path.join(output, 'allure-results'), suiteTitle: false }],
];

export default withReporters(reporters);
