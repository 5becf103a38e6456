import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { JUNIT_XML, RESULTS_JSON } from '../harness/config/paths';
import { JUNIT_REPORTER } from '../harness/report/junit-reporter';
import { ALLURE_REPORTER } from '../harness/report/reporters';
import { fileReporters, withReporters } from './lib/run/derived-config';

/**
 * `npx playwright merge-reports --config scripts/merge.config.ts <blob dir>` (nightly.yml):
 * the shards' blob reports replayed through the main config's file reporters — so the
 * Allure results of every shard land in one allure-results/ with the same options — plus
 * the JSON report the gate reads and JUnit XML for CI systems that read it.
 */
export const MERGED_RESULTS = path.resolve(RESULTS_JSON);
export const MERGED_JUNIT_XML = path.resolve(JUNIT_XML);

const MERGED_ALLURE = path.resolve(__dirname, 'lib', 'run', 'merged-allure-reporter.ts');

const reporters: ReporterDescription[] = [
  ...fileReporters()
    .filter(([name]) => name !== 'json' && name !== JUNIT_REPORTER)
    .map(
      ([name, options]): ReporterDescription =>
        name === ALLURE_REPORTER ? [MERGED_ALLURE, options] : [name, options],
    ),
  ['json', { outputFile: MERGED_RESULTS }],
  [JUNIT_REPORTER, { outputFile: MERGED_JUNIT_XML }],
  ['dot'],
];

export default withReporters(reporters);
