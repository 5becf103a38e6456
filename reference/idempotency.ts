/**
 * Idempotency keys on create (docs/CONTRACT.md § Idempotency, 2024-02-08 and later):
 * the first outcome for (account, key) is replayed to every later request with
 * that key, a request arriving while the first is still in flight gets 409, and
 * outcomes are kept at least 24 hours.
 */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

/** What the first request got: its status and its body (success data or an error). */
export interface Outcome {
  readonly status: number;
  readonly body: unknown;
}

interface Entry {
  readonly outcome: Outcome;
  readonly recordedAt: number;
  /** Until then the first response is still on its way (REFERENCE_LATENCY_MS). */
  readonly inFlightUntil: number;
}

export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'inFlight' }
  | { readonly kind: 'replay'; readonly outcome: Outcome };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  claim(account: string, key: string): Claim {
    const entry = this.entries.get(entryKey(account, key));
    if (!entry || this.now() - entry.recordedAt > RETENTION_MS) return { kind: 'new' };
    if (this.now() < entry.inFlightUntil) return { kind: 'inFlight' };
    return { kind: 'replay', outcome: entry.outcome };
  }

  /** Records the first outcome; `latencyMs` is how long its response stays in flight. */
  record(account: string, key: string, outcome: Outcome, latencyMs: number): void {
    this.sweep();
    const recordedAt = this.now();
    this.entries.set(entryKey(account, key), {
      outcome,
      recordedAt,
      inFlightUntil: recordedAt + latencyMs,
    });
  }

  private sweep(): void {
    const cutoff = this.now() - RETENTION_MS;
    for (const [key, entry] of this.entries) {
      if (entry.recordedAt < cutoff) this.entries.delete(key);
    }
  }
}

function entryKey(account: string, key: string): string {
  return `${account}\u0000${key}`;
}
