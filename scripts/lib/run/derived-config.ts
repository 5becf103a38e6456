import path from 'node:path';
import type { PlaywrightTestConfig, ReporterDescription } from '@playwright/test';
import { TEST_RESULTS_DIR } from '../../../harness/config/paths';
import { CONSOLE_REPORTER } from '../../../harness/report/console-reporter';
import base from '../../../playwright.config';

/**
 * playwright.config.ts with other reporters, for configs kept in scripts/ (verify,
 * merging sharded runs): the suite stays defined in one place.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The console reporters; the others write files. */
const CONSOLE = new Set(['list', 'line', 'dot', 'null', 'github', CONSOLE_REPORTER]);

export function fileReporters(): ReporterDescription[] {
  const reporters = (base.reporter ?? []) as ReporterDescription[];
  return reporters.filter(([name]) => !CONSOLE.has(name));
}

/** Paths in the main config are relative to the project root; these files sit one level down. */
export function withReporters(reporter: ReporterDescription[]): PlaywrightTestConfig {
  const webServer = base.webServer;
  return {
    ...base,
    testDir: path.resolve(ROOT, base.testDir ?? '.'),
    outputDir: path.resolve(ROOT, base.outputDir ?? TEST_RESULTS_DIR),
    webServer: webServer && !Array.isArray(webServer) ? { ...webServer, cwd: ROOT } : webServer,
    reporter,
  };
}
