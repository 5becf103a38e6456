import { randomBytes } from 'node:crypto';
import { ConfigError, type Env, value } from './variables';

/**
 * A run's identity: its id (POLYTOMIC_RUN_ID or generated), and the name prefix of
 * every organization it creates — the only ones it may ever update or remove.
 */
export function parseRunId(env: Env): string {
  const raw = value(env, 'POLYTOMIC_RUN_ID');
  if (raw === undefined) return newRunId();
  if (!/^[a-z0-9-]{4,40}$/.test(raw)) {
    throw new ConfigError(
      `POLYTOMIC_RUN_ID must be 4–40 lower-case letters, digits or dashes, got ${JSON.stringify(raw)}.`,
    );
  }
  return raw;
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase();
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** How the name of every organization the harness creates starts, whatever the run. */
export const NAME_PREFIX = 'conformance-';

/** The prefix of every organization this run creates; only these may be updated or removed. */
export function runPrefix(runId: string): string {
  return `${NAME_PREFIX}${runId}-`;
}
