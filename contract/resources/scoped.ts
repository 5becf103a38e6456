import type { AuthMode, EndpointPath, EndpointRow, Operation, SchemaName } from '../endpoint-row';

/**
 * The resources that live inside one organization and have no outside system behind them:
 * webhooks, permission roles and permission policies (docs/CONTRACT.md § Resources of an
 * organization). Each is a collection and its items, described once here; its rows, the
 * reference server's store, the harness's adapter and the lifecycle spec all read this
 * description, so a resource of this shape is an entry below and its schemas, nothing more.
 *
 * Source: SDK-1.18 (`webhooks.*`, `permissions.roles.*`, `permissions.policies.*`: list,
 * create, get, update with PUT, remove; and `webhooks.disable`/`enable`) and SDK-HEAD, the
 * same paths and types in 2025-09-18. Both document them in every version this harness
 * serves, with the same request and response types.
 */
export type ScopedResourceName = 'webhooks' | 'roles' | 'policies';

/** An operation on one item that changes a field and answers the item (`webhooks.disable`). */
export interface ItemAction {
  readonly operation: Extract<Operation, 'enable' | 'disable'>;
  readonly path: EndpointPath;
  /** The fields the answer, and a read after it, must carry. */
  readonly sets: Readonly<Record<string, boolean>>;
}

export interface ScopedResource {
  readonly resource: ScopedResourceName;
  /** What the report calls one item. */
  readonly noun: string;
  readonly collection: EndpointPath;
  readonly item: EndpointPath;
  readonly schemas: {
    readonly list: SchemaName;
    readonly item: SchemaName;
    readonly create: SchemaName;
    readonly update: SchemaName;
  };
  /**
   * The field every create and update must carry (the SDK types it required), and the
   * status a body without it gets: the one SDK-1.18 declares on the resource's writes
   * (webhooks `UnprocessableEntityError`, roles `BadRequestError`). No source says which a
   * missing field gets, so the other is tolerated (a decision).
   */
  readonly required: string;
  readonly refusedStatus: 400 | 422;
  /**
   * A create body and an update body, apart from what the harness fills in (`{n}`: a
   * number unique within the run, so two items are told apart). Only fields the SDK types.
   */
  readonly create: Readonly<Record<string, unknown>>;
  readonly update: Readonly<Record<string, unknown>>;
  /** The fields of a body a read answers as written (a secret is left out: see the webhook). */
  readonly readBack: readonly string[];
  /**
   * Fields whose value is a credential (a webhook's signing secret): the harness draws a
   * fresh random value for each body and masks it in every output, as it does its keys.
   */
  readonly secrets?: readonly string[];
  readonly actions?: readonly ItemAction[];
}

/**
 * Who calls these: the organization's own API key, or a partner or deployment key acting as
 * the organization (Basic `<org id>:<key>`, which every SDK sends for an organization's
 * data). A partner-level key without an organization is not sent here at all, as a
 * decision: SDK-1.18 lets a partner name `organization_id` in a create's body, and no source
 * says what a partner key reaches without it, so a wrongly admitted write could land in an
 * organization this run did not make.
 */
export const SCOPED_ALLOWED: readonly AuthMode[] = ['apiKey', 'actingAs'];
export const SCOPED_NOT_SENT: readonly AuthMode[] = ['partner', 'deployment', 'deploymentBasic'];

