import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '../contract/decisions';
import type { Method, Operation, SchemaName } from '../contract/endpoints';
import { versionRow } from '../contract/versions';
import { type Caller, listsOwnOrganization, type Scope, scopeOf } from './auth';
import { ApiError, badRequest, conflict, forbidden, notFound } from './errors';
import type { IdempotencyStore, Outcome } from './idempotency';
import { type OptionalField, omittedFields, parseOrganizationInput } from './input';
import {
  identityEnvelope,
  organizationEnvelope,
  organizationsEnvelope,
  type Switches,
  withoutId,
} from './render';
import { type OrganizationRecord, type Store, withSettings } from './store';

export interface ServerState {
  readonly store: Store;
  readonly idempotency: IdempotencyStore;
  readonly switches: Switches;
  readonly latencyMs: number;
  /** The version a request without X-Polytomic-Version is served as (REFERENCE_DEFAULT_VERSION). */
  readonly defaultVersion: string;
  /** Create requests so far; the collateral faults act on the first. */
  creates: number;
}

/** One authenticated, authorized request to an operation. */
export interface Call {
  readonly version: string;
  /** The method of the contract row the request was routed to. */
  readonly method: Method;
  readonly caller: Caller;
  readonly id: string | undefined;
  /** `{org_id}` of a path under an organization (Users). */
  readonly organizationId: string | undefined;
  /** The query string as fastify parsed it (a repeated name is an array). */
  readonly query: Readonly<Record<string, unknown>>;
  /** The request schema the row names for its body (contract/resources/). */
  readonly requestSchema: SchemaName | undefined;
  readonly body: unknown;
  readonly idempotencyKey: string | undefined;
}

export type Result = Outcome;

export type Handler = (call: Call, state: ServerState) => Result;

/** A resource's handlers, by the operations its rows in contract/resources/ name. */
export type ResourceOperations = Readonly<Partial<Record<Operation, Handler>>>;

/** The Organization operations, with the partner's identity and own organization. */
export type OrganizationOperation = Extract<
  Operation,
  'list' | 'create' | 'get' | 'update' | 'remove' | 'current' | 'identity'
>;

/**
 * Each Organization operation of contract/resources/organizations.ts (a user's are in
 * users.ts). Handlers are synchronous, so each runs whole before the next request's:
 * concurrent requests cannot lose an update.
 */
