import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

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
  readonly count?: () => { passed: number; failed: number; skipped: number } | undefined;
}

const SELFTEST_JSON = 'test-results/selftest.json';

function playwrightCounts(path: string) {
  if (!existsSync(path)) return undefined;
  const stats =
    (JSON.parse(readFileSync(path, 'utf8')) as { stats?: Record<string, number> }).stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
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
  );
}

console.log(`\n━━ summary\n${results.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = results.every((line) => line.startsWith('✓')) ? 0 : 1;
