import { redact } from '../harness/secrets/redact';
import { type CommandLine, command, loadCliConfig } from './lib/cli';
import { commandSpec } from './lib/commands';
import { cleanupRuns } from './lib/ops/cleanup-runs';

/**
 * `npm run cleanup [-- --dry-run] [--run <run id>] [--force]`: removes what
 * earlier runs' ledgers (reports/ledger/) recorded and is still there, and
 * nothing else. It lists what it will delete (ids and names, never a key),
 * deletes, reports what it deleted, and marks a ledger done when nothing of
 * its run is left. Exit 0 = done, 1 = some deletion failed, 2 = cannot run.
 */
async function main(line: CommandLine): Promise<number> {
  const config = loadCliConfig({ sendsKeys: true });
  if (!config) return 2;
  return cleanupRuns(config, {
    dryRun: line.values['dry-run'] === true,
    force: line.values.force === true,
    run: typeof line.values.run === 'string' ? line.values.run : undefined,
  });
}

export const program = command(commandSpec('cleanup'), (line) =>
  main(line).catch((error: Error) => {
    console.error(`Cleanup stopped: ${redact(error.message)}`);
    return 2;
  }),
);

if (require.main === module) program.start(process.argv.slice(2));
