/**
 * Every **decision** of docs/CONTRACT.md (no Polytomic source says either way), one
 * named constant each, so that when the real API is found to differ the change is one
 * line here. A departure from one is a warning unless POLYTOMIC_STRICT=true. Each is
 * also shown in the report (see harness/report/environment.ts).
 */

/** An unknown (`2020-01-01`) or malformed (`latest`, `banana`, ``) version. Source: docs/CONTRACT.md § The version header. */
export const UNSUPPORTED_VERSION_STATUSES: readonly number[] = [400];

/** The update method a version does not route (e.g. PUT in 2022-12-12). Source: docs/CONTRACT.md § Organizations. */
export const UNROUTED_UPDATE_STATUSES: readonly number[] = [404, 405];

/** Remove answers 200 or 204, no body required. Source: docs/CONTRACT.md § Organizations. */
export const REMOVE_STATUSES: readonly number[] = [200, 204];

/** A bare deployment key on `GET /api/organization` belongs to no organization: not judged. */
export const DEPLOYMENT_KEY_ON_CURRENT_STATUSES: readonly number[] = [200, 403, 404];

/** Acting as an organization the key does not reach. Source: docs/CONTRACT.md § 401, 403, 404. */
export const UNREACHABLE_ORGANIZATION_STATUSES: readonly number[] = [401, 403, 404];

/**
 * Another partner's organization, asked about with the partner key: hidden, 403 or 404;
 * a 2xx is safety (tenant isolation). Source: docs/CONTRACT.md § Organizations.
 */
export const OTHER_TENANT_STATUSES: readonly number[] = [403, 404];

/** A non-UUID organization id: documented (REF-2023, id format "uuid"), not a decision; kept here with the other status sets. */
export const NON_UUID_ID_STATUSES: readonly number[] = [400, 404, 422];

/** A body whose `name` is not a string (42, null). A missing name is documented: 422 (400 a decision). */
export const NAME_TYPE_STATUSES: readonly number[] = [400, 422];
export const MISSING_NAME_TOLERATED: readonly number[] = [400];

/** Update of a never-issued id: SDK-1.18 declares no 404 on update; a 2xx still fails. */
export const UPDATE_UNKNOWN_ID_STATUSES: readonly number[] = [404];

/**
 * The deployment key as Basic `<key>:` is documented in the PATCH versions (REF-2023,
 * GO-2023); after them only Bearer is (TF, REF-2025), so Basic is a decision there.
 */
export const DEPLOYMENT_BASIC_DOCUMENTED_UNTIL = '2023-04-25';

/**
 * A create sent again with the same Idempotency-Key while the first is still in flight:
 * the first outcome replayed, or this. Documented (GUIDE-IDEMPOTENCY: "concurrent
 * request → 409"), not a decision; kept here with the other status sets.
 */
export const IDEMPOTENCY_IN_FLIGHT_STATUSES: readonly number[] = [409];

/**
 * A key asking an endpoint outside its scope about a random id: 403 (scope before
 * lookup); 404 departs from a decision. Source: docs/CONTRACT.md § 401, 403, 404.
 */
export const SCOPE_BEFORE_LOOKUP_TOLERATED: readonly number[] = [404];

/** A malformed Idempotency-Key (too short, illegal characters), and nothing created. */
export const MALFORMED_IDEMPOTENCY_KEY_STATUSES: readonly number[] = [400, 422];

/**
 * What a success body is expected to carry though SDK-1.18 types it optional: every
 * envelope's `data` (OrganizationEnvelope, UserEnvelope, … `data?`), and an organization's
 * `id` and `name` (Organization `id?`, `name?`). The API reference's response examples
 * show all three; no source says they may be left out. When present, their shape is
 * documented (schemas/). Source: docs/CONTRACT.md § Schemas.
 */
export const EXPECTED_FIELDS = {
  envelope: ['data'],
  organization: ['id', 'name'],
} as const satisfies Record<string, readonly string[]>;

/** Optional string fields may be absent, null or "" (Go servers send empty strings). */
export const EMPTY_OPTIONAL_STRINGS_TOLERATED = true;

/**
 * Unknown extra properties are tolerated (adding a field is not breaking) and
 * reported as warnings; POLYTOMIC_STRICT=true turns them into failures.
 */
export const EXTRA_PROPERTIES_DEFAULT: 'warn' | 'fail' = 'warn';

/**
 * safety: internals no error body may show: Go panics and goroutine frames, file:line
 * frames, SQL text. The credential that was sent is checked by value as well.
 */
export const INTERNAL_DETAIL_PATTERNS: readonly RegExp[] = [
  /\bpanic:/,
  /\bgoroutine \d+/,
  /[\w/.-]+\.(go|ts|js|py|java|rb):\d+/,
  // Upper case only: "Cannot delete an organization from an active sync" is English, not SQL.
  /\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,80}\b(FROM|INTO|SET|WHERE)\b/,
  /\bat [\w.<>]+ \(/,
  /\bpq: |\bSQLSTATE\b/,
];

