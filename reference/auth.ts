import {
  type AuthMode,
  type EndpointRow,
  endpoint,
  modeAllowed,
  ownOrganizationMode,
} from '../contract/endpoints';
import type { ReferenceKeys } from '../contract/reference';
import { forbidden, unauthorized } from './errors';
import type { FaultName } from './faults';
import type { IssuedKey, OrganizationRecord, PartnerId } from './store';

/** Who is calling, once the credential is known (docs/CONTRACT.md § Auth modes). */
export type Caller =
  | { readonly kind: 'partner'; readonly partnerId: PartnerId }
  /** A user's API key: the configured one (the seed's user) or one issued by `…/users/{id}/keys`. */
  | { readonly kind: 'apiKey'; readonly organizationId: string; readonly userId?: string }
  | { readonly kind: 'deployment' }
  | { readonly kind: 'actingAs'; readonly organizationId: string };

/** Which organizations a partner-level call sees: a partner's own, or all of them. */
export type Scope = PartnerId | 'deployment';

export interface AuthContext {
  readonly keys: ReferenceKeys;
  readonly faults: ReadonlySet<FaultName>;
  readonly find: (id: string) => OrganizationRecord | undefined;
  /** The API key belongs to partner A's child organization (the seed). */
  readonly apiKeyOrganizationId: string;
  /** The seeded user of that organization the API key was issued to. */
  readonly apiKeyUserId: string;
  /** The holder of a key issued by `POST …/users/{id}/keys`, while it is valid. */
  readonly issuedKey: (value: string) => IssuedKey | undefined;
}

const PARTNER_A: Caller = { kind: 'partner', partnerId: 'partnerA' };
const DEPLOYMENT: Caller = { kind: 'deployment' };

/**
 * Turns the Authorization header into a caller, or throws 401 (unknown or
 * malformed credential) or 403 (acting as an organization the key does not reach).
 * docs/CONTRACT.md § 401, 403, 404. The scheme name is case-insensitive (RFC 7235).
 */
export function authenticate(header: string | undefined, context: AuthContext): Caller {
  const { faults } = context;
  if (header === undefined) {
    if (faults.has('acceptMissingAuth')) return PARTNER_A;
    throw unauthorized('no Authorization header');
  }
  const match = /^(\S+)(?:\s+(.*))?$/s.exec(header.trim());
  const scheme = match?.[1] ?? '';
  const credentials = (match?.[2] ?? '').trim();
  const is = (name: string) =>
    faults.has('caseSensitiveScheme')
      ? scheme === name
      : scheme.toLowerCase() === name.toLowerCase();
  if (is('Bearer')) return bearer(credentials, context);
  if (is('Basic')) return basic(credentials, context);
  throw unauthorized('unsupported authorization scheme; use Bearer or Basic');
}

/** The caller a key stands for on its own; undefined for an unknown key. */
function keyCaller(key: string, context: AuthContext): Caller | undefined {
  const { keys } = context;
  if (key === keys.partnerKey) return PARTNER_A;
  if (key === keys.otherPartnerKey) return { kind: 'partner', partnerId: 'partnerB' };
  // Every version: Polytomic's Terraform provider sends the deployment key as Bearer (TF).
  if (key === keys.deploymentKey) return DEPLOYMENT;
  if (key === keys.apiKey) {
    // The API key belongs to partner A's child; it dies with its organization.
    const organization = context.find(context.apiKeyOrganizationId);
    if (!organization) return undefined;
    return { kind: 'apiKey', organizationId: organization.id, userId: context.apiKeyUserId };
  }
  // An issued key is an API key of its user: the same scope as the configured one (GUIDE-KEYS).
  const holder = context.issuedKey(key);
  if (holder) return { kind: 'apiKey', ...holder };
  return undefined;
}

function bearer(token: string, context: AuthContext): Caller {
  if (token === '') throw unauthorized('empty bearer token');
  if (token === context.keys.deploymentKey && context.faults.has('deploymentBearerRefused')) {
    throw unauthorized('unknown bearer token');
  }
  const caller = keyCaller(token, context);
  if (caller) return caller;
  if (context.faults.has('acceptUnknownBearer')) return PARTNER_A;
  throw unauthorized('unknown bearer token');
}

