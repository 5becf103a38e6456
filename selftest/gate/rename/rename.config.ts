import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * A tiny real Playwright run for the rename proof (selftest/gate/check-id.spec.ts): the
 * same tests under the titles RENAME_TITLES picks. Its JSON report goes where
 * PLAYWRIGHT_JSON_OUTPUT_NAME says; nothing is written inside the repository.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'identity.fixture.ts',
  workers: 1,
  retries: 0,
  reporter: [['json']],
  outputDir: process.env.RENAME_OUTPUT_DIR ?? path.join(os.tmpdir(), 'rename-proof'),
  projects: [{ name: '2025-09-18' }],
});
