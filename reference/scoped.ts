import type { Operation } from '../contract/endpoints';
import {
  type ItemAction,
  SCOPED_RESOURCES,
  type ScopedResource,
  type ScopedResourceName,
} from '../contract/resources/scoped';
import { ApiError, invalid, notFound } from './errors';
import {
  type Call,
  findOrganization,
  ok,
  type ResourceOperations,
  type Result,
  type ServerState,
} from './operations';
import { envelope } from './render';
import { bodyErrors } from './request-schemas';
import type { ScopedItem } from './scoped-items';

/**
 * The operations of each resource of contract/resources/scoped.ts, from its description
 * alone (docs/CONTRACT.md § Resources of an organization): every call is in the caller's
 * own organization — an API key's, or the one acted as (auth.ts admits no other mode) —
 * and an item of another organization is 404, as one that does not exist.
 */
export const SCOPED_OPERATIONS: Readonly<Record<ScopedResourceName, ResourceOperations>> =
  Object.fromEntries(
    SCOPED_RESOURCES.map((description) => [description.resource, operationsOf(description)]),
  ) as Record<ScopedResourceName, ResourceOperations>;

function operationsOf(description: ScopedResource): ResourceOperations {
  const { resource } = description;
  const operations: Partial<Record<Operation, (call: Call, state: ServerState) => Result>> = {
    list(call, state) {
      const organizationId = state.switches.faults.has('scopedItemsOfAnyOrganization')
        ? undefined
        : ownOrganization(call, state);
      const items = state.store.scoped.of(resource, organizationId);
      return ok(
        envelope(
          items.map((item) => render(description, item, state)),
          state.switches,
        ),
      );
    },

    create(call, state) {
      const organizationId = ownOrganization(call, state);
      const fields = bodyOf(description, call, state);
      const item = state.store.scoped.create(resource, organizationId, fields);
      return ok(envelope(render(description, item, state), state.switches));
    },

    get(call, state) {
      return ok(
        envelope(render(description, itemOf(description, call, state), state), state.switches),
      );
    },

    update(call, state) {
      const item = itemOf(description, call, state);
      const fields = bodyOf(description, call, state);
      const kept = resource === 'roles' && state.switches.faults.has('roleUpdateNotPersisted');
      const updated = kept ? item : state.store.scoped.update(item, { fields });
      // The fault answers what was sent, but keeps what was there.
      const answered = kept ? { ...item, fields } : updated;
      return ok(envelope(render(description, answered, state), state.switches));
    },

    remove(call, state) {
      state.store.scoped.remove(itemOf(description, call, state).id);
      return { status: 204, body: undefined };
    },
  };
  for (const action of description.actions ?? []) {
    operations[action.operation] = (call, state) => act(description, action, call, state);
  }
  return operations;
}

function act(
  description: ScopedResource,
  action: ItemAction,
  call: Call,
  state: ServerState,
): Result {
  const item = itemOf(description, call, state);
  const ignored =
    state.switches.faults.has('webhookDisableIgnored') && action.operation === 'disable';
  const disabled = ignored ? item.disabled : action.sets.disabled === true;
  const updated = state.store.scoped.update(item, { disabled });
  return ok(envelope(render(description, updated, state), state.switches));
}

/**
 * What a client wrote, checked against the version's request schema (the SDK's type): a
 * body without its required field gets the resource's refusal status; anything else wrong
 * is 422. Only the fields the schema knows are kept.
 */
function bodyOf(
  description: ScopedResource,
  call: Call,
  state: ServerState,
): Record<string, unknown> {
  const errors = bodyErrors(call.version, call.requestSchema, call.body ?? {});
  const missing = errors.find((error) => error.field === description.required);
  if (missing) {
    if (description.resource === 'webhooks' && state.switches.faults.has('webhookRefusalAs500'))
      throw new ApiError(500, 'Internal server error.', 'internal');
    const why = `${description.required} is required.`;
    throw description.refusedStatus === 400 ? new ApiError(400, why, 'bad_request') : invalid(why);
  }
  const [first] = errors;
  if (first) throw invalid(`${first.field ?? 'The body'} ${first.message}.`);
  const body = call.body as Record<string, unknown>;
  const known = Object.keys({ ...description.create, ...description.update });
  return Object.fromEntries(Object.entries(body).filter(([field]) => known.includes(field)));
}

/** The caller's own organization: an API key's, or the one acted as. */
function ownOrganization(call: Call, state: ServerState): string {
  const { caller } = call;
  const id =
    caller.kind === 'apiKey' || caller.kind === 'actingAs' ? caller.organizationId : undefined;
  if (id === undefined || !findOrganization(state, id)) throw notFound('Organization');
  return id;
}

function itemOf(description: ScopedResource, call: Call, state: ServerState): ScopedItem {
  const { faults } = state.switches;
  const organizationId = ownOrganization(call, state);
  const item =
    call.id === undefined ? undefined : state.store.scoped.find(description.resource, call.id);
  const reaches =
    item !== undefined &&
    (item.organizationId === organizationId || faults.has('scopedItemsOfAnyOrganization'));
  if (item && reaches) return item;
  if (description.resource === 'policies' && faults.has('policyNotFoundAs200'))
    return { id: call.id ?? '', organizationId, fields: {}, createdAt: '', disabled: false };
  throw notFound(capitalized(description.noun));
}

/**
 * An item as the SDK types it: its id and organization, the fields written, then what the
 * server adds (a webhook's `disabled` and `created_at`, a role's or policy's `system`).
 */
function render(
  description: ScopedResource,
  item: ScopedItem,
  state: ServerState,
): Record<string, unknown> {
  const base = { id: item.id, organization_id: item.organizationId, ...item.fields };
  if (description.resource !== 'webhooks') return { ...base, system: false };
  const disabled = state.switches.faults.has('webhookDisabledAsString')
    ? String(item.disabled)
    : item.disabled;
  return { ...base, disabled, created_at: item.createdAt };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
