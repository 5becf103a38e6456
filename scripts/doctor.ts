import { redact } from '../harness/secrets/redact';
import { command, loadCliConfig } from './lib/cli';
import { commandSpec } from './lib/commands';
import { printDiagnosis } from './lib/ops/doctor-table';

/**
 * `npm run doctor`: a table a partner can paste into a support ticket —
 * reachability, TLS, the versions served, and what each configured credential
 * is. Exit 0 = all as expected, 1 = something is off (marked ✗), 2 = the target
 * cannot be reached, its /api/me is not the API's (a redirect, a 404 page, a
 * 5xx), or the configuration is unreadable (no key for a deployment among it).
 */
async function main(): Promise<number> {
  const config = loadCliConfig({ sendsKeys: true });
  if (!config) return 2;
  return printDiagnosis(config);
}

export const program = command(
  commandSpec('doctor'),
  () =>
    main().catch((error: Error) => {
      console.error(`Doctor stopped: ${redact(error.message)}`);
      return 2;
    }),
  { leakScan: true },
);

if (require.main === module) program.start(process.argv.slice(2));
