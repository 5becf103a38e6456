import type { HarnessConfig } from '../../../harness/config/env';
import { Ledger, type RunRecord, readLedgers } from '../../../harness/safety/ledger';
import { redact } from '../../../harness/secrets/redact';
import { deleteOne, deleteUser, listAll, planCleanup, type RunPlan, usersOf } from './cleanup';
import { checkReachable } from './reachability';

export interface CleanupOptions {
  /** List only. */
  readonly dryRun: boolean;
  /** Past the checks a ledger's target must pass (see planCleanup). */
  readonly force: boolean;
  /** One run's ledger only. */
  readonly run?: string;
}

/**
 * Removes what earlier runs' ledgers recorded and is still there, and nothing else:
 * `npm run cleanup`, and `npm run conformance` for what its own run's teardown left.
 * 0 = done, 1 = some deletion failed, 2 = the target cannot be reached.
 */
export async function cleanupRuns(config: HarnessConfig, options: CleanupOptions): Promise<number> {
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

function ledgerOf(record: RunRecord): Ledger {
  const { runId, target, bundled } = record;
  return new Ledger({ runId, targetUrl: target, bundled });
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
      for (const user of usersOf(record, organization.id))
        console.log(redact(`    first its user ${user.id}  ${user.name}, with its API key`));
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
      // The user first (its key goes with it), then the organization: as the run's teardown.
      let userProblem: string | undefined;
      for (const user of usersOf(record, organization.id)) {
        userProblem = await deleteUser(config, organization, user.id).catch(
          (error: Error) => error.message,
        );
        if (userProblem) break;
        ledger.write({ event: 'removed-user', id: user.id, by: 'cleanup' });
        console.log(redact(`  deleted: user ${user.id}  ${user.name}`));
      }
      const problem =
        userProblem ??
        (await deleteOne(config, organization).catch((error: Error) => error.message));
      if (problem) {
        complete = false;
        failed += 1;
        console.error(
          redact(`  not deleted: ${organization.id}  ${organization.name} (${problem})`),
        );
        continue;
      }
      deleted += 1;
      ledger.write({ event: 'removed', id: organization.id, by: 'cleanup' });
      console.log(redact(`  deleted: ${organization.id}  ${organization.name}`));
    }
    if (complete) ledger.write({ event: 'done' });
  }
  console.log(
    `Deleted ${deleted} organization(s)${failed ? `; ${failed} could not be deleted` : ''}.`,
  );
  return failed === 0;
}
