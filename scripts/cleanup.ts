import type { HarnessConfig } from '../harness/config/env';
import { Ledger, type RunRecord, readLedgers } from '../harness/safety/ledger';
import { redact } from '../harness/safety/redact';
import { loadCliConfig } from './lib/cli';
import { deleteOne, listAll, planCleanup, type RunPlan, recordedUsers } from './lib/ops/cleanup';
import { checkReachable } from './lib/ops/reachability';

/**
 * `npm run cleanup [-- --dry-run] [--run <run id>] [--force]`: removes what
 * earlier runs' ledgers (reports/ledger/) recorded and is still there, and
 * nothing else. It lists what it will delete (ids and names, never a key),
 * deletes, reports what it deleted, and marks a ledger done when nothing of
 * its run is left. Exit 0 = done, 1 = some deletion failed, 2 = cannot run.
 */
interface Options {
  dryRun: boolean;
  force: boolean;
  run?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const runAt = argv.indexOf('--run');
  return {
    dryRun: argv.includes('--dry-run'),
    force: argv.includes('--force'),
    run: runAt >= 0 ? argv[runAt + 1] : undefined,
  };
}

function ledgerOf(record: RunRecord): Ledger {
  const { runId, target, bundled } = record;
  return new Ledger({ runId, targetUrl: target, bundled });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const config = loadCliConfig();
  if (!config) return 2;
  const open = readLedgers().filter(
    (record) => !record.done && (!options.run || record.runId === options.run),
  );
  const bundled = open.filter((record) => record.bundled);
  const remote = open.filter((record) => !record.bundled);
  if (bundled.length > 0) {
    console.log(
      `${bundled.length} ledger(s) of runs against the bundled reference server: nothing outlives it${options.dryRun ? '' : '; marked done'}.`,
    );
    if (!options.dryRun) for (const record of bundled) ledgerOf(record).write({ event: 'done' });
  }
  if (remote.length === 0) {
    console.log('No open ledger for a deployment: nothing to clean up.');
    return 0;
  }
  const problem = await checkReachable(config);
  if (problem) {
    console.error(problem);
    return 2;
  }
  const { listed, problems } = await listAll(config);
  for (const text of problems) console.warn(`Warning: ${text}.`);
  const plans = planCleanup(remote, listed, config, options.force);
  printPlan(config, plans);
  if (options.dryRun) {
    console.log('Dry run: nothing deleted.');
    return 0;
  }
  return (await execute(config, plans)) ? 0 : 1;
}

function printPlan(config: HarnessConfig, plans: readonly RunPlan[]): void {
  console.log(`Cleanup of ${config.targetUrl}: ${plans.length} open ledger(s).`);
  for (const { record, deletions, skipped } of plans) {
    const head = `Run ${record.runId} (${record.path})`;
    if (skipped) console.log(`${head}: skipped — ${skipped}.`);
    else if (deletions.length === 0) console.log(`${head}: nothing of it is left.`);
    else console.log(`${head}: will delete ${deletions.length}:`);
    for (const organization of deletions) {
      console.log(
        redact(`  ${organization.id}  ${organization.name}  (as the ${organization.credential})`),
      );
    }
  }
}

async function execute(config: HarnessConfig, plans: readonly RunPlan[]): Promise<boolean> {
  let deleted = 0;
  let failed = 0;
  for (const { record, deletions, skipped } of plans) {
    if (skipped) continue;
    const ledger = ledgerOf(record);
    let complete = true;
    for (const organization of deletions) {
      const users = recordedUsers(record, organization.id);
      const problem = await deleteOne(config, organization, users).catch(
        (error: Error) => error.message,
      );
      if (problem) {
        complete = false;
        failed += 1;
        console.error(
          redact(`  not deleted: ${organization.id}  ${organization.name} (${problem})`),
        );
        continue;
      }
      deleted += 1;
      for (const id of users) ledger.write({ event: 'removed-user', id, by: 'cleanup' });
      ledger.write({ event: 'removed', id: organization.id, by: 'cleanup' });
      const first = users.length > 0 ? ` (its ${users.length} recorded user(s) first)` : '';
      console.log(redact(`  deleted: ${organization.id}  ${organization.name}${first}`));
    }
    if (complete) ledger.write({ event: 'done' });
  }
  console.log(
    `Deleted ${deleted} organization(s)${failed ? `; ${failed} could not be deleted` : ''}.`,
  );
  return failed === 0;
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
