import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const RESULTS_DIR = 'allure-results';
export const REPORT_DIR = 'reports/allure';

/** Builds the Allure 3 HTML report (the `allure` npm package, no Java) from allure-results/. */
export function buildReport(): { ok: boolean; path: string; ms: number } {
  const path = resolve(REPORT_DIR, 'index.html');
  if (!existsSync(RESULTS_DIR)) {
    console.error(
      `No ${RESULTS_DIR}/ to build a report from; run the suite first (npm run conformance).`,
    );
    return { ok: false, path, ms: 0 };
  }
  const started = Date.now();
  const run = spawnSync('npx', ['allure', 'generate', RESULTS_DIR, '--output', REPORT_DIR], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ok = run.status === 0 && existsSync(path);
  if (!ok) console.error(`The Allure report could not be built:\n${run.stderr || run.stdout}`);
  return { ok, path, ms: Date.now() - started };
}

if (require.main === module) {
  const { ok, path } = buildReport();
  if (ok) console.log(`Allure report: ${path}`);
  process.exitCode = ok ? 0 : 1;
}
