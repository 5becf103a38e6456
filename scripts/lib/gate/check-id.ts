import { CHECKS } from '../../../harness/checks';

/**
 * A check id names one contract check, on one API version, endpoint and auth mode:
 *
 *     version · endpoint · mode · check
 *     2025-09-18 · GET /api/organizations · partner · owner_first
 *
 * It is what the baseline (conformance.baseline.json), the gate and summary.json speak.
 * From a test row of Playwright's JSON report (scripts/lib/run/results.ts), all of it data the
 * test carries, never parsed from its title (renaming a test keeps its ids):
 * - version: the Playwright project (an API version, or `preflight`/`collateral`);
 * - endpoint and mode: the test's annotations (harness/report/test-identity.ts); `-` for none;
 * - check: each check whose recorded departure failed the test, or `harness_error` when
 *   none did (a timeout, a thrown error).
 *
 * Baseline entries may write `*` inside the endpoint and mode fields ("any text").
 */
export const SEPARATOR = ' · ';
export { NO_MODE } from '../../../harness/report/test-identity';
export const HARNESS_ERROR = 'harness_error';

export interface CheckId {
  readonly version: string;
  readonly endpoint: string;
  readonly mode: string;
  readonly check: string;
}

export function formatCheckId(id: CheckId): string {
  return [id.version, id.endpoint, id.mode, id.check].join(SEPARATOR);
}

/** The fields of an id string; undefined when it does not have exactly four. */
export function parseCheckId(text: string): CheckId | undefined {
  const parts = text.split(SEPARATOR).map((part) => part.trim());
  if (parts.length !== 4 || parts.some((part) => part === '')) return undefined;
  const [version, endpoint, mode, check] = parts as [string, string, string, string];
  return { version, endpoint, mode, check };
}

/** The checks a failed test violated, keeping only registered names (`[redacted]` is no check). */
export function failedChecks(violatedChecks: readonly string[]): string[] {
  const known = violatedChecks.filter((name) => CHECKS.has(name));
  return known.length > 0 ? [...new Set(known)] : [HARNESS_ERROR];
}

/** One id per violated check of a failed test. */
export function checkIdsOf(row: {
  readonly project: string;
  readonly endpoint: string;
  readonly mode: string;
  readonly violatedChecks: readonly string[];
}): CheckId[] {
  return failedChecks(row.violatedChecks).map((check) => ({
    version: row.project,
    endpoint: row.endpoint,
    mode: row.mode,
    check,
  }));
}

/** Whether an id matches a pattern: fields equal, `*` in endpoint or mode standing for any text. */
export function matchesPattern(pattern: CheckId, id: CheckId): boolean {
  return (
    pattern.version === id.version &&
    pattern.check === id.check &&
    glob(pattern.endpoint).test(id.endpoint) &&
    glob(pattern.mode).test(id.mode)
  );
}

/** Same version, endpoint and mode: the test that would show the check. */
export function sameTest(pattern: CheckId, id: Omit<CheckId, 'check'>): boolean {
  return (
    pattern.version === id.version &&
    glob(pattern.endpoint).test(id.endpoint) &&
    glob(pattern.mode).test(id.mode)
  );
}

function glob(field: string): RegExp {
  const escaped = field.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
