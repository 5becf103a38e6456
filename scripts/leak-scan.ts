import { OUTPUT_DIRS } from '../harness/config/paths';
import { loadCliConfig, runMain } from './lib/cli';
import { leakScan, reportScan } from './lib/ops/scan-outputs';

/**
 * `npm run leak-scan [-- <dir>…]`: searches every file of a run's output for
 * the configured keys. Exit 0 = none found, 1 = a leak (file, line, variable
 * and form are printed; the value never), 2 = the configuration is unreadable.
 */
runMain((argv) => {
  const config = loadCliConfig();
  if (!config) return 2;
  const dirs = argv.filter((arg) => !arg.startsWith('-'));
  return reportScan(config, leakScan(config, dirs.length > 0 ? dirs : OUTPUT_DIRS)) ? 0 : 1;
});
