import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
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

const FIRST_NAMES = FIRST_REPORTERS.map(([name]) => name);

/** A `--reporter=` argument: the first reporters, then the given ones (a CLI list replaces the config's). */
export function reporterArgument(...names: readonly string[]): string {
  return `--reporter=${[...FIRST_NAMES, ...names].join(',')}`;
}

/**
 * `playwright test`'s command line with the first reporters at the head of its `--reporter`
 * list, or undefined when it needs no change (no `--reporter`, or one that starts with them).
 * A `--reporter` on the command line replaces the config's list — Playwright takes the CLI's
 * before the config's (`takeFirst(configCLIOverrides.reporter, …)` in
 * node_modules/playwright/lib/common) — and with it the masking of secrets and the workers a
 * judged failure keeps. Whatever else the command says (`--shard`, `--grep`, `--list`) is kept.
 */
export function withFirstReporters(argv: readonly string[]): string[] | undefined {
  if (argv[2] !== 'test') return undefined;
  let names: string[] | undefined;
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    // Commander keeps the last of a repeated option, as here.
    if (arg === '--reporter') names = (argv[++index] ?? '').split(',');
    else if (arg.startsWith('--reporter=')) names = arg.slice('--reporter='.length).split(',');
    else kept.push(arg);
  }
  if (names === undefined) return undefined;
  const given = names.filter((name) => name !== '');
  const isFirst = (name: string) => FIRST_NAMES.includes(path.resolve(name));
  if (FIRST_NAMES.every((name, index) => path.resolve(given[index] ?? '') === name))
    return undefined;
  return [...kept, reporterArgument(...given.filter((name) => !isFirst(name)))];
}

/**
 * Runs the command line again in a child with the same Node options, its output and input
 * the terminal's, and answers the child's exit code (128 + the signal's number if one ended it).
 */
export function runAgain(argv: readonly string[]): number {
  const run = spawnSync(process.execPath, [...process.execArgv, ...argv.slice(1)], {
    stdio: 'inherit',
  });
  if (run.status !== null) return run.status;
  return run.signal ? 128 + (constants.signals[run.signal] ?? 0) : 1;
}

/** The reporters that write files: none runs under `--list`, which runs no test. */
const FILE_REPORTERS = new Set([
  'json',
  'junit',
  path.resolve(__dirname, 'junit-reporter.ts'),
  'blob',
  'html',
  ALLURE_REPORTER,
]);

/**
 * The config's reporters for this command: under `playwright test --list` without the ones
 * that write files, so listing the tests leaves the last run's reports as they were.
 */
export function forCommand(
  reporters: readonly ReporterDescription[],
  argv: readonly string[] = process.argv,
): ReporterDescription[] {
  if (argv[2] !== 'test' || !argv.includes('--list')) return [...reporters];
  return reporters.filter(([name]) => !FILE_REPORTERS.has(name));
}