export const SCOPED_RESOURCES: readonly ScopedResource[] = [
  {
    resource: 'webhooks',
    noun: 'webhook',
    collection: '/api/webhooks',
    item: '/api/webhooks/{id}',
    schemas: {
      list: 'sdk/WebhookListEnvelope',
      item: 'sdk/WebhookEnvelope',
      create: 'sdk/CreateWebhooksSchema',
      update: 'sdk/UpdateWebhooksSchema',
    },
    required: 'endpoint',
    refusedStatus: 422,
    // RFC 2606: example.com reaches no one's server.
    create: { endpoint: 'https://example.com/conformance/{n}', secret: '' },
    update: { endpoint: 'https://example.com/conformance/{n}/updated', secret: '' },
    readBack: ['endpoint'],
    secrets: ['secret'],
    actions: [
      { operation: 'disable', path: '/api/webhooks/{id}/disable', sets: { disabled: true } },
      { operation: 'enable', path: '/api/webhooks/{id}/enable', sets: { disabled: false } },
    ],
  },
  {
    resource: 'roles',
    noun: 'role',
    collection: '/api/permissions/roles',
    item: '/api/permissions/roles/{id}',
    schemas: {
      list: 'sdk/RoleListResponseEnvelope',
      item: 'sdk/RoleResponseEnvelope',
      create: 'sdk/permissions.CreateRoleRequest',
      update: 'sdk/permissions.UpdateRoleRequest',
    },
    required: 'name',
    refusedStatus: 400,
    create: { name: 'conformance role {n}' },
    update: { name: 'conformance role {n} updated' },
    readBack: ['name'],
  },
  {
    resource: 'policies',
    noun: 'policy',
    collection: '/api/permissions/policies',
    item: '/api/permissions/policies/{id}',
    schemas: {
      list: 'sdk/ListPoliciesResponseEnvelope',
      item: 'sdk/PolicyResponseEnvelope',
      create: 'sdk/permissions.CreatePolicyRequest',
      update: 'sdk/permissions.UpdatePolicyRequest',
    },
    required: 'name',
    refusedStatus: 400,
    create: { name: 'conformance policy {n}', policy_actions: [] },
    update: { name: 'conformance policy {n} updated', policy_actions: [] },
    readBack: ['name'],
  },
];

export function scopedResource(resource: string): ScopedResource | undefined {
  return SCOPED_RESOURCES.find((candidate) => candidate.resource === resource);
}

/** A body of the description with `{n}` filled in. */
export function scopedBody(
  template: Readonly<Record<string, unknown>>,
  n: string,
): Record<string, unknown> {
  return JSON.parse(JSON.stringify(template).replaceAll('{n}', n)) as Record<string, unknown>;
}

const common = {
  allowed: SCOPED_ALLOWED,
  notSent: SCOPED_NOT_SENT,
  deniedStatus: 403,
} as const;

/** The rows of one resource: list, create, get, update (PUT), remove, and its actions. */
function rowsOf(description: ScopedResource): EndpointRow[] {
  const { resource, collection, item, schemas } = description;
  const base = { ...common, resource };
  return [
    {
      ...base,
      operation: 'list',
      method: 'GET',
      path: collection,
      success: [200],
      schema: schemas.list,
      writes: false,
      hasBody: false,
    },
    {
      ...base,
      operation: 'create',
      method: 'POST',
      path: collection,
      success: [200, 201],
      schema: schemas.item,
      requestSchema: schemas.create,
      writes: true,
      hasBody: true,
    },
    {
      ...base,
      operation: 'get',
      method: 'GET',
      path: item,
      success: [200],
      schema: schemas.item,
      writes: false,
      hasBody: false,
    },
    {
      ...base,
      operation: 'update',
      method: 'PUT',
      path: item,
      success: [200],
      schema: schemas.item,
      requestSchema: schemas.update,
      writes: true,
      hasBody: true,
    },
    {
      ...base,
      operation: 'remove',
      method: 'DELETE',
      path: item,
      // The SDKs type no body (`void`): a 200 with one, or a 204, both serve them.
      success: [200, 204],
      schema: null,
      writes: true,
      hasBody: false,
    },
    ...(description.actions ?? []).map(
      (action): EndpointRow => ({
        ...base,
        operation: action.operation,
        method: 'POST',
        path: action.path,
        success: [200],
        schema: schemas.item,
        writes: true,
        hasBody: false,
      }),
    ),
  ];
}

export const SCOPED_ENDPOINTS: readonly EndpointRow[] = SCOPED_RESOURCES.flatMap(rowsOf);
