import type { SourceRef } from './sources';

/**
 * Every rule the harness judges, as data: its family (the report's category), its
 * level (what a departure means) and its source. The checks in harness/checks/
 * implement them by name. Source: docs/CONTRACT.md.
 *
 * - documented: a Polytomic source (or an RFC the API is built on) states it: a departure fails.
 * - safety: harm to the deployment's users whatever the docs say: a departure fails.
 * - decision: no source says either way, this contract chose: a departure is a warning
 *   ("unconfirmed expectation"), a failure only with POLYTOMIC_STRICT=true.
 */
export type Level = 'documented' | 'safety' | 'decision';

export const LEVELS: readonly Level[] = ['documented', 'safety', 'decision'];

/** Check families: the report's categories and the summary's columns. */
export type Family =
  | 'schema'
  | 'version-header'
  | 'auth'
  | 'not-found'
  | 'lifecycle'
  | 'error-body'
  | 'credentials'
  | 'isolation'
  | 'users'
  | 'safety';

export const FAMILIES: readonly Family[] = [
  'schema',
  'version-header',
  'auth',
  'not-found',
  'lifecycle',
  'error-body',
  'credentials',
  'isolation',
  'users',
  'safety',
];

export interface Rule {
  readonly family: Family;
  /** One line: the rule, as the report shows it. */
  readonly description: string;
  /**
   * What a departure means. A rule whose parts differ (a 5xx is always safety, a tolerated
   * status a decision) says so per exchange; this is the level of the rule as a whole.
   */
  readonly level: Level;
  readonly source: SourceRef;
}

const rule = (
  family: Family,
  level: Level,
  description: string,
  id: SourceRef['id'],
  quote: string,
): Rule => ({ family, level, description, source: { id, quote } });