export const OPERATIONS: Readonly<Record<OrganizationOperation, Handler>> = {
  list(call, state) {
    const { faults } = state.switches;
    const { caller } = call;
    if (caller.kind === 'apiKey' && listsOwnOrganization(caller, call.version)) {
      return ok(
        organizationsEnvelope(ownOrganization(caller.organizationId, state), state.switches),
      );
    }
    const scope = scopeOf(caller);
    let organizations = state.store.all().filter((org) => visible(org, scope, state));
    if (faults.has('createdNotListed')) organizations = organizations.filter((org) => org.seeded);
    // 2025-09-18 reference: the partner's owner organization comes first.
    if (versionRow(call.version).ownerFirstInList) {
      const isOwner = (org: OrganizationRecord) => org.owner && org.partnerId === scope;
      const owners = organizations.filter(isOwner);
      const others = organizations.filter((org) => !isOwner(org));
      organizations = faults.has('ownerNotFirst') ? [...others, ...owners] : [...owners, ...others];
    }
    return ok(organizationsEnvelope(organizations, state.switches));
  },

  create(call, state) {
    if (state.creates++ === 0) collateralDamage(state);
    // Every version: the 2022-12-12 doc set has the idempotency guide too (GUIDE-IDEMPOTENCY).
    return idempotent(call, state, 'organizations', () => createOrganization(call, state));
  },

  get(call, state) {
    const body = organizationEnvelope(lookup(call, state).organization, state.switches);
    return ok(state.switches.faults.has('organizationIdOmitted') ? withoutId(body) : body);
  },

  update(call, state) {
    const { faults, variations } = state.switches;
    // SDK-HEAD sends Idempotency-Key on update: accepted, and not needed to replay.
    if (call.idempotencyKey !== undefined && faults.has('idempotencyKeyRefusedOnUpdate')) {
      throw badRequest('Idempotency-Key is only allowed on POST.');
    }
    const { organization, stored } = lookup(call, state);
    const input = parseOrganizationInput(call, state.switches);
    if (!faults.has('duplicateNameAccepted') && input.name !== undefined) {
      if (state.store.nameTaken(organization.partnerId, input.name, organization.id)) {
        throw conflict(`An organization named ${JSON.stringify(input.name)} already exists.`);
      }
    }
    // PATCH is a partial update: what it leaves out keeps its value. PUT replaces
    // the SSO/OIDC settings in full (REF-2025).
    const partial = call.method === 'PATCH' && !variations.has('patchClearsOmitted');
    const kept = partial ? pick(organization, omittedFields(call.body)) : {};
    const settings = { ...kept, ...input, name: input.name ?? 'Untitled' };
    const updated = withSettings(organization, settings);
    if (stored && !faults.has('updateNotPersisted')) state.store.update(organization.id, settings);
    const answered = faults.has('updateAnswersStale') ? organization : updated;
    return ok(organizationEnvelope(answered, state.switches));
  },

  remove(call, state) {
    const { faults } = state.switches;
    const { organization, stored } = lookup(call, state);
    if (!stored) return ok(organizationEnvelope(organization, state.switches));
    // 2025-09-18 reference: "Partner callers cannot delete their own owner organization".
    if (
      organization.owner &&
      scopeOf(call.caller) !== 'deployment' &&
      !faults.has('ownerDeleteAllowed')
    ) {
      throw forbidden('a partner cannot delete its own owner organization');
    }
    if (!faults.has('deleteDoesNotDelete')) state.store.remove(organization.id);
    return { status: 204, body: undefined };
  },

  current(call, state) {
    const { store, switches } = state;
    const { caller } = call;
    const organization = switches.faults.has('currentWrongOrganization')
      ? store.ownerOf('partnerA')
      : caller.kind === 'partner'
        ? store.ownerOf(caller.partnerId)
        : caller.kind === 'deployment'
          ? undefined
          : store.find(caller.organizationId);
    // decision: a bare deployment key belongs to no organization (not judged); we say 404.
    if (!organization) throw notFound('Organization');
    return ok(organizationEnvelope(organization, switches));
  },

  identity(call, state) {
    return ok(identityEnvelope(call.caller, state.store, state.switches));
  },
};

/**
 * A create under GUIDE-IDEMPOTENCY: with an Idempotency-Key, the first outcome is kept and
 * replayed (errors included); a key still in flight is 409. Keys are the caller's account's,
 * apart per collection (`space`), so one key on two collections names two requests.
 */
export function idempotent(
  call: Call,
  state: ServerState,
  space: string,
  create: () => Result,
): Result {
  const { faults } = state.switches;
  const key = call.idempotencyKey;
  if (key === undefined) return create();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key) && !faults.has('idempotencyKeyUnvalidated')) {
    // decision: 400, nothing created (docs/CONTRACT.md § Idempotency).
    throw badRequest('Idempotency-Key must be 8 to 255 letters, digits, "-" or "_".');
  }
  if (faults.has('idempotencyReplayCreates')) return create();
  const account = `${scopeOf(call.caller)} ${space}`;
  const claim = state.idempotency.claim(account, key);
  if (claim.kind === 'inFlight') {
    throw conflict('A request with this Idempotency-Key is still in progress; retry later.');
  }
  const outcome = claim.kind === 'replay' ? claim.outcome : attempt(create);
  if (claim.kind === 'new') state.idempotency.record(account, key, outcome, state.latencyMs);
  if (outcome.body instanceof ApiError) throw outcome.body;
  return outcome;
}

export function ok(body: unknown): Result {
  return { status: 200, body };
}

