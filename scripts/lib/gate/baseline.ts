import { readFileSync } from 'node:fs';
import { validateInternal } from '../schemas/internal-schemas';
import { type CheckId, formatCheckId, matchesPattern, parseCheckId, sameTest } from './check-id';

/**
 * The baseline: known deviations the gate accepts, each with a reason, an owner and an
 * expiry date, so that a known failure neither blocks a release nor is forgotten.
 * File format: schemas-internal/baseline.schema.json; ids: scripts/lib/gate/check-id.ts.
 */
export const BASELINE_FILE = 'conformance.baseline.json';

export interface BaselineEntry {
  readonly id: string;
  readonly reason: string;
  readonly owner: string;
  /** Last day the entry is honoured, YYYY-MM-DD (UTC). */
  readonly expires: string;
}

/** A file that cannot be read as a baseline: one sentence naming the file and the entry. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

export function loadBaseline(file: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BaselineError(`${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const problems = validateInternal('baseline', data);
  if (problems.length > 0) {
    throw new BaselineError(
      `${file} is not a valid baseline (schemas-internal/baseline.schema.json): ${problems.join('; ')}.`,
    );
  }
  const entries = (data as { entries: BaselineEntry[] }).entries;
  for (const [i, entry] of entries.entries()) {
    const id = parseCheckId(entry.id);
    if (!id || id.version.includes('*') || id.check.includes('*')) {
      throw new BaselineError(
        `${file} entry ${i} has id ${JSON.stringify(entry.id)}; expected "version · endpoint · mode · check" with * only in endpoint or mode.`,
      );
    }
  }
  return entries;
}

export interface Failure {
  readonly id: CheckId;
  /** The test that failed, as Playwright names it. */
  readonly test: string;
  readonly family: string;
}

export interface GateResult {
  readonly newFailures: readonly Failure[];
  readonly known: readonly { failure: Failure; entry: BaselineEntry }[];
  /** Entries whose test ran without that check failing: remove them. */
  readonly fixed: readonly BaselineEntry[];
  /** Entries past their date: renew them with a reason, or fix the check. They fail the gate. */
  readonly expired: readonly BaselineEntry[];
  /** Entries whose test did not run here (another version, a mode without a key). */
  readonly notRun: readonly BaselineEntry[];
  readonly passed: boolean;
}

/** A test that ran to an outcome (passed, failed or flaky); skipped tests prove nothing. */
export type ExecutedTest = Omit<CheckId, 'check'>;

export function isExpired(entry: BaselineEntry, today: string): boolean {
  return entry.expires < today;
}

export function judge(
  failures: readonly Failure[],
  executed: readonly ExecutedTest[],
  entries: readonly BaselineEntry[],
  today: string,
): GateResult {
  const patterns = entries.map((entry) => ({ entry, id: parseCheckId(entry.id) as CheckId }));
  const live = patterns.filter(({ entry }) => !isExpired(entry, today));
  const newFailures: Failure[] = [];
  const known: { failure: Failure; entry: BaselineEntry }[] = [];
  for (const failure of failures) {
    const match = live.find(({ id }) => matchesPattern(id, failure.id));
    if (match) known.push({ failure, entry: match.entry });
    else newFailures.push(failure);
  }
  const expired = patterns.filter(({ entry }) => isExpired(entry, today)).map((p) => p.entry);
  const fixed: BaselineEntry[] = [];
  const notRun: BaselineEntry[] = [];
  for (const { entry, id } of live) {
    if (known.some((k) => k.entry === entry)) continue;
    if (executed.some((test) => sameTest(id, test))) fixed.push(entry);
    else notRun.push(entry);
  }
  return {
    newFailures,
    known,
    fixed,
    expired,
    notRun,
    passed: newFailures.length === 0 && expired.length === 0,
  };
}

/** Failures by id, once each: a check failing in two shards or two tests is one failure. */
export function uniqueFailures(failures: readonly Failure[]): Failure[] {
  const byId = new Map<string, Failure>();
  for (const failure of failures) {
    const key = formatCheckId(failure.id);
    if (!byId.has(key)) byId.set(key, failure);
  }
  return [...byId.values()];
}

/** Today as YYYY-MM-DD in UTC, the zone the expiry dates are read in. */
export function utcDate(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
