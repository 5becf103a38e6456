import type { Exchange } from '../http/exchange';
import type { Check, CheckContext, FieldExpectation, FieldValue, Violation } from './types';
import { afterStatus, envelopeData, violation } from './violation';

/**
 * The body's organization (or user) carries the fields the spec wrote. Shared by the
 * rules that read back what was written (create_visible, update_persists, user_lifecycle).
 */
export function organizationFieldViolations(check: Check, ...args: Parameters<Check['run']>) {
  const [exchange, context] = args;
  return afterStatus(check, exchange, context, () => {
    const fields = context.expect.organization ?? context.expect.fields;
    return fields ? fieldViolations(check, exchange, context, fields) : [];
  });
}

function fieldViolations(
  check: Check,
  exchange: Exchange,
  context: CheckContext,
  fields: Readonly<Record<string, FieldExpectation>>,
): Violation[] {
  const data = envelopeData(exchange.response.json) as Record<string, unknown> | undefined;
  const wrong: string[] = [];
  for (const [field, expected] of Object.entries(fields)) {
    const actual = data?.[field];
    // An id left out (SDK-1.18 types it optional) is required_fields' decision; a wrong one fails.
    if (field === 'id' && data !== undefined && actual === undefined) continue;
    const allowed: readonly FieldValue[] = Array.isArray(expected)
      ? expected
      : [expected as FieldValue];
    if (!allowed.some((value) => sameField(actual, value)))
      wrong.push(
        `${field}: ${JSON.stringify(actual)} (expected ${allowed.map((value) => JSON.stringify(value ?? null)).join(' or ')})`,
      );
  }
  if (wrong.length === 0) return [];
  return [violation(check, wrong.join('; '), `the values written (${context.expect.why})`)];
}

/** decision: an absent optional field may come back absent, null or "". */
function sameField(actual: unknown, expected: FieldValue): boolean {
  return expected === undefined
    ? actual === undefined || actual === null || actual === ''
    : actual === expected;
}
