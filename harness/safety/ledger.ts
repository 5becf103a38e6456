import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LEDGER_DIR } from '../config/paths';
import { redact } from '../secrets/redact';

/**
 * What a run meant to create and did create, one JSON line per event, written
 * before and after each step so that even a killed run leaves a record from
 * which `npm run cleanup` can remove its organizations — and only those. Lines
 * hold names, ids and the name of the credential used; never a key.
 */

export type LedgerEvent =
  /** A name was drawn; a create with it may follow. */
  | { event: 'intent'; name: string }
  | { event: 'created'; id: string; name?: string; credential: string }
  | { event: 'removed'; id: string; by: 'teardown' | 'test' | 'cleanup' }
  /**
   * A user made in an organization of this run (its API key goes with it). Off the bundled
   * server it is removed before its organization (the bundled server removes an
   * organization's users with it).
   */
  | { event: 'created-user'; id: string; organization: string; email: string; credential: string }
  | { event: 'removed-user'; id: string; by: 'teardown' | 'test' | 'cleanup' }
  /** cleanup found nothing of this run left. */
  | { event: 'done' };

export type LedgerLine = LedgerEvent & {
  runId: string;
  target: string;
  bundled: boolean;
  time: string;
  pid: number;
  host: string;
};

export function ledgerPath(runId: string, dir = LEDGER_DIR): string {
  return join(dir, `${runId}.jsonl`);
}

/** Appends one line; a failure throws, so no create happens without its intent on disk. */
export class Ledger {
  constructor(
    private readonly run: { runId: string; targetUrl: string; bundled: boolean },
    private readonly dir = LEDGER_DIR,
  ) {}

  get path(): string {
    return ledgerPath(this.run.runId, this.dir);
  }

  write(event: LedgerEvent): void {
    const line: LedgerLine = {
      ...event,
      runId: this.run.runId,
      target: this.run.targetUrl,
      bundled: this.run.bundled,
      time: new Date().toISOString(),
      pid: process.pid,
      host: hostname(),
    };
    mkdirSync(this.dir, { recursive: true });
    // One short line per append: O_APPEND keeps the workers' lines whole.
    // Names and ids can come from the target: masked like any of its text before they are kept.
    appendFileSync(this.path, `${redact(JSON.stringify(line))}\n`);
  }
}

/** One run's ledger, folded: what cleanup needs to decide. */
export interface RunRecord {
  readonly path: string;
  readonly runId: string;
  readonly target: string;
  readonly bundled: boolean;
  readonly names: ReadonlySet<string>;
  /** Every id the run created, removed or not (a removal may not have taken). */
  readonly ids: ReadonlyMap<string, { name?: string; removed: boolean }>;
  /** Every user the run made, by id, with its organization: removed before that organization. */
  readonly users: ReadonlyMap<string, { organizationId: string; name: string; removed: boolean }>;
  readonly done: boolean;
  readonly pids: ReadonlySet<number>;
  readonly host: string;
  /** Lines that could not be parsed (a line cut by a kill). */
  readonly unreadable: number;
}

export function readLedgers(dir = LEDGER_DIR): RunRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .map((file) => readLedger(join(dir, file)))
    .filter((record): record is RunRecord => record !== undefined);
}

export function readLedger(path: string): RunRecord | undefined {
  const lines: LedgerLine[] = [];
  let unreadable = 0;
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    try {
      lines.push(JSON.parse(text) as LedgerLine);
    } catch {
      unreadable += 1;
    }
  }
  const first = lines[0];
  if (!first) return undefined;
  const names = new Set<string>();
  const ids = new Map<string, { name?: string; removed: boolean }>();
  const users = new Map<string, { organizationId: string; name: string; removed: boolean }>();
  for (const line of lines) {
    if (line.event === 'created-user')
      users.set(line.id, { organizationId: line.organization, name: line.email, removed: false });
    if (line.event === 'removed-user') {
      const user = users.get(line.id);
      if (user) user.removed = true;
    }
    if (line.event === 'intent') names.add(line.name);
    if (line.event === 'created') ids.set(line.id, { name: line.name, removed: false });
    if (line.event === 'removed') ids.set(line.id, { ...ids.get(line.id), removed: true });
  }
  return {
    path,
    runId: first.runId,
    target: first.target,
    bundled: first.bundled,
    names,
    ids,
    users,
    // A run that wrote again after a cleanup is not done.
    done: lines.at(-1)?.event === 'done',
    pids: new Set(lines.map((line) => line.pid)),
    host: first.host,
    unreadable,
  };
}