export const RULES = {
  // Every response
  json_content_type: rule(
    'schema',
    'documented',
    'A body from the API is JSON and says so in Content-Type (charset allowed)',
    'SDK-1.18',
    'every SDK method parses success and error bodies as JSON',
  ),
  version_header_echo: rule(
    'version-header',
    'documented',
    'Every response carries X-Polytomic-Version naming the version that served it',
    'GUIDE-VERSIONING',
    '"Every response includes an X-Polytomic-Version header indicating the version that served the request"',
  ),
  response_schema: rule(
    'schema',
    'documented',
    "Every success body matches its operation's JSON Schema for the version",
    'REF-2023',
    'response schemas of each doc set (id format "uuid"; list data "list of objects or null"); schemas/<version>/',
  ),
  required_fields: rule(
    'schema',
    'decision',
    "A success body carries its envelope's `data`, and an organization its `id` and `name`",
    'CONTRACT',
    "SDK-1.18 types them optional (OrganizationEnvelope `data?`, Organization `id?`, `name?`); the API reference's response examples show them; no source says they may be left out",
  ),
  no_client_secret: rule(
    'schema',
    'documented',
    '`client_secret` never appears in a response',
    'REF-2023',
    'client_secret is a request field only (write-only)',
  ),
  unknown_properties: rule(
    'schema',
    'decision',
    'Undeclared response properties are reported (a failure with POLYTOMIC_STRICT=true)',
    'CONTRACT',
    'adding a field is not breaking; no source says whether undeclared fields may appear',
  ),
  error_schema: rule(
    'error-body',
    'documented',
    "Every error body from the API's routes is JSON matching one of the version's error shapes",
    'SDK-1.18',
    'UnauthorizedError(body: RestErrResponse) in 2024-02-08; SDK-HEAD ApiError {key?, message?, metadata?, status?}; GO-2023 {message, status_code, metadata}',
  ),
  error_status_field: rule(
    'error-body',
    'decision',
    'An integer `status` in an error body equals the HTTP status code',
    'CONTRACT',
    'no source says what an integer status must hold',
  ),
  error_message: rule(
    'error-body',
    'decision',
    'An error body of the ApiError shape (2024-02-08 on) says what went wrong in a non-empty `message`',
    'CONTRACT',
    'SDK-1.18 (2024-02-08) and SDK-HEAD type every ApiError field optional; no source says a message may be left out',
  ),
  error_no_internals: rule(
    'error-body',
    'safety',
    'No stack trace, internal path, SQL or sent credential in any response',
    'CONTRACT',
    'safety: a response must not show internals or echo a credential',
  ),

  // The version header
  missing_version_header: rule(
    'version-header',
    'documented',
    'A request without X-Polytomic-Version is served as the default version, and the header names it',
    'GUIDE-VERSIONING',
    '"Requests that do not specify a version default to …"; SDK-1.18 and TF send no header',
  ),
  unsupported_version: rule(
    'version-header',
    'decision',
    'An unknown or malformed X-Polytomic-Version gets 400 (a 2xx naming it fails, a 5xx is safety)',
    'CONTRACT',
    'no source gives the status for an unknown version',
  ),
  update_method_routing: rule(
    'version-header',
    'decision',
    "The other version's update method (PUT before 2024-02-08, PATCH after) gets 404 or 405",
    'CONTRACT',
    'REF-2023 routes PATCH, REF-2025 PUT; no source says what the other method answers',
  ),

  // Auth
  auth_required: rule(
    'auth',
    'documented',
    'No, unknown, empty or undecodable credentials get 401, before any lookup',
    'RFC9110',
    '§15.5.2 401 for missing or invalid credentials; 401 declared on every endpoint (SDK-1.18)',
  ),
  auth_scope: rule(
    'auth',
    'documented',
    'A valid credential outside its scope gets 403 (an API key on partner-only endpoints)',
    'REF-2023',
    '"Requires partner key"; SDK-1.18 declares 403 on each partner endpoint',
  ),
  auth_accepted: rule(
    'auth',
    'documented',
    'A valid credential within its scope succeeds',
    'REF-2023',
    'auth "Basic: the deployment key OR Bearer: the API key"; TF sends Bearer',
  ),
  auth_scheme_case: rule(
    'auth',
    'decision',
    'A valid credential is accepted whatever the case of its scheme name (`bearer`, `BEARER`, `basic`)',
    'RFC9110',
    '§11.1 "It uses a case-insensitive token to identify the authentication scheme"; but every Polytomic client (SDK-1.18, GO-2023, TF) sends exactly `Bearer` or `Basic`, and no Polytomic source says other cases are served',
  ),
  owner_delete_forbidden: rule(
    'auth',
    'documented',
    'A partner removing its own owner organization gets 403',
    'REF-2025',
    '"Partner callers cannot delete their own owner organization" (a decision before 2025-09-18)',
  ),
  acting_as_organization: rule(
    'auth',
    'decision',
    'Acting as an organization (Basic <organization id>:<key>), /api/me reports that organization',
    'TF',
    'the provider sends Basic <organization id>:<key>; what /api/me then says is not documented',
  ),
  current_organization: rule(
    'auth',
    'documented',
    "GET /api/organization answers the caller's own organization",
    'SDK-HEAD',
    "organization.get: the API key's organization (acting as and partner owner: decisions)",
  ),
  credential_kind: rule(
    'credentials',
    'documented',
    'Each configured key is the kind it claims to be, per /api/me',
    'SDK-1.18',
    'GetIdentityResponseSchema is_partner / is_user / is_organization; REF-2025 identity example of a user key',
  ),

  // Not found
  not_found: rule(
    'not-found',
    'documented',
    'get/remove of a never-issued UUID gets 404 (update: a decision)',
    'SDK-1.18',
    'NotFoundError declared on get and remove; none declared on update',
  ),
  invalid_id: rule(
    'not-found',
    'documented',
    'A non-UUID organization id gets 400, 404 or 422 — never 2xx or 5xx',
    'REF-2023',
    'path parameter id format "uuid"',
  ),
  delete_removes: rule(
    'lifecycle',
    'documented',
    'After a remove, get, update and remove of that organization get 404',
    'SDK-1.18',
    'NotFoundError declared on get and remove',
  ),

  // Lifecycle
  create_visible: rule(
    'lifecycle',
    'documented',
    'A created organization is returned by get (the fields sent) and by the list',
    'REF-2023',
    'create "Response OK" returns the organization; get and list return what exists',
  ),
  write_answer: rule(
    'lifecycle',
    'documented',
    "A create's or update's own answer carries the fields sent and the organization's id",
    'SDK-1.18',
    'create and update return OrganizationEnvelope of the written organization',
  ),
  update_persists: rule(
    'lifecycle',
    'documented',
    'After an update, a fresh get shows the fields sent (left-out fields as the version says)',
    'REF-2025',
    '"SSO and OIDC configuration is replaced in full on each update"; PATCH is partial (GO-2023 omits empty fields)',
  ),
  duplicate_name_conflict: rule(
    'lifecycle',
    'documented',
    "Create or update to a name already used in the partner's account gets 409",
    'REF-2023',
    'name "Must be unique across the partner account"; 409 declared',
  ),
  name_required: rule(
    'lifecycle',
    'documented',
    'Create or update without `name` gets 422 (400 a decision)',
    'SDK-1.18',
    'UnprocessableEntityError declared on create and update; name required',
  ),
  name_type: rule(
    'lifecycle',
    'decision',
    'Create or update with a non-string `name` (42, null) gets 400 or 422',
    'CONTRACT',
    'no source gives the status for a wrongly typed field',
  ),
  owner_first: rule(
    'lifecycle',
    'documented',
    "The partner's owner organization comes first in the list (2025-09-18)",
    'REF-2025',
    'list is partner-scoped and the owner organization comes first',
  ),
  list_own_organization: rule(
    'isolation',
    'documented',
    'Before 2025-09-18 an API key lists exactly its own organization (another one is safety)',
    'SDK-1.18',
    'list: "User-scoped callers receive their current organization"',
  ),
  tenant_isolation: rule(
    'isolation',
    'safety',
    "A partner never sees or reaches another partner's organizations",
    'CONTRACT',
    "safety: another tenant's data visible",
  ),

  // Idempotency
  idempotent_replay: rule(
    'lifecycle',
    'documented',
    'A repeated Idempotency-Key on create replays the first outcome and creates nothing more',
    'GUIDE-IDEMPOTENCY',
    'replay of the first outcome, in the 2022-12-12/2023-04-25 doc set too; GO-2023 sends it',
  ),
  idempotency_key_validation: rule(
    'lifecycle',
    'decision',
    'A malformed Idempotency-Key gets 400 or 422 and creates nothing',
    'CONTRACT',
    'the guide gives the key format (8–255 of [A-Za-z0-9_-]), not the answer to a malformed one',
  ),
  idempotency_header_accepted: rule(
    'lifecycle',
    'documented',
    'An update carrying Idempotency-Key is served as without it',
    'SDK-HEAD',
    'polytomic-typescript sends Idempotency-Key on update and delete',
  ),

  // Users and their API keys (docs/CONTRACT.md § Users and their API keys)
  user_lifecycle: rule(
    'users',
    'documented',
    'A created user is returned by get and list with the e-mail sent, an update persists its roles, remove answers the user, and after remove get is 404',
    'SDK-1.18',
    'users.create/get/list/update/remove return UserEnvelope and ListUsersEnvelope (remove too: REF-2023 and REF-2025 examples; the Go, Python and Java SDKs decode it); NotFoundError declared on get and remove',
  ),
  user_update_roles_only: rule(
    'users',
    'documented',
    "A user update changes the user's role assignments only: the e-mail stays as it was",
    'REF-2025',
    '"Only the user\'s role assignments are modified. Profile information such as name and email address is not affected by this endpoint"; SDK-1.18 and REF-2023 "Updates a user\'s assigned permissions roles"; TF replaces a user whose e-mail changes (RequiresReplaceIf)',
  ),
  own_organization_users: rule(
    'users',
    'decision',
    "An API key, or a partner or deployment key acting as an organization, manages that organization's users",
    'TF',
    'resource_user.go manages users with an API key or Basic <org id>:<key> (commit 0d44bd7, "Allow non-partner keys to manage User resources"); every reference page and SDK says "User endpoints are only accessible using partner keys"',
  ),
  user_organization_scope: rule(
    'isolation',
    'safety',
    "An API key, or acting as an organization, never reaches another organization's users",
    'CONTRACT',
    "safety: another organization's data visible or changed",
  ),
  // Resources of an organization (docs/CONTRACT.md § Resources of an organization)
  scoped_lifecycle: rule(
    'lifecycle',
    'documented',
    'A webhook, role or policy created is returned by get and list with the fields sent, an update persists, a webhook disable and enable set `disabled`, and after remove get is 404',
    'SDK-1.18',
    'webhooks.create/get/update/disable/enable return WebhookEnvelope, permissions.roles.* RoleResponseEnvelope, permissions.policies.* PolicyResponseEnvelope, their lists the list envelopes; NotFoundError declared on get and remove; the same in SDK-HEAD',
  ),
  scoped_body_required: rule(
    'lifecycle',
    'documented',
    "A webhook create or update without `endpoint`, a role's or policy's without `name`, is refused with a 4xx and creates nothing",
    'SDK-1.18',
    'CreateWebhooksSchema and UpdateWebhooksSchema require endpoint (and secret), CreateRoleRequest, UpdateRoleRequest, CreatePolicyRequest and UpdatePolicyRequest require name; webhooks.create/update declare UnprocessableEntityError, permissions.roles.create BadRequestError; no source says which a missing field gets, so the other status is a decision',
  ),
  scoped_isolation: rule(
    'isolation',
    'safety',
    "An organization's key never lists, reads, changes or removes another organization's webhooks, roles or policies",
    'CONTRACT',
    "safety: another organization's data visible or changed",
  ),
  user_email_required: rule(
    'users',
    'documented',
    'Create or update of a user without `email` gets 422',
    'SDK-1.18',
    'CreateUserRequestSchema and UpdateUserRequestSchema: email required; UnprocessableEntityError declared',
  ),
  user_role_exclusive: rule(
    'users',
    'documented',
    'A user body with both `role` and `role_ids` gets 422',
    'SDK-1.18',
    '"setting both role and role_ids in the same request is rejected"',
  ),
  user_role_ids_nonempty: rule(
    'users',
    'documented',
    'A user body with `role_ids: []` gets 422',
    'SDK-1.18',
    'role_ids: "Must contain at least one entry when provided"',
  ),
  key_shown_once: rule(
    'users',
    'documented',
    "An issued API key's value appears in no later response",
    'SDK-1.18',
    'ApiKeyResponse.value: "This value is shown only once; store it securely"',
  ),
  key_force_revokes: rule(
    'users',
    'documented',
    "Issuing a key with force=true revokes the user's earlier key: it then gets 401",
    'SDK-1.18',
    'UsersCreateApiKeyRequest.force: "revoke any existing API key for the user before creating a new one"',
  ),
  issued_key_identity: rule(
    'users',
    'documented',
    "An issued key is an API key of its user: /api/me says is_user and the user's organization",
    'GUIDE-KEYS',
    "a user's API key acts within its organization; GetIdentityResponseSchema is_user, organization_id (SDK-1.18)",
  ),
  removed_user_key_revoked: rule(
    'users',
    'safety',
    "After a user is removed, the user's API key gets 401",
    'CONTRACT',
    "safety: a removed user's credential still served is an invalid credential served",
  ),
  user_unknown_organization: rule(
    'users',
    'decision',
    'Users of an organization that does not exist get 403 or 404 (a 2xx is safety)',
    'CONTRACT',
    'SDK-1.18 declares 403 and 404; no source says which an unknown organization gets',
  ),
  user_isolation: rule(
    'isolation',
    'safety',
    "A partner never sees, changes or issues keys for a user of another partner's organization",
    'CONTRACT',
    "safety: another tenant's data visible",
  ),

  // What the harness may touch
  write_guard: rule(
    'safety',
    'safety',
    'Only organizations this run created are updated or removed; a create answers with a new organization',
    'CONTRACT',
    'safety: the harness never updates or removes an organization it did not create',
  ),
  no_collateral_damage: rule(
    'safety',
    'safety',
    'Every organization that existed before the run is there, unchanged, after it',
    'CONTRACT',
    'safety: data lost',
  ),
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

export function isRuleName(name: string): name is RuleName {
  return Object.hasOwn(RULES, name);
}

/**
 * What a departure counts as: a failure for documented and safety rules; for a decision a
 * warning, unless POLYTOMIC_STRICT=true.
 */
export function severityOf(level: Level, strict: boolean): 'error' | 'warning' {
  return level === 'decision' && !strict ? 'warning' : 'error';
}
