import type { Caller } from './auth';
import type { FaultName } from './faults';
import { API_KEY_USER_EMAIL, type OrganizationRecord, type Store, type UserRecord } from './store';
import type { VariationName } from './variations';

export interface Switches {
  readonly faults: ReadonlySet<FaultName>;
  readonly variations: ReadonlySet<VariationName>;
}

type Json = Record<string, unknown>;

const EPOCH = '2024-01-01T00:00:00Z';

/** The id a client sees; `idNotUuid` renders the creation number instead. */
export function publicId(organization: OrganizationRecord, switches: Switches): string {
  return switches.faults.has('idNotUuid') ? `org_${organization.seq}` : organization.id;
}

/**
 * Organization (docs/CONTRACT.md § Schemas): `id`, `name`, and the optional SSO fields
 * only when set. `client_id` and `client_secret` are write-only.
 */
export function renderOrganization(organization: OrganizationRecord, switches: Switches): Json {
  const { faults, variations } = switches;
  const empty = variations.has('emptyOptionals');
  const json: Json = { id: publicId(organization, switches), name: organization.name };
  // Only the seeded organizations: one the harness wrote must read back what it wrote.
  const issuer =
    faults.has('invalidIssuerUri') && organization.seeded ? 'not a uri' : organization.issuer;
  if (issuer !== undefined || empty) json.issuer = issuer ?? '';
  if (organization.sso_domain !== undefined || empty)
    json.sso_domain = organization.sso_domain ?? '';
  if (faults.has('wrongTypes')) json.sso_org_id = organization.seq;
  else if (organization.sso_org_id !== undefined || empty)
    json.sso_org_id = organization.sso_org_id ?? null;
  if (faults.has('echoClientSecret') && organization.client_secret !== undefined) {
    json.client_secret = organization.client_secret;
  }
  if (variations.has('extraFields')) {
    json.created_at = EPOCH;
    json._links = { self: `/api/organizations/${json.id}` };
  }
  return json;
}

/** `organizationIdOmitted`: the organization of an envelope without its `id`. */
export function withoutId(body: Json): Json {
  const { data } = body;
  if (data === null || typeof data !== 'object') return body;
  const { id: _id, ...rest } = data as Json;
  return { ...body, data: rest };
}

/** `{"data": ...}`; `extraFields` adds a request id beside it. */
export function envelope(data: unknown, switches: Switches): Json {
  return switches.variations.has('extraFields') ? { data, request_id: requestId() } : { data };
}

export function organizationEnvelope(organization: OrganizationRecord, switches: Switches): Json {
  const rendered = renderOrganization(organization, switches);
  return switches.faults.has('missingEnvelope') ? rendered : envelope(rendered, switches);
}

export function organizationsEnvelope(
  organizations: readonly OrganizationRecord[],
  switches: Switches,
): Json {
  const rendered = organizations.map((organization) => renderOrganization(organization, switches));
  if (switches.faults.has('listNotArray')) {
    return envelope(Object.fromEntries(rendered.map((json) => [json.id, json])), switches);
  }
  return envelope(rendered, switches);
}

/**
 * `/api/me` (SDK type GetIdentityResponseSchema): which kind of credential this is
 * and the organization it answers for. The API key is a user's (GUIDE-KEYS; the
 * identity example of polytomic-go is `is_user: true, is_organization: false`),
 * so it also names that user. The deployment key belongs to no organization.
 */
export function identityEnvelope(caller: Caller, store: Store, switches: Switches): Json {
  const { faults, variations } = switches;
  const actedAs = caller.kind === 'actingAs' ? store.find(caller.organizationId) : undefined;
  const organization =
    caller.kind === 'partner'
      ? store.ownerOf(caller.partnerId)
      : caller.kind === 'deployment'
        ? undefined
        : actedAs?.partnerId && faults.has('actingAsReportsOwner')
          ? store.ownerOf(actedAs.partnerId)
          : store.find(caller.organizationId);
  const apiKey = caller.kind === 'apiKey';
  const wrongKind = apiKey && faults.has('identityWrongKind');
  const issued = apiKey && caller.userId !== store.seed.apiKeyUserId;
  // The variation is the configured key's (an organization's key); a key issued for a user
  // is that user's (issued_key_identity), unless the fault says otherwise.
  const organizationKey =
    apiKey && (issued ? faults.has('issuedKeyNotUsers') : variations.has('organizationApiKey'));
  const user = apiKey && !wrongKind && !organizationKey;
  const json: Json = {
    organization_id: organization ? publicId(organization, switches) : '',
    organization_name: organization?.name ?? '',
    is_partner: caller.kind === 'partner' || wrongKind,
    is_organization: organizationKey || caller.kind === 'actingAs',
    is_user: user,
    is_system: caller.kind === 'deployment',
  };
  if (user) {
    const id = caller.userId ?? store.seed.apiKeyUserId;
    const email = store.findUser(id)?.email ?? API_KEY_USER_EMAIL;
    Object.assign(json, { id, email });
  } else if (variations.has('emptyOptionals'))
    Object.assign(json, { id: '', role: null, email: '' });
  if (variations.has('extraFields')) json.created_at = EPOCH;
  return envelope(json, switches);
}

export { API_KEY_USER_EMAIL };

/**
 * User (docs/CONTRACT.md § Users and their API keys; SDK-1.18 User): `id`, `email`,
 * `organization_id`, and `role` / `role_ids` when set. An issued key's value is never
 * rendered again ("shown only once"), except by the `keyShownAgain` fault.
 */
export function renderUser(
  user: UserRecord,
  organization: OrganizationRecord,
  store: Store,
  switches: Switches,
): Json {
  const { faults, variations } = switches;
  const empty = variations.has('emptyOptionals');
  const json: Json = { id: user.id, organization_id: publicId(organization, switches) };
  if (user.email !== undefined || empty) json.email = user.email ?? '';
  if (user.role !== undefined || empty) json.role = user.role ?? '';
  if (user.role_ids !== undefined || empty)
    json.role_ids = user.role_ids ? [...user.role_ids] : null;
  const shownAgain = faults.has('keyShownAgain') ? store.keysOf(user.id).at(-1) : undefined;
  if (shownAgain !== undefined) json.api_key = shownAgain;
  if (variations.has('extraFields')) json.created_at = EPOCH;
  return json;
}

export function userEnvelope(
  user: UserRecord,
  organization: OrganizationRecord,
  store: Store,
  switches: Switches,
): Json {
  return envelope(renderUser(user, organization, store, switches), switches);
}

export function usersEnvelope(
  users: readonly UserRecord[],
  organization: OrganizationRecord,
  store: Store,
  switches: Switches,
): Json {
  return envelope(
    users.map((user) => renderUser(user, organization, store, switches)),
    switches,
  );
}

export function requestId(): string {
  return `req_${Math.random().toString(36).slice(2, 12)}`;
}

/** `keyOrder`: the same JSON with every object's keys in reverse order. */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}
