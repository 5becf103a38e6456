import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { SINGLE_FILE_BUILD_DIR } from '../../../harness/config/paths';
import { buildReport, type Overview } from './allure';
import { makeOffline } from './offline';

/**
 * One self-contained HTML file from Allure results, built as the team's report is
 * (scripts/lib/report/allure.ts with allurerc.ts: single file, categories, the key scan), then
 * checked: nothing beside it is needed, and nothing would be fetched from elsewhere.
 */
export interface SingleFileReport {
  readonly ok: boolean;
  readonly file: string;
  /** Why it could not be made. */
  readonly problem?: string;
}

/** Built beside reports/allure, so the run settings allurerc.ts attaches are this run's. */

export function buildSingleFileReport(
  resultsDir: string,
  file: string,
  overview?: Overview,
): SingleFileReport {
  const built = buildReport(resultsDir, SINGLE_FILE_BUILD_DIR, overview);
  if (!built.ok)
    return { ok: false, file, problem: 'the Allure report could not be built (above)' };
  const assets = readdirSync(SINGLE_FILE_BUILD_DIR).filter((name) =>
    /\.(js|css|woff2?)$|^data$/.test(name),
  );
  if (assets.length > 0 || !existsSync(built.path)) {
    rmSync(SINGLE_FILE_BUILD_DIR, { recursive: true, force: true });
    const problem = `the report is not one file (it needs ${assets.join(', ')}): allurerc.ts plugins.awesome.options.singleFile`;
    return { ok: false, file, problem };
  }
  copyFileSync(built.path, file);
  rmSync(SINGLE_FILE_BUILD_DIR, { recursive: true, force: true });
  const remaining = makeOffline([file]).get(file) ?? [];
  if (remaining.length > 0) {
    rmSync(file, { force: true });
    return { ok: false, file, problem: `the report would fetch from ${remaining.join(', ')}` };
  }
  return { ok: true, file };
}
