import { randomUUID } from 'node:crypto';
import { HttpError, type Outcome } from './http';

/**
 * An organization's webhooks, permission roles and permission policies, as Polytomic's
 * SDKs type them (`webhooks.*`, `permissions.roles.*`, `permissions.policies.*`: list,
 * create, get, update with PUT, remove, and a webhook's disable and enable). Every call is
 * in the caller's own organization; another organization's item is 404, as one that
 * does not exist. The answers this server picks where the contract allows a choice: a
 * create is 201, a remove 200 with the removed item, a webhook's secret is never shown
 * again, no `created_at` or `system`, and an empty list of policy actions is null (Go's
 * nil slice).
 */

export type ItemKind = 'webhooks' | 'roles' | 'policies';

export interface ItemRoute {
  readonly kind: ItemKind;
  readonly id?: string;
  readonly action?: 'disable' | 'enable';
}

interface PolicyAction {
  readonly action: string;
  readonly role_ids?: readonly string[] | null;
}

interface Item {
  readonly id: string;
  readonly kind: ItemKind;
  readonly organization: string;
  /** A webhook's endpoint and secret, or a role's or policy's name. */
  fields: Record<string, string>;
  policyActions: readonly PolicyAction[];
  disabled: boolean;
}

const COLLECTIONS: Readonly<Record<string, ItemKind>> = {
  webhooks: 'webhooks',
  'permissions/roles': 'roles',
  'permissions/policies': 'policies',
};

/** The item route of a path, or undefined for a path of another resource. */
export function itemRoute(path: string): ItemRoute | undefined {
  const match =
    /^\/api\/(webhooks|permissions\/roles|permissions\/policies)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(
      path,
    );
  if (!match) return undefined;
  const kind = COLLECTIONS[match[1] as string] as ItemKind;
  const [, , id, action] = match;
  if (action === undefined) return { kind, id };
  if (kind === 'webhooks' && (action === 'disable' || action === 'enable'))
    return { kind, id, action };
  return undefined;
}

/** The methods of an item route, the same in every version. */
export function itemMethods(route: ItemRoute): string[] {
  if (route.action) return ['POST'];
  return route.id === undefined ? ['GET', 'POST'] : ['GET', 'PUT', 'DELETE'];
}

export class Items {
  private readonly items = new Map<string, Item>();

  handle(route: ItemRoute, method: string, organization: string, raw: string): Outcome {
    if (route.id === undefined) {
      if (method === 'GET') {
        const own = [...this.items.values()].filter(
          (item) => item.kind === route.kind && item.organization === organization,
        );
        return { status: 200, body: { data: own.map(present) } };
      }
      const item: Item = {
        id: randomUUID(),
        kind: route.kind,
        organization,
        ...input(route.kind, raw, organization),
        disabled: false,
      };
      this.items.set(item.id, item);
      return { status: 201, body: { data: present(item) } };
    }
    const item = this.find(route, organization);
    if (route.action) item.disabled = route.action === 'disable';
    else if (method === 'PUT') Object.assign(item, input(route.kind, raw, organization));
    else if (method === 'DELETE') this.items.delete(item.id);
    return { status: 200, body: { data: present(item) } };
  }

  /** An organization removed takes its items with it. */
  removeOrganization(organization: string): void {
    for (const item of [...this.items.values()])
      if (item.organization === organization) this.items.delete(item.id);
  }

  private find(route: ItemRoute, organization: string): Item {
    const item = this.items.get((route.id ?? '').toLowerCase());
    if (!item || item.kind !== route.kind || item.organization !== organization)
      throw new HttpError(404, `${NOUNS[route.kind]} not found`);
    return item;
  }
}

const NOUNS: Readonly<Record<ItemKind, string>> = {
  webhooks: 'webhook',
  roles: 'role',
  policies: 'policy',
};

/**
 * A create's or update's body (CreateWebhooksSchema, permissions.CreateRoleRequest, …):
 * a webhook's fields it lacks are 422, a role's or policy's 400, the status each
 * resource's description in the contract prefers.
 */
function input(
  kind: ItemKind,
  raw: string,
  organization: string,
): Pick<Item, 'fields' | 'policyActions'> {
  let body: unknown;
  try {
    body = raw.trim() === '' ? undefined : JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'request body must be a JSON object');
  const record = body as Record<string, unknown>;
  const named = record.organization_id;
  // An organization's own credential writes in its organization only.
  if (named !== undefined && named !== null && named !== '' && named !== organization)
    throw new HttpError(403, 'organization_id names another organization');
  const refused = kind === 'webhooks' ? 422 : 400;
  const wanted = kind === 'webhooks' ? ['endpoint', 'secret'] : ['name'];
  const fields: Record<string, string> = {};
  for (const field of wanted) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '')
      throw new HttpError(refused, `${field} is required and must be a non-empty string`);
    fields[field] = value;
  }
  if (kind === 'webhooks' && !/^https?:\/\/\S+$/.test(fields.endpoint as string))
    throw new HttpError(422, 'endpoint must be an http or https URL');
  return { fields, policyActions: kind === 'policies' ? policyActions(record.policy_actions) : [] };
}

function policyActions(value: unknown): PolicyAction[] {
  if (value === undefined || value === null) return [];
  const valid =
    Array.isArray(value) &&
    value.every((entry) => {
      if (entry === null || typeof entry !== 'object') return false;
      const { action, role_ids: roleIds } = entry as Record<string, unknown>;
      return (
        typeof action === 'string' &&
        (roleIds === undefined ||
          roleIds === null ||
          (Array.isArray(roleIds) && roleIds.every((id) => typeof id === 'string')))
      );
    });
  if (!valid) throw new HttpError(400, 'policy_actions must list {action, role_ids} objects');
  return (value as PolicyAction[]).map(({ action, role_ids }) => ({ action, role_ids }));
}

function present(item: Item): Record<string, unknown> {
  const base = { id: item.id, organization_id: item.organization };
  if (item.kind === 'webhooks')
    return { ...base, endpoint: item.fields.endpoint, disabled: item.disabled };
  if (item.kind === 'roles') return { ...base, name: item.fields.name };
  return {
    ...base,
    name: item.fields.name,
    policy_actions: item.policyActions.length > 0 ? item.policyActions : null,
  };
}
