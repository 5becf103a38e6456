import { randomUUID } from 'node:crypto';
import type { EndpointRow } from '../../contract/endpoints';
import { NON_UUID_IDS } from '../../contract/inputs';

/** Ids the harness made up: no deployment issued them, so a write to one touches nothing. */
const madeUp = new Set<string>();

/** A v4 UUID no deployment has issued. */
export function randomId(): string {
  const id = randomUUID();
  madeUp.add(id);
  return id;
}

/** An id drawn by randomId() or one of NON_UUID_IDS: never an organization's. */
export function isMadeUp(id: string): boolean {
  return madeUp.has(id) || NON_UUID_IDS.includes(id);
}

/**
 * The row's path with its parameters filled in: an id for `{id}`, or a value per name
 * (`{ org_id, id }` for a user). A parameter left unfilled is an error, never sent.
 */
export function pathFor(
  row: Pick<EndpointRow, 'path'>,
  values: string | Readonly<Record<string, string>>,
): string {
  const byName = typeof values === 'string' ? { id: values } : values;
  return row.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = byName[name];
    if (value === undefined) throw new Error(`${row.path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

export function needsId(row: Pick<EndpointRow, 'path'>): boolean {
  return row.path.includes('{id}');
}

/** The id of an organization a successful response carries, if any. */
export function createdId(json: unknown): string | undefined {
  const id = (json as { data?: { id?: unknown } } | undefined)?.data?.id;
  return typeof id === 'string' ? id : undefined;
}
