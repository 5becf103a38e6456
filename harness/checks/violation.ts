import {
  endpointsFor,
  type Operation,
  type Resource,
  rowSchema,
  type SchemaName,
} from '../../contract/endpoints';
import { type Level, severityOf } from '../../contract/rules';
import { formatSource } from '../../contract/sources';
import { LEGACY_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import { type Exchange, versionNamed } from '../http/exchange';
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

/** The version whose schemas judge a body, and why it is assumed when no answer said it. */
export interface JudgedVersion {
  readonly version: string;
  /**
   * Set when neither the request nor the answer fixed the version (docs/CONTRACT.md § The
   * version header): a departure from that version's schemas is then a decision.
   */
  readonly assumed?: string;
}

/**
 * The version whose schemas judge the body: the one requested; when none was, the one the
 * response names if supported, else the configured default (POLYTOMIC_DEFAULT_VERSION).
 * An answer served as 2021-05-23, which has no published schemas, is judged as the oldest
 * supported version, and one that names no version as the current one: both assumed.
 */
export function judgedVersion(exchange: Exchange, context: CheckContext): JudgedVersion {
  const requested = exchange.version;
  if (requested !== null && SUPPORTED_VERSIONS.includes(requested)) return { version: requested };
  const named = versionNamed(exchange.response.headers);
  if (requested === null && named !== undefined) {
    if (SUPPORTED_VERSIONS.includes(named)) return { version: named };
    if (named === LEGACY_VERSION && context.defaultVersion === undefined) {
      const oldest = SUPPORTED_VERSIONS[0] as string;
      return {
        version: oldest,
        assumed: `served as ${LEGACY_VERSION}, which has no published schemas: judged as ${oldest}, the oldest documented version (a decision)`,
      };
    }
  }
  if (context.defaultVersion !== undefined) return { version: context.defaultVersion };
  const current = SUPPORTED_VERSIONS.at(-1) as string;
  if (requested !== null) return { version: current };
  return {
    version: current,
    assumed: `no version named and POLYTOMIC_DEFAULT_VERSION unset: judged as ${current} (a decision)`,
  };
}

/** The version of judgedVersion, for rules whose level does not depend on how it was found. */
export function servedVersion(exchange: Exchange, context: CheckContext): string {
  return judgedVersion(exchange, context).version;
}

/** What a schema rule says it expected, and at what level, in the version judged. */
export function judgedAgainst(
  check: Check,
  judged: JudgedVersion,
  documented: string,
): { readonly documented: string; readonly level: Level } {
  return judged.assumed === undefined
    ? { documented, level: check.level }
    : { documented: `${documented}; ${judged.assumed}`, level: 'decision' };
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
  const row = endpointsFor(version, resource).find(
    (candidate) => candidate.operation === operation,
  );
  const schema = row ? rowSchema(row, version) : null;
  return schema !== null && hasSchema(version, schema) ? schema : null;
}
