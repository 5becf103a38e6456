import type { HarnessConfig } from '../config/env';
import type { ApiClient } from '../http/client';
import { listingCredentials } from '../http/credentials';
import { adopt, WriteRefused } from '../judge/write-guard';
import { Ledger } from '../safety/ledger';
import { removeOrganization } from './remove';

/**
 * Names this worker drew that no tracked create used. A target that wrongly
 * accepts a create it should refuse (a bad credential, a malformed body) makes
 * an organization no test knows the id of; at the worker's end those exact
 * names are looked up once per credential and removed. Only exact names drawn
 * here, so nothing else can match.
 */
const unsettled = new Set<string>();

export function drawn(name: string): void {
  unsettled.add(name);
}

export function settled(name: string | undefined): void {
  if (name !== undefined) unsettled.delete(name);
}

export async function sweepStrays(client: ApiClient, config: HarnessConfig): Promise<string[]> {
  // Even without POLYTOMIC_ALLOW_WRITES: refused creates are sent to every target, and what a
  // faulty one created anyway is the harness's own to remove.
  if (unsettled.size === 0) return [];
  const ledger = new Ledger(config);
  const removed: string[] = [];
  for (const [, credential] of listingCredentials(config)) {
    const list = await client.send({ method: 'GET', path: '/api/organizations', ...credential });
    const data = (list.response.json as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) continue;
    for (const item of data as { id?: unknown; name?: unknown }[]) {
      if (typeof item?.id !== 'string' || typeof item.name !== 'string') continue;
      if (!unsettled.has(item.name)) continue;
      // Never one that existed before the run, whatever name the target now gives it.
      if (!adopt(config, item.id, item.name, credential)) continue;
      const problem = await removeOrganization(client, item.id, credential).catch((error) => {
        if (error instanceof WriteRefused) return 'refused by the write guard';
        throw error;
      });
      if (problem !== undefined) continue;
      ledger.write({ event: 'removed', id: item.id, by: 'teardown' });
      unsettled.delete(item.name);
      removed.push(item.name);
    }
  }
  return removed;
}
