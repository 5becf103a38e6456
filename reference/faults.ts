/**
 * The named faults of the reference server: each one breaks exactly one rule of
 * docs/CONTRACT.md, so the harness's self-tests can show that every check fails when
 * its rule is broken (FAULT_LEVELS says how loudly). The server is correct when
 * none is set. Each fault is applied in one or two places, marked
 * `faults.has('<name>')`.
 */
export const FAULTS = {
  // Version header (docs/CONTRACT.md § The version header)
  dropVersionHeader: 'responses carry no X-Polytomic-Version header',
  wrongVersionEcho: 'X-Polytomic-Version names a supported version other than the one requested',
  missingVersionRejected: 'a request without X-Polytomic-Version is answered 400',
  defaultVersionUnnamed:
    'a request without X-Polytomic-Version is answered 200 with X-Polytomic-Version "default"',
  acceptUnknownVersion: 'an unknown or malformed version is served as the current version',
  unknownVersion500: 'an unknown or malformed version is answered 500',
  unknownVersionAs404: 'an unknown or malformed version is answered 404',

  // Auth modes (docs/CONTRACT.md § Auth modes, § 401, 403, 404)
  acceptMissingAuth: 'a request without Authorization is served as partner A',
  acceptUnknownBearer: 'an unknown bearer token is served as partner A',
  apiKeyOnPartnerEndpoints:
    "an API key (or acting as an organization) may call the partner-only endpoints, with partner A's scope",
  basicWrongKeyAccepted: 'Basic with an unknown key is served as the deployment key',
  otherPartnerVisible: "a partner sees, and can get, the other partner's organizations",
  unauthorizedAs403: 'every 401 is answered 403',
  lookupBeforeAuth: 'an unknown organization id is answered 404 before credentials are checked',
  caseSensitiveScheme: 'only the exact scheme names "Bearer" and "Basic" are accepted',
  deploymentBearerRefused: 'the deployment key sent as Bearer is answered 401',
  deploymentBasicRefused:
    'after 2023-04-25 the deployment key sent as Basic "<key>:" is answered 401 (a create by it makes nothing)',
  actingAsIgnored:
    'Basic "<organization id>:<key>" is served as the key itself, whatever organization it names',
  actingAsReportsOwner:
    "/api/me, acting as an organization, names the partner's owner organization instead",

  // Statuses (docs/CONTRACT.md § Organizations, § 401, 403, 404)
  notFoundAs200: 'an unknown organization id is answered 200 with a made-up organization',
  notFoundAs403: 'an unknown organization id is answered 403',
  notFoundAs500: 'an unknown organization id is answered 500',
  nonUuidIdAs500: 'an organization id that is not a UUID is answered 500',
  ownerDeleteAllowed: 'a partner may delete its own owner organization',
  duplicateNameAccepted: 'a duplicate organization name is accepted',
  missingNameAccepted: 'a body without a string name is accepted and named "Untitled"',
  deleteDoesNotDelete: 'remove answers 204 but the organization stays',
  updateNotPersisted: 'update answers with the new values but stores nothing',
  createAnswersOtherName: 'create stores the name sent but answers with another name',
  updateAnswersStale: 'update stores the new values but answers with the ones before',
  wrongUpdateMethodRouted: "the other version's update method (PUT or PATCH) also updates",

  // Schemas (docs/CONTRACT.md § Schemas)
  idNotUuid: 'organization ids are rendered as "org_<n>" instead of UUIDs',
  wrongTypes: 'sso_org_id is rendered as a number',
  missingEnvelope: 'an organization is returned bare, without the "data" envelope',
  organizationIdOmitted: 'the get of one organization answers it without its "id"',
  listNotArray: 'the list "data" is an object keyed by id instead of an array',
  echoClientSecret: 'client_secret is returned when it is set',
  invalidIssuerUri: 'the seeded organizations\' issuer is rendered as "not a uri"',
  nonJsonContentType: 'JSON bodies are sent as text/plain',

  // Error bodies (docs/CONTRACT.md § Schemas, error body)
  htmlErrors: 'errors are sent as text/html pages',
  emptyErrorBody: 'errors are sent with no body',
  errorStatusMismatch: 'error bodies carry an integer "status" of 500 whatever the HTTP status',
  errorMessageMissing: 'error bodies of the ApiError shape (2024-02-08 on) carry no message',
  stackTraceInErrors: 'error messages carry a Go panic trace with file:line frames',
  credentialInErrors: 'a 401 message echoes the Authorization header it received',

  // Idempotency (docs/CONTRACT.md § Idempotency, every version)
  idempotencyReplayCreates: 'a repeated Idempotency-Key creates a new organization each time',
  idempotencyKeyUnvalidated: 'a malformed Idempotency-Key is accepted and the create happens',
  idempotencyKeyRefusedOnUpdate: 'an update carrying Idempotency-Key is answered 400',

  // Listing and the caller's organization (docs/CONTRACT.md § Organizations)
  ownerNotFirst: 'the 2025-09-18 list puts the owner organization last',
  currentWrongOrganization:
    "/api/organization answers partner A's owner organization for every caller",
  identityWrongKind:
    '/api/me says is_partner true, is_user false and is_organization false for the API key',
  apiKeyListsOthers:
    "before 2025-09-18 the API key's list also holds the other organizations of its partner",
  apiKeyListForbidden: "before 2025-09-18 the API key's list is answered 403",
  createdNotListed: 'the list omits organizations created after start-up',

  // Side effects (docs/CONTRACT.md § What the harness may touch)
  collateralRename:
    'the first create also renames partner A\'s child organization to "renamed by fault"',
  collateralDelete: "the first create also deletes partner A's child organization",
  createAnswersExistingId:
    "a create stores a new organization but answers with the id of partner A's child organization",

  // Users and their API keys (docs/CONTRACT.md § Users and their API keys)
  userVisibleAcrossPartners: "a partner lists, reads and changes the other partner's users",
  keyShownAgain: 'a user\'s get and list carry the value of its latest issued key as "api_key"',
  forceNotRevoking: "issuing a key with force=true leaves the user's earlier keys valid",
  roleAndRoleIdsAccepted: 'a user body with both role and role_ids is accepted',
  emptyRoleIdsAccepted: 'a user body with role_ids: [] is accepted',
  missingEmailAccepted: 'a user body without a string email is accepted',
  apiKeyAllowedOnUsers:
    'an API key (or acting as an organization) may call the Users endpoints of any organization of partner A',
  ownOrganizationUsersRefused:
    "an API key (or acting as an organization) gets 403 on its own organization's Users endpoints",
  userUpdateChangesEmail: "a user's update replaces the e-mail with the one sent",
  userRemoveBodiless: 'a user remove answers 204 with no body',
  userPutOnlyBefore2024:
    'before 2024-02-08 a user update is routed as PUT only (PATCH answers 405)',
  currentUsersOfOwner:
    "the current organization's Users endpoints work on partner A's owner organization, whoever calls",
  removedUserKeyWorks: "removing a user leaves the user's API keys valid",
  userNotListed: "an organization's users list omits the users created after start-up",
  userUpdateNotPersisted: "a user's update answers with the new values but stores nothing",
  unknownOrganizationUsersListed:
    'the users list of an organization that does not exist is answered 200 with no users',
  issuedKeyNotUsers:
    '/api/me says is_organization true and is_user false for a key issued to a user',
  // Resources of an organization (docs/CONTRACT.md § Resources of an organization)
  webhookDisabledAsString: 'a webhook\'s `disabled` is answered as the text "false"',
  roleUpdateNotPersisted: "a role's update answers the new name but keeps the old one",
  policyNotFoundAs200: 'an unknown policy id is answered 200 with an empty policy',
  scopedItemsOfAnyOrganization:
    "webhooks, roles and policies of every organization are listed and reached by any organization's key",
  webhookRefusalAs500: 'a webhook create or update without `endpoint` is answered 500',
  webhookDisableIgnored: 'disabling a webhook answers it, still enabled',
  // What an organization reads (docs/CONTRACT.md § What an organization reads)
  connectionTypeWithoutCapabilities: 'connection types are answered without their `capabilities`',
  modelsDataAsObject: 'the models list is answered with `data` an object',
  scheduleFrequencyUnknown: 'the schedule options name a frequency the SDK does not know',
  bulkSyncStatusDataAsObject: "the bulk syncs' execution status is answered with `data` an object",
  eventTypesAsObjects: 'event types are answered as objects, not names',
  errorSubscribersAsText: 'the global error subscribers are answered as one text, not a list',
  readsRefuseApiKeys: "an organization's API key is answered 403 on what an organization reads",
} as const satisfies Record<string, string>;

