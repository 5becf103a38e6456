import { command } from './lib/cli';
import { commandSpec } from './lib/commands';
import { buildReport } from './lib/report/allure';

/** `npm run report`: rebuilds the Allure report from allure-results/ (exit 1 when it cannot). */
export const program = command(commandSpec('report'), () => {
  const { ok, path, ms } = buildReport();
  if (ok) console.log(`Allure report: ${path}  (built in ${(ms / 1000).toFixed(1)} s)`);
  return ok ? 0 : 1;
});

if (require.main === module) program.start(process.argv.slice(2));
