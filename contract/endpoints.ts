import {
  DEPLOYMENT_BASIC_DOCUMENTED_UNTIL,
  DEPLOYMENT_KEY_ON_CURRENT_STATUSES,
  REMOVE_STATUSES,
} from './decisions';

/**
 * The Organization endpoints as data. Source: docs/CONTRACT.md § Organizations and § Auth modes.
 * A row applies to versions in [since, until] (inclusive, `YYYY-MM-DD` compares as text),
 * so a new API version inherits every open-ended row.
 */
/**
 * `deployment` is the deployment key as Bearer (documented in every version: TF, REF-2025);
 * `deploymentBasic` the same key as Basic `<key>:` (REF-2023, GO-2023; a decision after
 * 2023-04-25).
 */
export type AuthMode = 'partner' | 'apiKey' | 'deployment' | 'deploymentBasic' | 'actingAs';

export const ALL_MODES: readonly AuthMode[] = [
  'partner',
  'apiKey',
  'deployment',
  'deploymentBasic',
  'actingAs',
];
export type Operation = 'list' | 'create' | 'get' | 'update' | 'remove' | 'current' | 'identity';
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type SchemaName =
  | 'organization.envelope'
  | 'organizations.envelope'
  | 'identity.envelope'
  | 'error'
  /** The body of a 401, where a version types it apart (2024-02-08: RestErrResponse). */
  | 'error.401';

export interface EndpointRow {
  readonly operation: Operation;
  readonly method: Method;
  readonly path: '/api/organizations' | '/api/organizations/{id}' | '/api/organization' | '/api/me';
  readonly since?: string;
  readonly until?: string;
  /** Modes the contract lets call it; every other mode gets `deniedStatus`. */
  readonly allowed: readonly AuthMode[];
  /** Modes allowed only up to a version (inclusive); denied after it. */
  readonly allowedUntil?: Readonly<Partial<Record<AuthMode, string>>>;
  /** Modes whose answer is not judged (a decision), only its shape. */
  readonly notJudged?: Readonly<Partial<Record<AuthMode, readonly number[]>>>;
  readonly deniedStatus: number;
  readonly success: readonly number[];
  /** Schema of a success body; null when none is required. */
  readonly schema: SchemaName | null;
  /** Creates, changes or removes data on the target. */
  readonly writes: boolean;
  readonly hasBody: boolean;
}

const PARTNER_LEVEL: readonly AuthMode[] = ['partner', 'deployment', 'deploymentBasic'];

export const ENDPOINTS: readonly EndpointRow[] = [
  {
    operation: 'list',
    method: 'GET',
    path: '/api/organizations',
    allowed: [...PARTNER_LEVEL, 'apiKey'],
    // SDK-1.18: "User-scoped callers receive their current organization"; REF-2025 made
    // the list partner-scoped (an API key then gets 403).
    allowedUntil: { apiKey: '2024-02-08' },
    deniedStatus: 403,
    success: [200],
    schema: 'organizations.envelope',
    writes: false,
    hasBody: false,
  },
  {
    operation: 'create',
    method: 'POST',
    path: '/api/organizations',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: true,
    hasBody: true,
  },
  {
    operation: 'get',
    method: 'GET',
    path: '/api/organizations/{id}',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: false,
    hasBody: false,
  },
  {
    operation: 'update',
    method: 'PATCH',
    path: '/api/organizations/{id}',
    until: '2023-04-25',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: true,
    hasBody: true,
  },
  {
    operation: 'update',
    method: 'PUT',
    path: '/api/organizations/{id}',
    since: '2024-02-08',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: true,
    hasBody: true,
  },
  {
    operation: 'remove',
    method: 'DELETE',
    path: '/api/organizations/{id}',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: REMOVE_STATUSES,
    schema: null,
    writes: true,
    hasBody: false,
  },
  {
    operation: 'current',
    method: 'GET',
    path: '/api/organization',
    since: '2025-09-18',
    allowed: ['apiKey', 'partner', 'actingAs'],
    // decision: a bare deployment key belongs to no organization (docs/CONTRACT.md § Organizations).
    notJudged: {
      deployment: DEPLOYMENT_KEY_ON_CURRENT_STATUSES,
      deploymentBasic: DEPLOYMENT_KEY_ON_CURRENT_STATUSES,
    },
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: false,
    hasBody: false,
  },
  {
    operation: 'identity',
    method: 'GET',
    path: '/api/me',
    allowed: ALL_MODES,
    deniedStatus: 403,
    success: [200],
    schema: 'identity.envelope',
    writes: false,
    hasBody: false,
  },
];

export function appliesTo(row: EndpointRow, version: string): boolean {
  return (!row.since || version >= row.since) && (!row.until || version <= row.until);
}

/** Whether a mode may call the row's endpoint in a version (the row applying to it). */
export function modeAllowed(row: EndpointRow, mode: AuthMode, version: string): boolean {
  if (!row.allowed.includes(mode)) return false;
  const until = row.allowedUntil?.[mode];
  return until === undefined || version <= until;
}

/** The level of a mode's success: Basic deployment keys are documented only in the PATCH versions. */
export function modeLevel(mode: AuthMode, version: string): 'decision' | undefined {
  return mode === 'deploymentBasic' && version > DEPLOYMENT_BASIC_DOCUMENTED_UNTIL
    ? 'decision'
    : undefined;
}

export function endpointsFor(version: string): readonly EndpointRow[] {
  return ENDPOINTS.filter((row) => appliesTo(row, version));
}

export function endpoint(version: string, operation: Operation): EndpointRow {
  const row = endpointsFor(version).find((candidate) => candidate.operation === operation);
  if (!row) throw new Error(`No ${operation} endpoint in API version ${version}`);
  return row;
}

/** The update method this version does not route (decision: 404 or 405). */
export function unroutedUpdateMethod(version: string): Method {
  return endpoint(version, 'update').method === 'PUT' ? 'PATCH' : 'PUT';
}

export function label(row: Pick<EndpointRow, 'method' | 'path'>): string {
  return `${row.method} ${row.path}`;
}
