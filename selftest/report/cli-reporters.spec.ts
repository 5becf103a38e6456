import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CURRENT_VERSION } from '../../contract/versions';
import {
  FIRST_REPORTERS,
  forCommand,
  REDACTING_REPORTER,
  withFirstReporters,
} from '../../harness/report/reporters';
import { freePort } from '../../scripts/lib/bench/processes';
import { playwrightCommand } from '../../scripts/lib/run/playwright-cli';
import { BASE_ENV, ROOT, tempDir } from '../gate/helpers';

/**
 * A `--reporter` given to `npx playwright test` replaces the config's reporters. The config
 * runs the command again with its first reporters (masking, kept workers) at the head of
 * that list, whatever else the command says.
 */
const FIRST = FIRST_REPORTERS.map(([name]) => name).join(',');
const PLAYWRIGHT = ['/usr/bin/node', '/project/node_modules/.bin/playwright'];

test.describe('the command line, with the first reporters first', () => {
  for (const [given, expected] of [
    [['--reporter=line'], [`--reporter=${FIRST},line`]],
    [
      ['--shard=1/4', '--reporter=blob,dot'],
      ['--shard=1/4', `--reporter=${FIRST},blob,dot`],
    ],
    [
      ['--reporter', 'line', '--grep', 'x'],
      ['--grep', 'x', `--reporter=${FIRST},line`],
    ],
    [
      ['--reporter=dot', '--list', '--reporter=line'],
      ['--list', `--reporter=${FIRST},line`],
    ],
    [[`--reporter=line,${REDACTING_REPORTER}`], [`--reporter=${FIRST},line`]],
  ] as const)
    test(given.join(' ').replace(REDACTING_REPORTER, '<redacting reporter>'), () => {
      expect(withFirstReporters([...PLAYWRIGHT, 'test', ...given])).toEqual([
        ...PLAYWRIGHT,
        'test',
        ...expected,
      ]);
    });

  test('no change when none is given, when they already come first, or for another command', () => {
    expect(withFirstReporters([...PLAYWRIGHT, 'test', '--shard=1/2'])).toBeUndefined();
    expect(withFirstReporters([...PLAYWRIGHT, 'test', `--reporter=${FIRST},json`])).toBeUndefined();
    expect(withFirstReporters([...PLAYWRIGHT, 'merge-reports', '--reporter=json'])).toBeUndefined();
    // A worker process: its command line is Playwright's worker entry.
    expect(withFirstReporters(['/usr/bin/node', '/x/workerProcessEntry.js'])).toBeUndefined();
  });

  test('under --list only the reporters that write no file', () => {
    const reporters = [...FIRST_REPORTERS, ['line'], ['json', { outputFile: 'r.json' }], ['junit']];
    const listed = forCommand(reporters as never, [...PLAYWRIGHT, 'test', '--list']);
    expect(listed.map(([name]) => name)).toEqual([...FIRST_REPORTERS.map(([n]) => n), 'line']);
    expect(forCommand(reporters as never, [...PLAYWRIGHT, 'test'])).toHaveLength(5);
  });
});

interface JsonTest {
  expectedStatus: string;
  results: { status: string; workerIndex: number }[];
}
interface JsonSuite {
  specs?: { tests: JsonTest[] }[];
  suites?: JsonSuite[];
}
const testsOf = (suites: readonly JsonSuite[]): JsonTest[] =>
  suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests),
    ...testsOf(suite.suites ?? []),
  ]);

/**
 * Every version echo wrong: every /api/me test of the current version fails by judgement.
 * Under `--reporter=line,json` — Playwright's JSON beside the console, the config's list
 * replaced — the failures keep their workers, and are still plain failures and exit 1.
 */
test('a broken run under --reporter=line keeps its workers, and its failures are failures', async () => {
  test.setTimeout(240_000);
  const json = path.join(tempDir('cli-reporters'), 'results.json');
  const run = spawnSync(
    ...playwrightCommand(
      'test',
      '--reporter=line,json',
      `--project=${CURRENT_VERSION}`,
      '--no-deps',
      '--grep',
      'GET /api/me',
    ),
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 200_000,
      env: {
        ...process.env,
        ...BASE_ENV,
        REFERENCE_PORT: String(await freePort()),
        REFERENCE_FAULTS: 'wrongVersionEcho',
        PLAYWRIGHT_JSON_OUTPUT_NAME: json,
        POLYTOMIC_WORKERS: '2',
      },
    },
  );
  const output = `${run.stdout}${run.stderr}`;
  const ran = testsOf(
    (JSON.parse(readFileSync(json, 'utf8')) as { suites: JsonSuite[] }).suites,
  ).filter((one) => one.results.length > 0);
  const failed = ran.filter(
    (one) => one.expectedStatus === 'passed' && one.results.at(-1)?.status === 'failed',
  );
  const workers = new Set(ran.flatMap((one) => one.results.map((result) => result.workerIndex)));
  console.log(`${failed.length} of ${ran.length} failed, on ${workers.size} worker processes`);
  expect(run.status, output.slice(-2000)).toBe(1);
  expect(failed.length).toBeGreaterThan(4);
  expect(failed.length).toBe(ran.length);
  // Two workers for the version (POLYTOMIC_WORKERS=2): none replaced after a failure.
  expect(workers.size).toBeLessThanOrEqual(2);
  expect(output).toMatch(new RegExp(`${failed.length} failed`));
});
