import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HarnessConfig } from './env';
import { runStateDir } from './paths';

/**
 * The API key a run makes for itself when none is configured (harness/resources/run-api-key.ts),
 * kept on disk with what it made it with. Two files, apart:
 *
 * - the key's value, in a run-private file outside every output folder (a hidden folder
 *   of the OS temp dir, mode 0600, named by run id), read by every worker and by the
 *   commands' leak scan, and deleted at the end of the run after that scan;
 * - what was made (the user's email, the ids) or why nothing was, under
 *   reports/state/<run id>/: never the key, so the report, the summary and verify may say it.
 */
export interface MadeCredential {
  readonly email: string;
  readonly userId: string;
  readonly organizationId: string;
  readonly organizationName: string;
}

export type MadeOutcome =
  | { readonly made: MadeCredential }
  /** Why no key was made: the step and the status, or the setting that stopped it. */
  | { readonly unmade: string };

/** What the leak scan and the reports call the made key: never POLYTOMIC_API_KEY, which was not set. */
export const MADE_KEY_NAME = 'the API key made by the run';

function madeKeyDir(): string {
  return join(tmpdir(), '.polytomic-conformance');
}

export function madeKeyPath(runId: string): string {
  return join(madeKeyDir(), `${runId}.key`);
}

/** Every made key on this machine, by run: what the leak scan searches for besides the configured ones. */
export function madeKeys(): { runId: string; value: string }[] {
  let files: string[];
  try {
    files = readdirSync(madeKeyDir()).filter((file) => file.endsWith('.key'));
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const runId = file.slice(0, -'.key'.length);
    const value = readMadeKey(runId);
    return value === undefined ? [] : [{ runId, value }];
  });
}

export function saveMadeKey(runId: string, value: string): void {
  const path = madeKeyPath(runId);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Removed first: a file left by a run that reused the id keeps its mode otherwise.
  rmSync(path, { force: true });
  writeFileSync(path, value, { mode: 0o600, flag: 'wx' });
}

export function readMadeKey(runId: string): string | undefined {
  try {
    const value = readFileSync(madeKeyPath(runId), 'utf8');
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export function removeMadeKey(runId: string): void {
  rmSync(madeKeyPath(runId), { force: true });
}

export function madeOutcomePath(runId: string): string {
  return join(runStateDir(runId), 'made-credentials.json');
}

export function saveMadeOutcome(runId: string, outcome: MadeOutcome): void {
  const path = madeOutcomePath(runId);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(outcome, null, 2)}\n`);
}

export function readMadeOutcome(runId: string): MadeOutcome | undefined {
  try {
    const outcome = JSON.parse(readFileSync(madeOutcomePath(runId), 'utf8')) as MadeOutcome;
    return typeof outcome === 'object' && outcome !== null ? outcome : undefined;
  } catch {
    return undefined;
  }
}

export function clearMadeOutcome(runId: string): void {
  rmSync(madeOutcomePath(runId), { force: true });
}

/** One line for the report, the summary, doctor and verify: who the key is, never its value. */
export function describeMade(made: MadeCredential): string {
  return `made by the run (user ${made.email} in organization ${made.organizationName}, ${made.organizationId})`;
}

/** Why nothing is made, or undefined when the run should make its API key. */
export function madeKeyPlan(config: HarnessConfig): MadeOutcome | 'make' | undefined {
  if (config.keys.apiKey !== undefined) return undefined;
  if (!config.keys.partner && !config.keys.deployment) return undefined;
  if (!config.allowWrites)
    return {
      unmade:
        'writes are not allowed, so the run made none (set POLYTOMIC_ALLOW_WRITES=true or POLYTOMIC_API_KEY)',
    };
  return 'make';
}
