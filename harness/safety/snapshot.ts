import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runStateDir } from '../config/paths';
import { NAME_PREFIX } from '../config/run';
import { redact } from '../secrets/redact';

/**
 * The organizations each credential could see before the run (ids and contract
 * fields, no secret), kept under reports/ so the end of the run can compare,
 * and so no write goes to one of them.
 */
export interface Snapshot {
  /** What each listing credential listed, by the credential's name. */
  readonly lists: Record<string, Readonly<Record<string, unknown>>[]>;
  /**
   * Why these lists cannot show that the run left what existed alone, when they cannot:
   * then no write check runs and the collateral check cannot check.
   */
  readonly unusable?: string;
}

export function snapshotPath(runId: string): string {
  return join(runStateDir(runId), 'snapshot.json');
}

export function saveSnapshot(runId: string, snapshot: Snapshot): void {
  const path = snapshotPath(runId);
  mkdirSync(dirname(path), { recursive: true });
  // The lists are the target's text: anything in them that is a key is masked before it is kept.
  writeFileSync(path, `${redact(JSON.stringify(snapshot, null, 2))}\n`);
}

export function loadSnapshot(runId: string): Snapshot | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(snapshotPath(runId), 'utf8')) as Snapshot;
    return typeof snapshot?.lists === 'object' && snapshot.lists !== null ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

let kept: Snapshot | undefined;

/** This run's snapshot, read once per process (once it exists: preflight writes it first). */
export function runSnapshot(runId: string): Snapshot | undefined {
  kept ??= loadSnapshot(runId);
  return kept;
}

/** Every id any credential listed before the run. */
export function snapshotIds(snapshot: Snapshot | undefined): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const list of Object.values(snapshot?.lists ?? {}))
    for (const item of list) if (typeof item.id === 'string') ids.add(item.id);
  return ids;
}

/**
 * The organizations the collateral check holds the target to: every one listed before the
 * run except the harness's own (named `conformance-…`). Those belong to a run — another
 * shard of this one, a concurrent run, a killed one being cleaned up — which removes or
 * renames them while this one runs: their going is not data lost. An organization named
 * otherwise before the run is still watched, whatever it is renamed to. The write guard
 * still refuses every id of the snapshot.
 */
export function watchedOrganizations(
  listed: readonly Readonly<Record<string, unknown>>[],
): Readonly<Record<string, unknown>>[] {
  return listed.filter(
    (item) => !(typeof item.name === 'string' && item.name.startsWith(NAME_PREFIX)),
  );
}

export type ReadList =
  | { readonly items: Readonly<Record<string, unknown>>[] }
  | { readonly problem: string };

/**
 * A list answer as the snapshot needs it: `data` an array (or null, nothing to list:
 * REF-2023) of objects with string ids, holding the owner organization when the
 * credential is a partner's. Anything else cannot show later that nothing was touched.
 */
export function readList(
  who: string,
  status: number,
  json: unknown,
  owner?: { readonly id: string | undefined },
): ReadList {
  if (status < 200 || status >= 300)
    return { problem: `the ${who}'s list answered HTTP ${status}` };
  const data =
    json !== null && typeof json === 'object' && 'data' in json
      ? (json as { data: unknown }).data
      : undefined;
  if (data !== null && !Array.isArray(data)) {
    const what = data === undefined ? 'no "data"' : `"data" is ${kindOf(data)}`;
    return { problem: `the ${who}'s list is not a list (${what})` };
  }
  const items = (data ?? []) as unknown[];
  if (!items.every((item) => typeof (item as { id?: unknown } | null)?.id === 'string'))
    return { problem: `the ${who}'s list holds an entry without a string id` };
  if (owner) {
    if (!owner.id)
      return { problem: `the ${who}'s owner organization is unknown (/api/me named none)` };
    if (!items.some((item) => (item as { id: string }).id === owner.id))
      return { problem: `the ${who}'s list does not include its owner organization ${owner.id}` };
  }
  return { items: items as Readonly<Record<string, unknown>>[] };
}

/** The kind of value only: the target's own text is not repeated here. */
function kindOf(value: unknown): string {
  return typeof value === 'object' ? 'an object, not an array' : `a ${typeof value}, not an array`;
}
