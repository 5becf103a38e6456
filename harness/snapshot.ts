import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redact } from './redact';

/**
 * The organizations each credential could see before the run (ids and contract
 * fields, no secret), kept under reports/ so the end of the run can compare.
 */
export type Snapshot = Record<string, Readonly<Record<string, unknown>>[]>;

export function snapshotPath(runId: string): string {
  return join('reports', 'state', runId, 'snapshot.json');
}

export function saveSnapshot(runId: string, snapshot: Snapshot): void {
  const path = snapshotPath(runId);
  mkdirSync(dirname(path), { recursive: true });
  // The lists are the target's text: anything in them that is a key is masked before it is kept.
  writeFileSync(path, `${redact(JSON.stringify(snapshot, null, 2))}\n`);
}

export function loadSnapshot(runId: string): Snapshot | undefined {
  try {
    return JSON.parse(readFileSync(snapshotPath(runId), 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
}