export type FaultName = keyof typeof FAULTS;

/** What a departure from a rule means (docs/CONTRACT.md § Levels). */
export type RuleLevel = 'documented' | 'safety' | 'decision';

/**
 * The level of the rule each fault breaks, as docs/CONTRACT.md gives it: a fault that
 * breaks a documented or safety rule must fail the suite, one that breaks a
 * decision only warns unless POLYTOMIC_STRICT=true.
 */
export const FAULT_LEVELS: Readonly<Record<FaultName, RuleLevel>> = {
  // A create answering with an organization that existed before the run.
  createAnswersExistingId: 'safety',
  dropVersionHeader: 'documented',
  wrongVersionEcho: 'documented',
  missingVersionRejected: 'documented',
  defaultVersionUnnamed: 'documented',
  // An unknown version: 400 is a decision, a 5xx is safety.
  acceptUnknownVersion: 'decision',
  unknownVersion500: 'safety',
  unknownVersionAs404: 'decision',

  // Invalid credentials served, or ids told to strangers: safety.
  acceptMissingAuth: 'safety',
  acceptUnknownBearer: 'safety',
  apiKeyOnPartnerEndpoints: 'documented',
  basicWrongKeyAccepted: 'safety',
  otherPartnerVisible: 'safety',
  unauthorizedAs403: 'documented',
  lookupBeforeAuth: 'safety',
  // RFC 9110 makes scheme names case-insensitive; no Polytomic client sends another case.
  caseSensitiveScheme: 'decision',
  deploymentBearerRefused: 'documented',
  // Basic is documented up to 2023-04-25 only: a decision after.
  deploymentBasicRefused: 'decision',
  // Acting as an organization the key does not reach, answered 2xx: safety.
  actingAsIgnored: 'safety',
  // Acting as an organization: which organization /api/me names is a decision.
  actingAsReportsOwner: 'decision',

  notFoundAs200: 'documented',
  notFoundAs403: 'documented',
  notFoundAs500: 'safety',
  nonUuidIdAs500: 'safety',
  ownerDeleteAllowed: 'documented',
  duplicateNameAccepted: 'documented',
  missingNameAccepted: 'documented',
  deleteDoesNotDelete: 'documented',
  updateNotPersisted: 'documented',
  createAnswersOtherName: 'documented',
  updateAnswersStale: 'documented',
  wrongUpdateMethodRouted: 'decision',

  idNotUuid: 'documented',
  wrongTypes: 'documented',
  missingEnvelope: 'documented',
  // SDK-1.18 types Organization.id optional: expecting it is a decision.
  organizationIdOmitted: 'decision',
  listNotArray: 'documented',
  echoClientSecret: 'documented',
  // The shape of issuer is documented, its URI format a decision.
  invalidIssuerUri: 'decision',
  nonJsonContentType: 'documented',

  htmlErrors: 'documented',
  emptyErrorBody: 'documented',
  // An integer status equal to the HTTP status is a decision.
  errorStatusMismatch: 'decision',
  // A message in an ApiError body is expected, by decision.
  errorMessageMissing: 'decision',
  stackTraceInErrors: 'safety',
  credentialInErrors: 'safety',

  idempotencyReplayCreates: 'documented',
  // A malformed key: 400 or 422 is a decision.
  idempotencyKeyUnvalidated: 'decision',
  idempotencyKeyRefusedOnUpdate: 'documented',

  ownerNotFirst: 'documented',
  currentWrongOrganization: 'documented',
  identityWrongKind: 'documented',
  // Another organization in an API key's list: tenant isolation.
  apiKeyListsOthers: 'safety',
  apiKeyListForbidden: 'documented',
  createdNotListed: 'documented',

  collateralRename: 'safety',
  collateralDelete: 'safety',

  // Another partner's users: tenant isolation.
  userVisibleAcrossPartners: 'safety',
  keyShownAgain: 'documented',
  forceNotRevoking: 'documented',
  roleAndRoleIdsAccepted: 'documented',
  emptyRoleIdsAccepted: 'documented',
  missingEmailAccepted: 'documented',
  // Another organization's users: isolation.
  apiKeyAllowedOnUsers: 'safety',
  // Sources conflict on who may call them: a decision.
  ownOrganizationUsersRefused: 'decision',
  userUpdateChangesEmail: 'documented',
  userRemoveBodiless: 'documented',
  userPutOnlyBefore2024: 'documented',
  currentUsersOfOwner: 'documented',
  // A removed user's credential served: an invalid credential served.
  removedUserKeyWorks: 'safety',
  userNotListed: 'documented',
  userUpdateNotPersisted: 'documented',
  // Which of 403 or 404 is a decision; a 2xx for an organization that does not exist is safety.
  unknownOrganizationUsersListed: 'safety',
  issuedKeyNotUsers: 'documented',
  webhookDisabledAsString: 'documented',
  roleUpdateNotPersisted: 'documented',
  policyNotFoundAs200: 'documented',
  scopedItemsOfAnyOrganization: 'safety',
  // A 5xx is safety whatever the rule.
  webhookRefusalAs500: 'safety',
  webhookDisableIgnored: 'documented',
  connectionTypeWithoutCapabilities: 'documented',
  modelsDataAsObject: 'documented',
  scheduleFrequencyUnknown: 'documented',
  bulkSyncStatusDataAsObject: 'documented',
  eventTypesAsObjects: 'documented',
  errorSubscribersAsText: 'documented',
  readsRefuseApiKeys: 'documented',
};

export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}

/** Parses a comma-separated list (REFERENCE_FAULTS); blank means none. */
export function parseFaults(list: string | undefined): FaultName[] {
  const names = splitList(list);
  const unknown = names.filter((name) => !isFaultName(name));
  if (unknown.length > 0) {
    throw new Error(
      `REFERENCE_FAULTS names unknown fault${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid names: ${FAULT_NAMES.join(', ')}.`,
    );
  }
  return [...new Set(names as FaultName[])];
}

export function splitList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
