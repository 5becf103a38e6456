import { endpointsFor, type Operation, type SchemaName } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import type { Exchange } from '../exchange-types';
import { hasSchema } from '../schemas';
import type { Check, CheckContext, Violation } from './types';

export function violation(
  check: Check,
  received: string,
  documented: string,
  severity: Violation['severity'] = 'error',
): Violation {
  return {
    check: check.name,
    family: check.family,
    severity,
    received,
    documented,
    source: check.source,
  };
}

/** The status part of a rule: one violation when the status is not one the contract allows. */
export function statusViolations(
  check: Check,
  exchange: Exchange,
  context: CheckContext,
): Violation[] {
  const { statuses, why } = context.expect;
  if (statuses.includes(exchange.response.status)) return [];
  return [violation(check, String(exchange.response.status), `${statuses.join(' or ')} (${why})`)];
}

/** The version whose schemas judge the body: the one requested, or the default when none was. */
export function servedVersion(exchange: Exchange, context: CheckContext): string {
  const requested = exchange.version;
  if (requested !== null && SUPPORTED_VERSIONS.includes(requested)) return requested;
  return context.defaultVersion;
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

export function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The success schema of an operation in a version; null when it has none or the version lacks it. */
export function successSchema(
  version: string,
  operation: Operation | undefined,
): SchemaName | null {
  if (!operation) return null;
  const schema = endpointsFor(version).find((row) => row.operation === operation)?.schema ?? null;
  return schema !== null && hasSchema(version, schema) ? schema : null;
}
