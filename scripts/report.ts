import { existsSync } from 'node:fs';
import { RESULTS_JSON } from '../harness/config/paths';
import { command } from './lib/cli';
import { commandSpec } from './lib/commands';
import { buildReport, type Overview } from './lib/report/allure';
import { readReport, testRows } from './lib/run/results';
import { formatSummary, overviewMetadata } from './lib/summary/console';
import { coverageAttachment } from './lib/summary/coverage';

/**
 * `npm run report`: rebuilds the Allure report from allure-results/ (exit 1 when it cannot):
 * one file that opens from disk, with the verdict of the run in reports/results.json (a
 * merged nightly run's too) at the head of its Metadata panel and as its first attachment.
 */
function overview(): Overview | undefined {
  if (!existsSync(RESULTS_JSON)) return undefined;
  const rows = testRows(readReport(RESULTS_JSON));
  return {
    text: formatSummary(rows),
    metadata: overviewMetadata(rows),
    coverage: coverageAttachment(rows),
  };
}

export const program = command(commandSpec('report'), () => {
  const { ok, path, ms } = buildReport(undefined, undefined, overview());
  if (ok) console.log(`Allure report: ${path}  (built in ${(ms / 1000).toFixed(1)} s)`);
  return ok ? 0 : 1;
});

if (require.main === module) program.start(process.argv.slice(2));