/** Basic `<deployment key>:` (deployment) or `<organization id>:<partner or deployment key>` (acting as). */
function basic(encoded: string, context: AuthContext): Caller {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded)
    ? Buffer.from(encoded, 'base64').toString('utf8')
    : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized('Basic credentials must be base64 of "user:password"');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const wrongKey = () => {
    if (context.faults.has('basicWrongKeyAccepted')) return DEPLOYMENT;
    throw unauthorized('unknown key');
  };

  if (password === '') {
    return user === context.keys.deploymentKey ? DEPLOYMENT : wrongKey();
  }
  const keyHolder = keyCaller(password, context);
  if (!keyHolder || (keyHolder.kind !== 'partner' && keyHolder.kind !== 'deployment')) {
    return wrongKey();
  }
  if (context.faults.has('actingAsIgnored')) return keyHolder;
  const organization = context.find(user);
  const reaches =
    organization !== undefined &&
    (keyHolder.kind === 'deployment' || organization.partnerId === keyHolder.partnerId);
  // decision: 401, 403 or 404 (docs/CONTRACT.md § 401, 403, 404); the key is valid, so 403.
  if (!reaches) throw forbidden('this key cannot act as that organization');
  return { kind: 'actingAs', organizationId: organization.id };
}

/**
 * An API key listing organizations in a version where that lists its own: where the
 * contract's list row still allows the API key (its `allowedUntil`). SDK-1.18: "User-scoped
 * callers receive their current organization"; REF-2025 made the list partner-scoped.
 */
export function listsOwnOrganization(caller: Caller, version: string): boolean {
  return caller.kind === 'apiKey' && modeAllowed(endpoint(version, 'list'), 'apiKey', version);
}

/**
 * Lets the caller through to the operation, or throws 403 (docs/CONTRACT.md § Auth modes).
 * `organizationId` is the `{org_id}` the path names, under an organization (Users).
 */
export function authorize(
  row: EndpointRow,
  caller: Caller,
  version: string,
  faults: ReadonlySet<FaultName>,
  organizationId?: string,
): void {
  const mode: AuthMode = caller.kind;
  // Only the Organization list: a user's list is partner-only in every version.
  if (
    row.resource === 'organizations' &&
    row.operation === 'list' &&
    listsOwnOrganization(caller, version)
  ) {
    if (faults.has('apiKeyListForbidden')) throw forbidden('listing needs a partner key');
    return;
  }
  const organizationLevel = caller.kind === 'apiKey' || caller.kind === 'actingAs';
  if (
    organizationLevel &&
    faults.has('apiKeyOnPartnerEndpoints') &&
    row.allowed.includes('partner')
  ) {
    return;
  }
  if (organizationLevel && ownOrganizationMode(row, mode)) {
    // decision (TF): an organization's own users, and only those (safety).
    if (faults.has('ownOrganizationUsersRefused'))
      throw forbidden('User endpoints are only accessible using partner keys');
    if (faults.has('apiKeyAllowedOnUsers') || organizationId === caller.organizationId) return;
    throw forbidden("this key cannot reach that organization's users");
  }
  if (!modeAllowed(row, mode, version) && !row.notJudged?.[mode]) {
    throw forbidden(`${row.method} ${row.path} needs ${neededKey(row)}`);
  }
}

/** What the row's `allowed` asks for, in a 403's words. */
function neededKey(row: EndpointRow): string {
  return row.allowed.includes('partner')
    ? 'a partner or deployment key'
    : 'an API key, or a key acting as an organization';
}

/**
 * The organizations a partner-level call works on. An API key or an organization
 * acted as only gets here through the `apiKeyOnPartnerEndpoints` fault: partner A's.
 */
export function scopeOf(caller: Caller): Scope {
  if (caller.kind === 'partner') return caller.partnerId;
  if (caller.kind === 'deployment') return 'deployment';
  return 'partnerA';
}
