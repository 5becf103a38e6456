import type { SdkSchemaName } from './sdk-schema-names';

/**
 * The shape of a contract row: one endpoint of one resource, over a range of versions.
 * Each resource's rows are in contract/resources/; contract/endpoints.ts puts them together.
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

/** The partner-level credentials: a partner key, and the deployment key either way. */
export const PARTNER_LEVEL: readonly AuthMode[] = ['partner', 'deployment', 'deploymentBasic'];

/**
 * `currentUsers`: the caller's current organization's users (`/api/organization/users`);
 * webhooks, roles and policies: what lives inside one organization (resources/scoped.ts);
 * connections to notifications: what an organization reads (resources/reads.ts).
 */
export type Resource =
  | 'organizations'
  | 'users'
  | 'currentUsers'
  | 'webhooks'
  | 'roles'
  | 'policies'
  | 'connections'
  | 'models'
  | 'modelSyncs'
  | 'bulkSyncs'
  | 'events'
  | 'notifications';

export const RESOURCES: readonly Resource[] = [
  'organizations',
  'users',
  'currentUsers',
  'webhooks',
  'roles',
  'policies',
  'connections',
  'models',
  'modelSyncs',
  'bulkSyncs',
  'events',
  'notifications',
];

export type Operation =
  | 'list'
  | 'create'
  | 'get'
  | 'update'
  | 'remove'
  | 'current'
  | 'identity'
  /** Users: issue the user's API key (`POST …/users/{id}/keys`). */
  | 'issueKey'
  /** Webhooks: stop and start deliveries (`POST /api/webhooks/{id}/disable`, `…/enable`). */
  | 'enable'
  | 'disable'
  /** Reads of an organization beside its lists (resources/reads.ts), named as the SDK names them. */
  | 'getTypes'
  | 'getScheduleOptions'
  | 'listStatus'
  | 'getGlobalErrorSubscribers';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A hand-written schema of every version folder (`schemas/<version>/<name>.json`). */
export type HandWrittenSchemaName =
  | 'organization.envelope'
  | 'organizations.envelope'
  | 'identity.envelope'
  | 'user.envelope'
  | 'users.envelope'
  | 'apikey.envelope'
  | 'error'
  /** The body of a 401, where a version types it apart (2024-02-08: RestErrResponse). */
  | 'error.401'
  /** Request bodies: what a client may send (the reference server validates with them). */
  | 'organization.create.request'
  | 'organization.update.request'
  | 'user.create.request'
  | 'user.update.request'
  /** A body of role assignments only (the current organization's user update, REF-2025). */
  | 'user.roles.request';

/**
 * A schema by name: a hand-written one, or `sdk/<Type>`, made from an SDK type by
 * `npm run schemas:sdk` (`schemas/<version>/sdk/<Type>.json`, in the versions whose SDK has it).
 */
export type SchemaName = HandWrittenSchemaName | SdkSchemaName;

/** A path of the contract: `{name}` parameters filled by harness/http/requests.ts `pathFor`. */
export type EndpointPath =
  | '/api/organizations'
  | '/api/organizations/{id}'
  | '/api/organization'
  | '/api/me'
  | '/api/organizations/{org_id}/users'
  | '/api/organizations/{org_id}/users/{id}'
  | '/api/organizations/{org_id}/users/{id}/keys'
  | '/api/organization/users'
  | '/api/organization/users/{id}'
  | '/api/webhooks'
  | '/api/webhooks/{id}'
  | '/api/webhooks/{id}/disable'
  | '/api/webhooks/{id}/enable'
  | '/api/permissions/roles'
  | '/api/permissions/roles/{id}'
  | '/api/permissions/policies'
  | '/api/permissions/policies/{id}'
  | '/api/connections'
  | '/api/connection_types'
  | '/api/models'
  | '/api/syncs'
  | '/api/syncs/schedules'
  | '/api/bulk/syncs'
  | '/api/bulk/syncs/status'
  | '/api/events'
  | '/api/events_types'
  | '/api/notifications/global-error-subscribers';

export interface EndpointRow {
  readonly resource: Resource;
  readonly operation: Operation;
  readonly method: Method;
  readonly path: EndpointPath;
  /** Versions the row applies to, [since, until] inclusive (`YYYY-MM-DD` compares as text). */
  readonly since?: string;
  readonly until?: string;
  /**
   * The first version whose sources document the row; in earlier versions the row is a
   * decision (its departures warn). Unset: documented wherever it applies.
   */
  readonly documentedSince?: string;
  /** Modes the contract lets call it; every other mode gets `deniedStatus`. */
  readonly allowed: readonly AuthMode[];
  /** Modes allowed only up to a version (inclusive); denied after it. */
  readonly allowedUntil?: Readonly<Partial<Record<AuthMode, string>>>;
  /**
   * Modes that may call it for their own organization only, as a decision (Polytomic's
   * sources conflict): left out of the generic allowed and denied loops, judged by the
   * resource's own flows; another organization's is never theirs.
   */
  readonly ownOrganizationModes?: readonly AuthMode[];
  /**
   * Modes never sent to the row, as a decision: no source says what they reach, and a
   * wrongly admitted write could land where this run may not write (resources/scoped.ts).
   */
  readonly notSent?: readonly AuthMode[];
  /** Modes whose answer is not judged (a decision), only its shape. */
  readonly notJudged?: Readonly<Partial<Record<AuthMode, readonly number[]>>>;
  readonly deniedStatus: number;
  readonly success: readonly number[];
  /** Schema of a success body; null when none is required. */
  readonly schema: SchemaName | null;
  /**
   * The success schema up to a version (inclusive), where an earlier SDK types the same
   * answer under another name (SDK-1.18's `ListModelSyncResponseEnvelope`, SDK-HEAD's
   * `ListSyncResponseEnvelope`); `schema` from the version after it. Read it with rowSchema.
   */
  readonly earlierSchema?: { readonly until: string; readonly schema: SchemaName };
  /** Schema of the request body, for the operations that send one. */
  readonly requestSchema?: SchemaName;
  /** Creates, changes or removes data on the target. */
  readonly writes: boolean;
  readonly hasBody: boolean;
}
