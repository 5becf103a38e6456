/**
 * Every **decision** of CONTRACT.md, one named constant each, so that when the
 * real API is found to differ the change is one line here. Each is also shown in
 * the report (see harness/report-environment.ts).
 */

/**
 * A request without `X-Polytomic-Version`: the seed page marks it Required, the
 * versioning guide says a default version serves it. Either conforms; nothing else.
 * Source: CONTRACT.md § The version header.
 */
export const MISSING_VERSION_HEADER = {
  rejectStatuses: [400] as const,
  /** Overridden by POLYTOMIC_DEFAULT_VERSION; the newest copy of the versioning guide. */
  defaultVersion: '2025-09-18',
} as const;

/** An unknown (`2020-01-01`) or malformed (`latest`, `banana`, ``) version. Source: CONTRACT.md § The version header. */
export const UNSUPPORTED_VERSION_STATUSES: readonly number[] = [400];

/** The update method a version does not route (e.g. PUT in 2022-12-12). Source: CONTRACT.md § Endpoints. */
export const UNROUTED_UPDATE_STATUSES: readonly number[] = [404, 405];

/** Remove answers 200 or 204, no body required. Source: CONTRACT.md § Endpoints. */
export const REMOVE_STATUSES: readonly number[] = [200, 204];

/** A bare deployment key on `GET /api/organization` belongs to no organization: not judged. */
export const DEPLOYMENT_KEY_ON_CURRENT_STATUSES: readonly number[] = [200, 403, 404];

/** Acting as an organization the key does not reach. Source: CONTRACT.md § 401, 403, 404. */
export const UNREACHABLE_ORGANIZATION_STATUSES: readonly number[] = [401, 403, 404];

/** A non-UUID organization id. Source: CONTRACT.md § 401, 403, 404. */
export const NON_UUID_ID_STATUSES: readonly number[] = [400, 404, 422];

/** A malformed Idempotency-Key (too short, illegal characters), and nothing created. */
export const MALFORMED_IDEMPOTENCY_KEY_STATUSES: readonly number[] = [400, 422];

/** Optional string fields may be absent, null or "" (Go servers send empty strings). */
export const EMPTY_OPTIONAL_STRINGS_TOLERATED = true;

/**
 * Unknown extra properties are tolerated (adding a field is not breaking) and
 * reported as warnings; POLYTOMIC_STRICT=true turns them into failures.
 */
export const EXTRA_PROPERTIES_DEFAULT: 'warn' | 'fail' = 'warn';

/**
 * Internals no error body may show: Go panics and goroutine frames, file:line
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

/** Every decision by name, for the report's environment and the README. */
export const DECISIONS: Readonly<Record<string, string>> = {
  'missing version header': `400, or served as POLYTOMIC_DEFAULT_VERSION (default ${MISSING_VERSION_HEADER.defaultVersion}) and said so`,
  'unknown or malformed version': UNSUPPORTED_VERSION_STATUSES.join(' or '),
  "other version's update method": UNROUTED_UPDATE_STATUSES.join(' or '),
  'remove success': REMOVE_STATUSES.join(' or '),
  'deployment key on /api/organization': `not judged (${DEPLOYMENT_KEY_ON_CURRENT_STATUSES.join(', ')})`,
  'acting as an unreachable organization': UNREACHABLE_ORGANIZATION_STATUSES.join(', '),
  'non-UUID id': NON_UUID_ID_STATUSES.join(', '),
  'malformed Idempotency-Key': `${MALFORMED_IDEMPOTENCY_KEY_STATUSES.join(' or ')}, nothing created`,
  'empty optional strings': 'tolerated (absent, null or "")',
  'unknown extra properties': 'warning (failure with POLYTOMIC_STRICT=true)',
  'internals in error bodies': 'panic/goroutine frames, file:line, SQL, the credential: violation',
};
