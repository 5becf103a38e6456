import { defineConfig } from '@playwright/test';

/**
 * The harness's own tests: the reference server against the contract, the
 * Polytomic SDK against the reference server, and unit tests of the harness.
 * The mutation matrix (selftest/mutation.ts) runs separately, from scripts/test.ts.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: '../test-results/selftest.json' }]],
  outputDir: '../test-results/selftest',
  use: { trace: 'off' },
});
