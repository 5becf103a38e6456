import { scopeOf } from './auth';
import { notFound } from './errors';
import { parseUserInput } from './input';
import {
  type Call,
  findOrganization,
  idempotent,
  ok,
  type ResourceOperations,
  type Result,
  type ServerState,
  visible,
} from './operations';
import { envelope, userEnvelope, usersEnvelope } from './render';
import type { OrganizationRecord, UserRecord } from './store';

/**
 * The Users operations of contract/resources/users.ts (docs/CONTRACT.md § Users and their
 * API keys). Partner-level callers get here, and an API key or acting-as for its own
 * organization only (auth.ts answers 403 to the others); an organization the caller
 * cannot see, and a user not in that organization, are 404.
 */
export const USER_OPERATIONS: ResourceOperations = {
  list(call, state) {
    const { store, switches } = state;
    const { faults } = switches;
    const exists =
      call.organizationId !== undefined && findOrganization(state, call.organizationId);
    if (!exists && faults.has('unknownOrganizationUsersListed')) return ok(envelope([], switches));
    const organization = organizationOf(call, state);
    let users = store.usersOf(organization.id);
    if (faults.has('userNotListed')) users = users.filter((user) => user.seeded);
    return ok(usersEnvelope(users, organization, store, switches));
  },

  // GUIDE-IDEMPOTENCY on POST; SDK-HEAD sends the key on a user's create.
  create(call, state) {
    const { store, switches } = state;
    const organization = organizationOf(call, state);
    return idempotent(call, state, `users ${organization.id}`, () => {
      const user = store.createUser(organization.id, parseUserInput(call, switches));
      return ok(userEnvelope(user, organization, store, switches));
    });
  },

  get(call, state) {
    const { organization, user } = userOf(call, state);
    return ok(userEnvelope(user, organization, state.store, state.switches));
  },

  update(call, state) {
    return updateUser(call, state, userOf(call, state));
  },

  remove(call, state) {
    return removeUser(state, userOf(call, state));
  },

  /**
   * A new API key of the user, shown in this answer only. `force=true` revokes the user's
   * earlier keys first (SDK-1.18: "revoke any existing API key for the user before creating
   * a new one"). decision: without it an earlier key stays valid — no source says a second
   * key replaces the first, and revoking a credential nobody asked to revoke is the riskier
   * reading.
   */
  issueKey(call, state) {
    const { store, switches } = state;
    const { user } = userOf(call, state);
    const { force: given } = call.query;
    const force = typeof given === 'string' && TRUE_VALUES.has(given);
    const value = store.issueKey(user, force && !switches.faults.has('forceNotRevoking'));
    return ok(envelope({ value }, switches));
  },
};

/**
 * The current organization's users (REF-2025 `/api/organization/users`): the same
 * operations, in the caller's own organization — an API key's, or the one acted as.
 */
export const CURRENT_USER_OPERATIONS: ResourceOperations = {
  list(call, state) {
    const { store, switches } = state;
    const organization = currentOrganization(call, state);
    return ok(usersEnvelope(store.usersOf(organization.id), organization, store, switches));
  },

  create(call, state) {
    const { store, switches } = state;
    const organization = currentOrganization(call, state);
    const user = store.createUser(organization.id, parseUserInput(call, switches));
    return ok(userEnvelope(user, organization, store, switches));
  },

  get(call, state) {
    const { organization, user } = currentUser(call, state);
    return ok(userEnvelope(user, organization, state.store, state.switches));
  },

  update(call, state) {
    return updateUser(call, state, currentUser(call, state));
  },

  remove(call, state) {
    return removeUser(state, currentUser(call, state));
  },
};

/**
 * Changes the user's role assignments, and nothing else (REF-2025: "Only the user's role
 * assignments are modified. Profile information such as name and email address is not
 * affected"): an e-mail sent is validated, then left as it was. decision: an update naming
 * neither role nor role_ids keeps the user's roles (both are optional on update in
 * SDK-1.18); naming one replaces both.
 */
function updateUser(
  call: Call,
  state: ServerState,
  { organization, user }: { organization: OrganizationRecord; user: UserRecord },
): Result {
  const { store, switches } = state;
  const input = parseUserInput(call, switches);
  const keepsRoles = input.role === undefined && input.role_ids === undefined;
  const roles = keepsRoles ? { role: user.role, role_ids: user.role_ids } : input;
  const email = switches.faults.has('userUpdateChangesEmail')
    ? (input.email ?? user.email)
    : user.email;
  const settings = { email, role: roles.role, role_ids: roles.role_ids };
  const updated: UserRecord = {
    ...settings,
    id: user.id,
    organizationId: user.organizationId,
    seeded: user.seeded,
  };
  if (!switches.faults.has('userUpdateNotPersisted')) store.updateUser(user.id, settings);
  return ok(userEnvelope(updated, organization, store, switches));
}

/**
 * Answers the user removed, in its envelope: the reference's example and SDK-1.18's
 * `UserEnvelope` (the Go, Python and Java SDKs decode it). The user's keys die with it.
 */
function removeUser(
  state: ServerState,
  { organization, user }: { organization: OrganizationRecord; user: UserRecord },
): Result {
  const { store, switches } = state;
  store.removeUser(user.id, switches.faults.has('removedUserKeyWorks'));
  if (switches.faults.has('userRemoveBodiless')) return { status: 204, body: undefined };
  return ok(userEnvelope(user, organization, store, switches));
}

/** The caller's own organization: an API key's, or the one acted as (auth.ts admits no other). */
function currentOrganization(call: Call, state: ServerState): OrganizationRecord {
  const { caller } = call;
  const own =
    caller.kind === 'apiKey' || caller.kind === 'actingAs' ? caller.organizationId : undefined;
  const organization = state.switches.faults.has('currentUsersOfOwner')
    ? state.store.ownerOf('partnerA')
    : own === undefined
      ? undefined
      : state.store.find(own);
  if (!organization) throw notFound('Organization');
  return organization;
}

function currentUser(
  call: Call,
  state: ServerState,
): { organization: OrganizationRecord; user: UserRecord } {
  const organization = currentOrganization(call, state);
  const user = call.id === undefined ? undefined : state.store.findUser(call.id);
  if (!user || user.organizationId !== organization.id) throw notFound('User');
  return { organization, user };
}

/** What Go's strconv.ParseBool reads as true; the SDKs send `force=true`. */
const TRUE_VALUES = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

/**
 * The organization a Users path names, when the caller sees it. decision: 403 or 404
 * (docs/CONTRACT.md § Users and their API keys); one that does not exist or is another
 * partner's is 404, as an organization's own endpoints answer.
 */
function organizationOf(call: Call, state: ServerState): OrganizationRecord {
  const { organizationId } = call;
  const organization =
    organizationId === undefined ? undefined : findOrganization(state, organizationId);
  const acrossPartners = state.switches.faults.has('userVisibleAcrossPartners');
  if (organization && (acrossPartners || visible(organization, scopeOf(call.caller), state))) {
    return organization;
  }
  throw notFound('Organization');
}

/** The user a path names, in the organization it names; any other is 404. */
function userOf(
  call: Call,
  state: ServerState,
): { organization: OrganizationRecord; user: UserRecord } {
  const organization = organizationOf(call, state);
  const user = call.id === undefined ? undefined : state.store.findUser(call.id);
  if (!user || user.organizationId !== organization.id) throw notFound('User');
  return { organization, user };
}
