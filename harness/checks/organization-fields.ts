import type { Check } from './types';
import { envelopeData, statusViolations, violation } from './violation';

/**
 * The body's organization carries the fields the spec wrote. Shared by the
 * rules that read back what was written (create_visible, update_persists).
 */
export function organizationFieldViolations(check: Check, ...args: Parameters<Check['run']>) {
  const [exchange, context] = args;
  const statusProblems = statusViolations(check, exchange, context);
  if (statusProblems.length > 0 || !context.expect.organization) return statusProblems;
  const data = envelopeData(exchange.response.json) as Record<string, unknown> | undefined;
  const wrong: string[] = [];
  for (const [field, expected] of Object.entries(context.expect.organization)) {
    const actual = data?.[field];
    // decision: an absent optional field may come back absent, null or "".
    const same =
      expected === undefined
        ? actual === undefined || actual === null || actual === ''
        : actual === expected;
    if (!same)
      wrong.push(`${field}: ${JSON.stringify(actual)} (wrote ${JSON.stringify(expected ?? null)})`);
  }
  if (wrong.length === 0) return [];
  return [violation(check, wrong.join('; '), `the values written (${context.expect.why})`)];
}
