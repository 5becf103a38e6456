import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { HarnessConfig } from '../../../harness/config/env';
import { runPrefix } from '../../../harness/config/run';
import { commandClient } from '../../../harness/http/client';
import { type ListingName, listingCredentials } from '../../../harness/http/credentials';
import { isGone, organizationPath } from '../../../harness/resources/remove';
import type { RunRecord } from '../../../harness/safety/ledger';
import { loadSnapshot, snapshotIds } from '../../../harness/safety/snapshot';

/**
 * What `npm run cleanup` may delete: an organization the target lists now,
 * whose id or exact name a ledger recorded, whose current name still carries
 * that ledger's run prefix, and that was not in that run's pre-run snapshot.
 * Anything else is never touched.
 */
export interface Listed {
  readonly id: string;
  readonly name: string;
  /** Which configured credential lists it (and so may delete it). */
  readonly credential: CredentialName;
}

export type CredentialName = ListingName;

export interface RunPlan {
  readonly record: RunRecord;
  readonly deletions: readonly Listed[];
  /** Why this ledger is left alone, when it is. */
  readonly skipped?: string;
}

export function planCleanup(
  records: readonly RunRecord[],
  listed: readonly Listed[],
  config: HarnessConfig,
  force = false,
): RunPlan[] {
  return records.map((record) => {
    const skipped = skipReason(record, config, force);
    if (skipped) return { record, deletions: [], skipped };
    const prefix = runPrefix(record.runId);
    // What existed before that run is never its own, whatever it is named now.
    const before = snapshotIds(loadSnapshot(record.runId));
    const deletions = listed.filter(
      (organization) =>
        organization.name.startsWith(prefix) &&
        !before.has(organization.id) &&
        (record.ids.has(organization.id) || record.names.has(organization.name)),
    );
    return { record, deletions };
  });
}

function skipReason(record: RunRecord, config: HarnessConfig, force: boolean): string | undefined {
  if (record.target !== config.targetUrl) {
    return `recorded against ${record.target}; the target now is ${config.targetUrl}`;
  }
  const running = [...record.pids].find((pid) => isAlive(pid));
  if (!force && record.host === hostname() && running !== undefined) {
    return `its run is still going (process ${running}); wait for it, or pass --force`;
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed worker can linger as a zombie until it is reaped; it runs nothing.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

/** Every organization each credential lists, each id once; problems are returned, not thrown. */
export async function listAll(
  config: HarnessConfig,
): Promise<{ listed: Listed[]; problems: string[] }> {
  const listed = new Map<string, Listed>();
  const problems: string[] = [];
  const client = commandClient(config);
  for (const [credential, as] of listingCredentials(config)) {
    const { exchange } = await client.answer({ method: 'GET', path: '/api/organizations', ...as });
    const answer = exchange.response;
    const data = parseList(answer.bodyText);
    if (answer.status !== 200 || data === undefined) {
      problems.push(`the ${credential} could not list organizations (HTTP ${answer.status})`);
      continue;
    }
    for (const { id, name } of data) {
      if (!listed.has(id)) listed.set(id, { id, name, credential });
    }
  }
  return { listed: [...listed.values()], problems };
}

function parseList(text: string): { id: string; name: string }[] | undefined {
  try {
    const data = (JSON.parse(text) as { data?: unknown }).data;
    if (!Array.isArray(data)) return undefined;
    return data.filter(
      (item): item is { id: string; name: string } =>
        typeof item?.id === 'string' && typeof item?.name === 'string',
    );
  } catch {
    return undefined;
  }
}

/**
 * The users a ledger recorded in an organization cleanup deletes (the run's made API key's
 * user): removed first, with their keys, as the run's teardown would have.
 */
export function usersOf(record: RunRecord, organizationId: string): { id: string; name: string }[] {
  return [...record.users]
    .filter(([, user]) => user.organizationId === organizationId && !user.removed)
    .map(([id, user]) => ({ id, name: user.name }));
}

/** Deletes one user of an organization cleanup deletes; undefined when it is gone. */
export async function deleteUser(
  config: HarnessConfig,
  organization: Listed,
  userId: string,
): Promise<string | undefined> {
  return deleteAs(
    config,
    organization,
    `${organizationPath(organization.id)}/users/${encodeURIComponent(userId)}`,
  );
}

/** A DELETE sent with the credential that lists the organization; undefined when it is gone. */
async function deleteAs(
  config: HarnessConfig,
  organization: Listed,
  path: string,
): Promise<string | undefined> {
  const as = listingCredentials(config).find(([name]) => name === organization.credential)?.[1];
  const { exchange } = await commandClient(config).answer({
    method: 'DELETE',
    path,
    ...(as ?? { mode: 'none' }),
  });
  return isGone(exchange.response.status) ? undefined : `HTTP ${exchange.response.status}`;
}

/** Deletes one organization; undefined when it is gone (404 counts: someone was first). */
export async function deleteOne(
  config: HarnessConfig,
  organization: Listed,
): Promise<string | undefined> {
  return deleteAs(config, organization, organizationPath(organization.id));
}
