import { runMain } from './lib/cli';
import { buildReport } from './lib/report/allure';

/** `npm run report`: rebuilds the Allure report from allure-results/ (exit 1 when it cannot). */
runMain(() => {
  const { ok, path, ms } = buildReport();
  if (ok) console.log(`Allure report: ${path}  (built in ${(ms / 1000).toFixed(1)} s)`);
  return ok ? 0 : 1;
});
