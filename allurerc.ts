import { existsSync } from 'node:fs';
import { defineConfig } from 'allure';
import { ALLURE_REPORT_DIR, COVERAGE, OVERVIEW, RUN_SETTINGS } from './harness/config/paths';
import { reportCategories } from './harness/report/environment';

/**
 * Allure 3 (the `allure` npm package) reads this file from the working directory;
 * `npm run report` builds with it. One self-contained index.html, so the report
 * opens from disk without a server.
 */
/** Restored and saved by the nightly (.github/workflows/nightly.yml): trends from run to run. */
const NIGHTLY_HISTORY = '.allure-history';

export default defineConfig({
  name: 'Polytomic API conformance',
  output: ALLURE_REPORT_DIR,
  // Only where that folder exists: a local run keeps no history.
  ...(existsSync(NIGHTLY_HISTORY) ? { historyPath: `${NIGHTLY_HISTORY}/history.jsonl` } : {}),
  categories: reportCategories(),
  // Written by scripts/lib/report/allure.ts: the run at a glance (the broken rules, each with
  // one example, then the table), the settings (the Metadata panel cuts long names), and the
  // coverage: each operation Polytomic's SDK calls, judged or why not.
  globalAttachments: [OVERVIEW, RUN_SETTINGS, COVERAGE],
  // Framework noise, and Allure 2's behaviour labels that repeat the suites.
  hideLabels: [
    'language',
    'framework',
    'package',
    'titlePath',
    'host',
    'thread',
    'epic',
    'feature',
    'story',
  ],
  plugins: {
    awesome: {
      options: {
        reportName: 'Polytomic API conformance',
        reportLanguage: 'en',
        singleFile: true,
        groupBy: ['parentSuite', 'suite', 'subSuite'],
        // By name, not by first start (the versions start together, in no fixed order):
        // 0 · preflight, the versions oldest to newest, collateral (harness/fixtures/judging.ts).
        defaultSortBy: 'name,asc',
        stepTreeExpansion: 'expand_failed_only',
      },
    },
  },
});
