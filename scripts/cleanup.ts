import { redact } from '../harness/safety/redact';
import { loadCliConfig } from './lib/cli';
import { type CleanupOptions, cleanupRuns } from './lib/ops/cleanup-runs';

/**
 * `npm run cleanup [-- --dry-run] [--run <run id>] [--force]`: removes what
 * earlier runs' ledgers (reports/ledger/) recorded and is still there, and
 * nothing else. It lists what it will delete (ids and names, never a key),
 * deletes, reports what it deleted, and marks a ledger done when nothing of
 * its run is left. Exit 0 = done, 1 = some deletion failed, 2 = cannot run.
 */
function parseArgs(argv: readonly string[]): CleanupOptions {
  const runAt = argv.indexOf('--run');
  return {
    dryRun: argv.includes('--dry-run'),
    force: argv.includes('--force'),
    run: runAt >= 0 ? argv[runAt + 1] : undefined,
  };
}

async function main(): Promise<number> {
  const config = loadCliConfig();
  if (!config) return 2;
  return cleanupRuns(config, parseArgs(process.argv.slice(2)));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`Cleanup stopped: ${redact(error.message)}`);
    process.exitCode = 2;
  },
);
