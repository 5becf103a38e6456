import {
  endpointsFor,
  type Operation,
  type Resource,
  type SchemaName,
} from '../../contract/endpoints';
import { type Level, severityOf } from '../../contract/rules';
import { formatSource } from '../../contract/sources';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import type { Exchange } from '../http/exchange';
import { hasSchema } from '../schema/schemas';
import type { Check, CheckContext, Expectation, Violation } from './types';

/**
 * A departure from a check's rule, at the rule's level unless the part broken has its own.
 * Its severity follows the level (runChecks applies POLYTOMIC_STRICT).
 */
export function violation(
  check: Check,
  received: string,
  documented: string,
  level: Level = check.level,
): Violation {
  return {
    check: check.name,
    family: check.family,
    level,
    severity: severityOf(level, false),
    received,
    documented,
    source: formatSource(check.source),
  };
}

/**
 * The level of answering `status` where the expectation allows others: a 5xx is safety
 * whatever the rule; a tolerated status a decision; a 2xx where none is expected the
 * expectation's successLevel; else the expectation's level, else the rule's.
 */
export function statusLevel(check: Check, status: number, expectation: Expectation): Level {
  if (status >= 500) return 'safety';
  const given = expectation.statusLevels?.[status];
  if (given) return given;
  if (expectation.tolerated?.includes(status)) return 'decision';
  const level = expectation.level ?? check.level;
  if (isSuccess(status) && !expectation.statuses.some(isSuccess))
    return expectation.successLevel ?? level;
  return level;
}

/** The status part of a rule: one violation when the status is not one the contract allows. */
export function statusViolations(
  check: Check,
  exchange: Exchange,
  context: CheckContext,
): Violation[] {
  const { statuses, why, tolerated = [] } = context.expect;
  const { status } = exchange.response;
  if (statuses.includes(status)) return [];
  const also = tolerated.length > 0 ? `; ${tolerated.join(' or ')} a decision` : '';
  return [
    violation(
      check,
      String(status),
      `${statuses.join(' or ')} (${why}${also})`,
      statusLevel(check, status, context.expect),
    ),
  ];
}

/**
 * Judge the status first, then `then`: the rest of a rule runs only on a status the
 * contract allows, so a wrong status is reported once and the body is not judged
 * against a rule it was never meant to satisfy.
 */
export function afterStatus(
  check: Check,
  exchange: Exchange,
  context: CheckContext,
  then: () => Violation[],
): Violation[] {
  const problems = statusViolations(check, exchange, context);
  return problems.length > 0 ? problems : then();
}

/**
 * The version whose schemas judge the body: the one requested; when none was, the one the
 * response names if supported, else the expected default, else the current version.
 */
export function servedVersion(exchange: Exchange, context: CheckContext): string {
  const requested = exchange.version;
  if (requested !== null && SUPPORTED_VERSIONS.includes(requested)) return requested;
  const named = exchange.response.headers['x-polytomic-version']?.trim();
  if (requested === null && named !== undefined && SUPPORTED_VERSIONS.includes(named)) return named;
  return context.defaultVersion ?? (SUPPORTED_VERSIONS.at(-1) as string);
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** `data` of an envelope, when the body is one. */
export function envelopeData(json: unknown): unknown {
  return json !== null && typeof json === 'object' && 'data' in json
    ? (json as { data: unknown }).data
    : undefined;
}

/** The `id` of each item of a list envelope, as sent (checks compare them whatever their type). */
export function listIds(json: unknown): unknown[] {
  const data = envelopeData(json);
  return Array.isArray(data) ? data.map((item) => (item as { id?: unknown })?.id) : [];
}

/** The success schema of an operation in a version; null when it has none or the version lacks it. */
export function successSchema(
  version: string,
  operation: Operation | undefined,
  resource: Resource = 'organizations',
): SchemaName | null {
  if (!operation) return null;
  const schema =
    endpointsFor(version, resource).find((row) => row.operation === operation)?.schema ?? null;
  return schema !== null && hasSchema(version, schema) ? schema : null;
}