function createOrganization(call: Call, state: ServerState): Result {
  const { faults } = state.switches;
  const input = parseOrganizationInput(call, state.switches);
  const scope = scopeOf(call.caller);
  const partnerId = scope === 'deployment' ? null : scope;
  const name = input.name ?? 'Untitled';
  const checkName = input.name !== undefined && !faults.has('duplicateNameAccepted');
  if (checkName && state.store.nameTaken(partnerId, name)) {
    throw conflict(`An organization named ${JSON.stringify(name)} already exists.`);
  }
  const created = state.store.create(partnerId, { ...input, name });
  const answered = faults.has('createAnswersExistingId')
    ? { ...created, id: state.store.seed.partnerChildId }
    : faults.has('createAnswersOtherName')
      ? { ...created, name: `${name} (answered)` }
      : created;
  return ok(organizationEnvelope(answered, state.switches));
}

/**
 * What an API key lists before 2025-09-18: its own organization (SDK-1.18). The
 * `apiKeyListsOthers` fault adds the rest of its partner's.
 */
function ownOrganization(organizationId: string, state: ServerState): OrganizationRecord[] {
  const own = state.store.find(organizationId);
  if (!own) return [];
  if (!state.switches.faults.has('apiKeyListsOthers')) return [own];
  return state.store.all().filter((org) => org.partnerId === own.partnerId);
}

/** The fields of an organization named, where it has them. */
function pick(
  organization: OrganizationRecord,
  fields: readonly OptionalField[],
): Partial<Record<OptionalField, string>> {
  const picked: Partial<Record<OptionalField, string>> = {};
  for (const field of fields) {
    const value = organization[field];
    if (value !== undefined) picked[field] = value;
  }
  return picked;
}

/** The outcome of a create, errors included, so an idempotency key can replay it. */
function attempt(create: () => Result): Outcome {
  try {
    return create();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error };
    throw error;
  }
}

/** A partner sees its own organizations; the deployment key sees all of them. */
export function visible(
  organization: OrganizationRecord,
  scope: Scope,
  state: ServerState,
): boolean {
  if (scope === 'deployment' || organization.partnerId === scope) return true;
  return state.switches.faults.has('otherPartnerVisible') && organization.partnerId !== null;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds an organization by the id a client knows it by. */
export function findOrganization(state: ServerState, id: string): OrganizationRecord | undefined {
  const alias = /^org_(\d+)$/.exec(id);
  if (alias && state.switches.faults.has('idNotUuid'))
    return state.store.findBySeq(Number(alias[1]));
  return state.store.find(id);
}

/**
 * The organization a call names, when the caller sees it; else 404 (docs/CONTRACT.md § 401,
 * 403, 404): invisible organizations are not found, never 403. `stored` is false only
 * for the `notFoundAs200` fault's made-up organization.
 */
function lookup(
  call: Call,
  state: ServerState,
): { organization: OrganizationRecord; stored: boolean } {
  const { faults } = state.switches;
  const organization = call.id === undefined ? undefined : findOrganization(state, call.id);
  if (organization && visible(organization, scopeOf(call.caller), state)) {
    return { organization, stored: true };
  }
  if (faults.has('notFoundAs200')) {
    const madeUp = {
      id: randomUUID(),
      seq: 0,
      name: 'Unknown',
      partnerId: null,
      owner: false,
      seeded: false,
    };
    return { organization: madeUp, stored: false };
  }
  if (faults.has('nonUuidIdAs500') && call.id !== undefined && !UUID_PATTERN.test(call.id)) {
    throw new ApiError(500, 'Internal server error.', 'internal');
  }
  if (faults.has('notFoundAs403')) throw forbidden('you may not see this organization');
  if (faults.has('notFoundAs500')) throw new ApiError(500, 'Internal server error.', 'internal');
  throw notFound('Organization');
}

/** The `collateralRename` and `collateralDelete` faults: a write outside the request. */
function collateralDamage(state: ServerState): void {
  const { faults } = state.switches;
  const child = state.store.find(state.store.seed.partnerChildId);
  if (!child) return;
  if (faults.has('collateralRename'))
    state.store.update(child.id, { ...child, name: 'renamed by fault' });
  if (faults.has('collateralDelete')) state.store.remove(child.id);
}
