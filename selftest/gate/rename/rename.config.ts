import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { runMetadata } from '../../../harness/report/run-metadata';

/**
 * A tiny real Playwright run for the rename proof (selftest/gate/check-id.spec.ts): the
 * same tests under the titles RENAME_TITLES picks. Its JSON report goes where
 * PLAYWRIGHT_JSON_OUTPUT_NAME says; nothing is written inside the repository. It stands in
 * for the suite, so it marks its report as the suite's (the gate judges no other).
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'identity.fixture.ts',
  workers: 1,
  retries: 0,
  reporter: [['json']],
  metadata: runMetadata(),
  outputDir: process.env.RENAME_OUTPUT_DIR ?? path.join(os.tmpdir(), 'rename-proof'),
  projects: [{ name: '2025-09-18' }],
});