/** Idempotency keys: 8–255 letters, digits, `-`, `_`. Source: idempotency guide. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,255}$/;

/**
 * The role of the user the run makes for its own API key (and of the bundled server's
 * API-key user). TF names the values ("Role; one of `user` or `admin`"); no source says
 * what each may do, and the API-key checks need a key that may read its own organization,
 * so `admin`. The deprecated `role` string is used because every version accepts it
 * (role_ids exists from 2024-02-08).
 */
export const MADE_USER_ROLE = 'admin';

/**
 * From this version an error body of the message shape is ApiError {key?, message?,
 * metadata?, status?} (SDK-1.18 in 2024-02-08, SDK-HEAD in 2025-09-18): every field
 * optional, so its schema takes a body with no message. That one is expected
 * (docs/CONTRACT.md § Schemas: "a `message` is expected", a decision). A 2024-02-08 401
 * that is a RestErrResponse says it in `error` instead (REST_ERR_401_UNTIL); the versions
 * before carry either.
 */
export const ERROR_MESSAGE_EXPECTED_SINCE = '2024-02-08';

/**
 * The newest version whose 401 body may be SDK-1.18's RestErrResponse {code?, context?,
 * error?, status?: string} (documented: SDK-1.18, GO-2024; not a decision, kept here
 * beside ERROR_MESSAGE_EXPECTED_SINCE). Such a body says what went wrong in `error`.
 */
export const REST_ERR_401_UNTIL = '2024-02-08';

/**
 * An API key, or a partner or deployment key acting as an organization, on that
 * organization's Users endpoints: succeeds (TF manages users so), where every reference
 * page and SDK says "only accessible using partner keys" — sources in conflict.
 */
export const OWN_ORGANIZATION_USERS = 'allowed';

/** A user of an organization the caller does not reach, or that does not exist (a 2xx is safety). */
export const UNREACHABLE_USER_STATUSES: readonly number[] = [403, 404];

/**
 * A webhook, role or policy body without its required field: SDK-1.18 declares 422 on the
 * webhooks' writes and 400 on the roles'. Each resource names the one it prefers
 * (contract/resources/scoped.ts); the other is tolerated, a decision.
 */
export const MISSING_REQUIRED_FIELD_STATUSES: readonly number[] = [400, 422];

/**
 * An item of another organization, acting as one this run made: 404, as one that does not
 * exist; 403 tolerated (a decision). A 2xx is safety.
 */
export const OTHER_ORGANIZATION_ITEM_TOLERATED: readonly number[] = [403];

/** Every decision by name, for the report's environment and the README. */
export const DECISIONS: Readonly<Record<string, string>> = {
  'unknown or malformed version': UNSUPPORTED_VERSION_STATUSES.join(' or '),
  "other version's update method": UNROUTED_UPDATE_STATUSES.join(' or '),
  'remove success': REMOVE_STATUSES.join(' or '),
  'deployment key on /api/organization': `not judged (${DEPLOYMENT_KEY_ON_CURRENT_STATUSES.join(', ')})`,
  'scope before lookup (random id outside the scope)': `403; ${SCOPE_BEFORE_LOOKUP_TOLERATED.join(', ')} a decision`,
  'acting as an unreachable organization': UNREACHABLE_ORGANIZATION_STATUSES.join(', '),
  'non-string name': NAME_TYPE_STATUSES.join(' or '),
  'missing name': `422 documented; ${MISSING_NAME_TOLERATED.join(', ')} a decision`,
  'update of a never-issued id': `${UPDATE_UNKNOWN_ID_STATUSES.join(', ')} (a 2xx fails)`,
  'deployment key as Basic <key>:': `documented until ${DEPLOYMENT_BASIC_DOCUMENTED_UNTIL}, a decision after`,
  'malformed Idempotency-Key': `${MALFORMED_IDEMPOTENCY_KEY_STATUSES.join(' or ')}, nothing created`,
  "an API key or acting-as on its own organization's users": OWN_ORGANIZATION_USERS,
  'an error body without a message': `from ${ERROR_MESSAGE_EXPECTED_SINCE}: a warning`,
  "the made API key's user role": `${MADE_USER_ROLE} (role)`,
  'a user of an unreachable organization': UNREACHABLE_USER_STATUSES.join(' or '),
  'a webhook, role or policy without its required field': `${MISSING_REQUIRED_FIELD_STATUSES.join(' or ')} (the resource names one; the other a decision)`,
  "another organization's webhook, role or policy": `404; ${OTHER_ORGANIZATION_ITEM_TOLERATED.join(', ')} a decision`,
  'partner-level keys on webhooks, roles and policies': 'not sent',
  'fields SDK-1.18 types optional': `expected: envelope ${EXPECTED_FIELDS.envelope.join(', ')}; organization ${EXPECTED_FIELDS.organization.join(', ')}`,
  'empty optional strings': 'tolerated (absent, null or "")',
  'unknown extra properties': 'warning (failure with POLYTOMIC_STRICT=true)',
};
