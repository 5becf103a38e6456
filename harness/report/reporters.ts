import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { JUDGED_FAILURE_REPORTER } from './judged-failures';

/** allure-playwright, writing its results without an fsync per file (allure-reporter.ts). */
export const ALLURE_REPORTER = path.resolve(__dirname, 'allure-reporter.ts');

/** Masks secrets in every error and annotation before any other reporter sees them. */
export const REDACTING_REPORTER = path.resolve(__dirname, '..', 'safety', 'redacting-reporter.ts');

/**
 * The reporters every run of the suite lists first, in this order, whatever else it lists:
 * Playwright hands all reporters the same objects, so these fix them for the rest.
 */
export const FIRST_REPORTERS: readonly ReporterDescription[] = [
  [REDACTING_REPORTER],
  [JUDGED_FAILURE_REPORTER],
];

/** A `--reporter=` argument: the first reporters, then the given ones (a CLI list replaces the config's). */
export function reporterArgument(...names: readonly string[]): string {
  return `--reporter=${[...FIRST_REPORTERS.map(([name]) => name), ...names].join(',')}`;
}
