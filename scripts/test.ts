import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import type { JSONReport, JSONReportSuite } from '@playwright/test/reporter';

/**
 * `npm test`: type-check, lint/format, the self-tests (reference server, SDK,
 * unit, report, safety, gate), then the mutation matrix. Every step runs even
 * after a failure, so one run shows everything; the exit code is non-zero when
 * anything failed, and the last line counts what ran.
 */
interface Step {
  readonly name: string;
  readonly command: readonly string[];
  /** Reads how many tests the step ran, when it runs tests. */
  readonly count?: () =>
    | { passed: number; failed: number; skipped: number; lines?: readonly string[] }
    | undefined;
}

const SELFTEST_JSON = 'test-results/selftest.json';

/** `file:line title — first line of the error`, for every test that failed or was flaky. */
function unexpectedTests(suites: readonly JSONReportSuite[], file = ''): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((test) => test.status === 'unexpected' || test.status === 'flaky')
        .map((test) => {
          const message = test.results.find((result) => result.error)?.error?.message ?? '';
          const cause = stripVTControlCharacters(message)
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => /[a-z]{3}/i.test(line.replace(/^Error:/, '')))
            .slice(0, 2)
            .join(' ');
          return `  ${test.status === 'flaky' ? 'flaky' : 'failed'}: ${suite.file ?? file}:${spec.line ?? '?'} ${spec.title} — ${cause.slice(0, 240)}`;
        }),
    ),
    ...unexpectedTests(suite.suites ?? [], suite.file ?? file),
  ]);
}

function playwrightCounts(path: string) {
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(readFileSync(path, 'utf8')) as Partial<JSONReport>;
  const stats: Partial<JSONReport['stats']> = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
    // A CI log is often read from its tail: the failed tests are named there too.
    lines: unexpectedTests(report.suites ?? []),
  };
}

const MUTATION_JSON = 'test-results/mutation/counts.json';

function mutationCounts() {
  if (!existsSync(MUTATION_JSON)) return undefined;
  const { passed, failed } = JSON.parse(readFileSync(MUTATION_JSON, 'utf8')) as {
    passed: number;
    failed: number;
  };
  return { passed, failed, skipped: 0 };
}

const STEPS: readonly Step[] = [
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint and format', command: ['npx', 'biome', 'check', '.'] },
  {
    name: 'self-tests',
    command: ['npx', 'playwright', 'test', '-c', 'selftest/playwright.config.ts'],
    count: () => playwrightCounts(SELFTEST_JSON),
  },
  {
    name: 'mutation matrix',
    command: ['npx', 'tsx', 'selftest/mutation.ts'],
    count: mutationCounts,
  },
];

// Counts of an earlier run must never stand in for this one's.
for (const stale of [SELFTEST_JSON, MUTATION_JSON]) rmSync(stale, { force: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const results: string[] = [];
for (const step of STEPS) {
  console.log(`\n━━ ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.command[0] as string, step.command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  });
  const ok = run.status === 0;
  const counts = step.count?.();
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  if (!ok && (!counts || counts.failed === 0)) totals.failed += 1;
  const figures = counts
    ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)`
    : '';
  results.push(
    `${ok ? '✓' : '✗'} ${step.name}${figures} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ...(counts?.lines ?? []),
  );
}

console.log(`\n━━ summary\n${results.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = results.every((line) => !line.startsWith('✗')) ? 0 : 1;
