import { DEPLOYMENT_BASIC_DOCUMENTED_UNTIL } from './decisions';
import type {
  AuthMode,
  EndpointRow,
  Method,
  Operation,
  Resource,
  SchemaName,
} from './endpoint-row';
import { ORGANIZATION_ENDPOINTS } from './resources/organizations';
import { READ_ENDPOINTS } from './resources/reads';
import { SCOPED_ENDPOINTS } from './resources/scoped';
import { CURRENT_USER_ENDPOINTS, USER_ENDPOINTS } from './resources/users';

export * from './endpoint-row';
export {
  CURRENT_USER_ENDPOINTS,
  ORGANIZATION_ENDPOINTS,
  READ_ENDPOINTS,
  SCOPED_ENDPOINTS,
  USER_ENDPOINTS,
};

/**
 * Every endpoint of the partner API as data, resource by resource (contract/resources/).
 * A row applies to versions in [since, until], so a new API version inherits every
 * open-ended row; a new resource is a file in contract/resources/ and a line here.
 */
export const ENDPOINTS: readonly EndpointRow[] = [
  ...ORGANIZATION_ENDPOINTS,
  ...USER_ENDPOINTS,
  ...CURRENT_USER_ENDPOINTS,
  ...SCOPED_ENDPOINTS,
  ...READ_ENDPOINTS,
];

export function appliesTo(row: Pick<EndpointRow, 'since' | 'until'>, version: string): boolean {
  return (!row.since || version >= row.since) && (!row.until || version <= row.until);
}

/** Whether a mode may call the row's endpoint in a version (the row applying to it). */
export function modeAllowed(row: EndpointRow, mode: AuthMode, version: string): boolean {
  if (!row.allowed.includes(mode)) return false;
  const until = row.allowedUntil?.[mode];
  return until === undefined || version <= until;
}

/** Whether a mode is one that may call the row for its own organization only (a decision). */
export function ownOrganizationMode(row: EndpointRow, mode: AuthMode): boolean {
  return row.ownOrganizationModes?.includes(mode) ?? false;
}

/** The level of a mode's success: Basic deployment keys are documented only in the PATCH versions. */
export function modeLevel(mode: AuthMode, version: string): 'decision' | undefined {
  return mode === 'deploymentBasic' && version > DEPLOYMENT_BASIC_DOCUMENTED_UNTIL
    ? 'decision'
    : undefined;
}

/** The level of anything judged on the row in a version: a decision before its sources. */
export function rowLevel(row: EndpointRow, version: string): 'decision' | undefined {
  return row.documentedSince !== undefined && version < row.documentedSince
    ? 'decision'
    : undefined;
}

/** The row's success schema in a version (its `earlierSchema` up to that one's version). */
export function rowSchema(
  row: Pick<EndpointRow, 'schema' | 'earlierSchema'>,
  version: string,
): SchemaName | null {
  const earlier = row.earlierSchema;
  return earlier !== undefined && version <= earlier.until ? earlier.schema : row.schema;
}

export function endpointsFor(version: string, resource?: Resource): readonly EndpointRow[] {
  return ENDPOINTS.filter(
    (row) => appliesTo(row, version) && (resource === undefined || row.resource === resource),
  );
}

/** The row of an operation of a resource (Organizations unless named) in a version. */
export function endpoint(
  version: string,
  operation: Operation,
  resource: Resource = 'organizations',
): EndpointRow {
  const row = endpointsFor(version, resource).find(
    (candidate) => candidate.operation === operation,
  );
  if (!row) throw new Error(`No ${resource} ${operation} endpoint in API version ${version}`);
  return row;
}

/** The update method this version does not route (decision: 404 or 405). */
export function unroutedUpdateMethod(
  version: string,
  resource: Resource = 'organizations',
): Method {
  return endpoint(version, 'update', resource).method === 'PUT' ? 'PATCH' : 'PUT';
}

export function label(row: Pick<EndpointRow, 'method' | 'path'>): string {
  return `${row.method} ${row.path}`;
}
