import { scopeOf } from './auth';
import { notFound } from './errors';
import { parseUserInput } from './input';
import {
  type Call,
  findOrganization,
  ok,
  type ResourceOperations,
  type ServerState,
  visible,
} from './operations';
import { envelope, userEnvelope, usersEnvelope } from './render';
import type { OrganizationRecord, UserRecord } from './store';

/**
 * The Users operations of contract/resources/users.ts (docs/CONTRACT.md § Users and their
 * API keys). Only partner-level callers get here (auth.ts answers 403 to the others); an
 * organization the caller cannot see, and a user not in that organization, are 404.
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

  create(call, state) {
    const { store, switches } = state;
    const organization = organizationOf(call, state);
    const input = parseUserInput(call.body, switches, call.version, 'user.create.request');
    const user = store.createUser(organization.id, input);
    return ok(userEnvelope(user, organization, store, switches));
  },

  get(call, state) {
    const { organization, user } = userOf(call, state);
    return ok(userEnvelope(user, organization, state.store, state.switches));
  },

  update(call, state) {
    const { store, switches } = state;
    const { organization, user } = userOf(call, state);
    const input = parseUserInput(call.body, switches, call.version, 'user.update.request');
    // decision: an update naming neither role nor role_ids keeps the user's roles (both are
    // optional on update in SDK-1.18); naming one replaces both.
    const keepsRoles = input.role === undefined && input.role_ids === undefined;
    const settings = keepsRoles ? { ...input, role: user.role, role_ids: user.role_ids } : input;
    const updated: UserRecord = {
      ...settings,
      id: user.id,
      organizationId: user.organizationId,
      seeded: user.seeded,
    };
    if (!switches.faults.has('userUpdateNotPersisted')) store.updateUser(user.id, settings);
    return ok(userEnvelope(updated, organization, store, switches));
  },

  /** Answers as an organization's remove does: 204, no body. The user's keys die with it. */
  remove(call, state) {
    const { user } = userOf(call, state);
    state.store.removeUser(user.id, state.switches.faults.has('removedUserKeyWorks'));
    return { status: 204, body: undefined };
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
    const force = TRUE_VALUES.has(call.query.force ?? '');
    const value = store.issueKey(user, force && !switches.faults.has('forceNotRevoking'));
    return ok(envelope({ value }, switches));
  },
};

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
