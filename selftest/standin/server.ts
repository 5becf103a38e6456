import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, type Outcome } from './http';
import { type ItemRoute, Items, itemMethods, itemRoute } from './items';
import { isRead, read } from './reads';

/**
 * A stand-in Polytomic deployment: the partner Organization API, in memory, written
 * from docs/CONTRACT.md and Polytomic's published clients (the `polytomic` SDK's types),
 * independently of the bundled reference server. Wherever the contract documents
 * more than one conforming answer it takes the one the reference server does not:
 * a user's API key, RestErrResponse 401s in 2024-02-08, header-less requests served
 * as 2025-09-18, Bearer and Basic deployment keys, a partial PATCH, a plain-text 405
 * for the other update method, 400 for a non-string name, idempotency in every
 * version, 204 on remove, names sorted before 2025-09-18; and for webhooks, roles and
 * policies 201 on create, 200 with the removed item, a webhook's secret never shown (./items.ts). A run of the suite
 * against it shows which of the harness's expectations rest on one server's choices.
 */

export interface StandinKeys {
  readonly partnerKey: string;
  readonly otherPartnerKey: string;
  /** A user's API key, in the first partner's child organization. */
  readonly apiKey: string;
  readonly deploymentKey: string;
}

export interface Standin {
  readonly url: string;
  readonly keys: StandinKeys;
  /** Every API key issued for a user so far (`POST …/users/{id}/keys`), for the leak checks. */
  readonly issuedKeys: readonly string[];
  /** The organizations made at start, for direct checks. */
  readonly organizations: {
    readonly partnerOwner: string;
    readonly partnerChild: string;
    readonly otherOwner: string;
    readonly otherChild: string;
  };
  close(): Promise<void>;
}

const VERSIONS = ['2022-12-12', '2023-04-25', '2024-02-08', '2025-09-18'] as const;
type Version = (typeof VERSIONS)[number];
const DEFAULT_VERSION: Version = '2025-09-18';
const PATCH_VERSIONS: readonly Version[] = ['2022-12-12', '2023-04-25'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,255}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_BODY = 1024 * 1024;
const SSO_FIELDS = ['issuer', 'sso_domain', 'sso_org_id'] as const;
const WRITE_ONLY = ['client_id', 'client_secret'] as const;
type Field = (typeof SSO_FIELDS)[number] | (typeof WRITE_ONLY)[number];

interface Person {
  readonly id: string;
  readonly organization: string;
  email: string;
  role: string;
  roleIds: string[];
}

interface Org {
  readonly id: string;
  name: string;
  /** The partner account it belongs to; `system` for one a deployment key made. */
  readonly partner: string;
  readonly owner: boolean;
  readonly created: number;
  fields: Partial<Record<Field, string>>;
}

type Caller =
  | { readonly kind: 'partner'; readonly partner: string; readonly tag: string }
  | { readonly kind: 'system'; readonly tag: string }
  | {
      readonly kind: 'user';
      readonly organization: string;
      readonly userId: string;
      readonly email: string;
      readonly tag: string;
    }
  | { readonly kind: 'organization'; readonly organization: string; readonly tag: string };

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** Error bodies by version: RestErrResponse for a 2024-02-08 401, else {message, status}. */
function errorBody(version: Version, status: number, message: string): unknown {
  if (version === '2024-02-08' && status === 401)
    return { error: message, status: STATUS_TEXT[status] ?? 'Error', code: status };
  return { message, status };
}

function key(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('base64url')}`;
}

class Store {
  readonly orgs = new Map<string, Org>();
  private clock = 0;

  add(name: string, partner: string, owner = false): Org {
    const org: Org = { id: randomUUID(), name, partner, owner, created: this.clock++, fields: {} };
    this.orgs.set(org.id, org);
    return org;
  }
}

/** What a caller may see: a partner its own account, a deployment key everything. */
function visible(caller: Caller, org: Org): boolean {
  if (caller.kind === 'system') return true;
  if (caller.kind === 'partner') return org.partner === caller.partner;
  return org.id === caller.organization;
}

function present(org: Org): Record<string, string> {
  // Go-style: unset strings are "", never absent; client_id and client_secret are write-only.
  return {
    id: org.id,
    name: org.name,
    issuer: org.fields.issuer ?? '',
    sso_domain: org.fields.sso_domain ?? '',
    sso_org_id: org.fields.sso_org_id ?? '',
  };
}

export async function start(): Promise<Standin> {
  const store = new Store();
  const partnerA = 'partner-a';
  const partnerB = 'partner-b';
  const ownerA = store.add('Standin Zeta Owner', partnerA, true);
  const childA = store.add('Standin Alpha Child', partnerA);
  const ownerB = store.add('Standin Other Owner', partnerB, true);
  const childB = store.add('Standin Other Child', partnerB);
  const keys: StandinKeys = {
    partnerKey: key('pk'),
    otherPartnerKey: key('pk'),
    apiKey: key('ak'),
    deploymentKey: key('dk'),
  };
  const owners = new Map([
    [partnerA, ownerA.id],
    [partnerB, ownerB.id],
  ]);
  const user = { id: randomUUID(), email: 'standin-user@example.com', organization: childA.id };
  const issuedKeys: string[] = [];
  const bearer = new Map<string, Caller>([
    [keys.partnerKey, { kind: 'partner', partner: partnerA, tag: 'partner-a' }],
    [keys.otherPartnerKey, { kind: 'partner', partner: partnerB, tag: 'partner-b' }],
    [keys.deploymentKey, { kind: 'system', tag: 'system' }],
    [
      keys.apiKey,
      {
        kind: 'user',
        organization: user.organization,
        userId: user.id,
        email: user.email,
        tag: `user-${user.id}`,
      },
    ],
  ]);
  /** Idempotency outcomes per caller and key; `pending` while the first is in flight. */
  const idempotency = new Map<string, Outcome | 'pending'>();
  const items = new Items();

  function authenticate(header: string | undefined): Caller {
    if (header === undefined) throw new HttpError(401, 'missing Authorization header');
    const match = /^(\S+)[ \t]+(\S+)[ \t]*$/.exec(header);
    if (!match) throw new HttpError(401, 'malformed Authorization header');
    const scheme = (match[1] as string).toLowerCase();
    const credential = match[2] as string;
    if (scheme === 'bearer') {
      const caller = bearer.get(credential);
      if (!caller) throw new HttpError(401, 'invalid API key');
      return caller;
    }
    if (scheme !== 'basic') throw new HttpError(401, 'unsupported authorization scheme');
    if (!BASE64.test(credential)) throw new HttpError(401, 'malformed basic credentials');
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new HttpError(401, 'malformed basic credentials');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    // Basic "<deployment key>:" (the hand-written Go client).
    if (password === '') {
      if (username === keys.deploymentKey) return { kind: 'system', tag: 'system' };
      throw new HttpError(401, 'invalid deployment key');
    }
    // Basic "<organization id>:<partner or deployment key>" (the Terraform provider).
    const actor = bearer.get(password);
    if (!actor || (actor.kind !== 'partner' && actor.kind !== 'system'))
      throw new HttpError(401, 'invalid credentials');
    const org = UUID.test(username) ? store.orgs.get(username.toLowerCase()) : undefined;
    if (!org || !visible(actor, org))
      throw new HttpError(403, 'the key may not act as this organization');
    return { kind: 'organization', organization: org.id, tag: `org-${org.id}` };
  }

  function partnerLevel(
    caller: Caller,
  ): asserts caller is Extract<Caller, { kind: 'partner' | 'system' }> {
    if (caller.kind !== 'partner' && caller.kind !== 'system')
      throw new HttpError(403, 'this endpoint requires a partner key');
  }

  function lookup(caller: Caller, rawId: string): Org {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      throw new HttpError(400, 'organization id must be a UUID');
    }
    if (!UUID.test(id)) throw new HttpError(400, 'organization id must be a UUID');
    const org = store.orgs.get(id.toLowerCase());
    if (!org || !visible(caller, org)) throw new HttpError(404, 'organization not found');
    return org;
  }

  function identity(caller: Caller, scheme: string): Record<string, unknown> {
    const flags = {
      is_partner: caller.kind === 'partner',
      is_organization: caller.kind === 'organization',
      is_user: caller.kind === 'user',
      is_system: caller.kind === 'system',
    };
    let organization: Org | undefined;
    if (caller.kind === 'partner') organization = store.orgs.get(owners.get(caller.partner) ?? '');
    else if (caller.kind === 'user' || caller.kind === 'organization')
      organization = store.orgs.get(caller.organization);
    const base = {
      organization_id: organization?.id ?? '',
      organization_name: organization?.name ?? '',
      ...flags,
      // One field no Polytomic client declares: a real server may add one (a warning, not a failure).
      auth_method: scheme,
    };
    if (caller.kind !== 'user') return base;
    // Polytomic's identity example for an API key: a user's key.
    const person = people.get(caller.userId);
    return {
      id: caller.userId,
      email: person?.email ?? caller.email,
      role: person?.role ?? '',
      ...base,
    };
  }

  /** The body of a create or update: a JSON object with a string name. */
  function organizationInput(raw: string): {
    name: string;
    fields: Partial<Record<Field, string>>;
  } {
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new HttpError(400, 'request body must be a JSON object');
    const record = body as Record<string, unknown>;
    if (!('name' in record)) throw new HttpError(422, 'name is required');
    if (typeof record.name !== 'string') throw new HttpError(400, 'name must be a string');
    // Stored as sent: what a write answers is what was written.
    const name = record.name;
    if (name.trim() === '') throw new HttpError(422, 'name must not be empty');
    const fields: Partial<Record<Field, string>> = {};
    for (const field of [...SSO_FIELDS, ...WRITE_ONLY]) {
      const value = record[field];
      if (value === undefined) continue;
      if (value !== null && typeof value !== 'string')
        throw new HttpError(400, `${field} must be a string`);
      fields[field] = value ?? '';
    }
    return { name, fields };
  }

  function assertUnique(partner: string, name: string, except?: string): void {
    for (const org of store.orgs.values())
      if (org.partner === partner && org.id !== except && org.name === name)
        throw new HttpError(409, 'an organization with this name already exists');
  }

  function list(caller: Caller, version: Version): Outcome {
    if (caller.kind === 'user') {
      // Before 2025-09-18, "user-scoped callers receive their current organization" (SDK 1.18).
      if (version === '2025-09-18')
        throw new HttpError(403, 'this endpoint requires a partner key');
      const own = store.orgs.get(caller.organization);
      return { status: 200, body: { data: own ? [present(own)] : [] } };
    }
    partnerLevel(caller);
    const orgs = [...store.orgs.values()].filter((org) => visible(caller, org));
    if (version === '2025-09-18') {
      // The partner's owner organization first, then by creation.
      orgs.sort((a, b) => Number(b.owner) - Number(a.owner) || a.created - b.created);
    } else {
      orgs.sort((a, b) => a.name.localeCompare(b.name) || a.created - b.created);
    }
    return { status: 200, body: { data: orgs.map(present) } };
  }

  function create(caller: Caller, raw: string): Outcome {
    partnerLevel(caller);
    const input = organizationInput(raw);
    const partner = caller.kind === 'partner' ? caller.partner : 'system';
    assertUnique(partner, input.name);
    const org = store.add(input.name, partner);
    org.fields = input.fields;
    return { status: 200, body: { data: present(org) } };
  }

  function update(caller: Caller, rawId: string, raw: string, partial: boolean): Outcome {
    partnerLevel(caller);
    const org = lookup(caller, rawId);
    const input = organizationInput(raw);
    assertUnique(org.partner, input.name, org.id);
    org.name = input.name;
    // PATCH: what is left out keeps its value. PUT: SSO/OIDC settings replaced in full.
    org.fields = partial ? { ...org.fields, ...input.fields } : input.fields;
    return { status: 200, body: { data: present(org) } };
  }

  function remove(caller: Caller, rawId: string): Outcome {
    partnerLevel(caller);
    const org = lookup(caller, rawId);
    if (org.owner)
      throw new HttpError(403, 'partner callers cannot delete their own owner organization');
    store.orgs.delete(org.id);
    items.removeOrganization(org.id);
    for (const person of [...people.values()])
      if (person.organization === org.id) {
        people.delete(person.id);
        revokeKeys(person.id);
      }
    return { status: 204 };
  }

  function current(caller: Caller): Outcome {
    let id: string | undefined;
    if (caller.kind === 'partner') id = owners.get(caller.partner);
    else if (caller.kind === 'user' || caller.kind === 'organization') id = caller.organization;
    const org = id === undefined ? undefined : store.orgs.get(id);
    if (!org) throw new HttpError(404, 'the caller belongs to no organization');
    return { status: 200, body: { data: present(org) } };
  }

  /** Users of the organizations, and the API keys issued to them (SDK 1.18's Users endpoints). */
  const people = new Map<string, Person>([
    [
      user.id,
      {
        id: user.id,
        organization: user.organization,
        email: user.email,
        role: 'admin',
        roleIds: [],
      },
    ],
  ]);

  function presentUser(person: Person): Record<string, unknown> {
    return {
      id: person.id,
      email: person.email,
      organization_id: person.organization,
      role: person.role,
      role_ids: person.roleIds,
    };
  }

  function userInput(
    raw: string,
    partial: Person | undefined,
    rolesOnly = false,
  ): Omit<Person, 'id' | 'organization'> {
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new HttpError(400, 'request body must be a JSON object');
    const { role, role_ids: roleIds } = body as Record<string, unknown>;
    // The current organization's update takes roles alone: the e-mail stays the user's.
    const email = rolesOnly ? partial?.email : (body as Record<string, unknown>).email;
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))
      throw new HttpError(422, 'email is required');
    if (role !== undefined && roleIds !== undefined)
      throw new HttpError(422, 'give role or role_ids, not both');
    if (role !== undefined && typeof role !== 'string')
      throw new HttpError(422, 'role must be a string');
    if (
      roleIds !== undefined &&
      (!Array.isArray(roleIds) ||
        roleIds.length === 0 ||
        roleIds.some((r) => typeof r !== 'string'))
    )
      throw new HttpError(422, 'role_ids must list at least one role id');
    if (role === undefined && roleIds === undefined && partial)
      return { email, role: partial.role, roleIds: partial.roleIds };
    return {
      email,
      role: typeof role === 'string' ? role : roleIds ? '' : 'user',
      roleIds: (roleIds as string[] | undefined) ?? [],
    };
  }

  function revokeKeys(userId: string): void {
    for (const [value, caller] of bearer)
      if (caller.kind === 'user' && caller.userId === userId) bearer.delete(value);
  }

  async function users(req: IncomingMessage, caller: Caller, method: string, path: string) {
    partnerLevel(caller);
    const [, , , rawOrg, , rawUser, keysPart] = path.split('/') as string[];
    const org = lookup(caller, rawOrg as string);
    if (rawUser === undefined) {
      if (method === 'GET') {
        const inOrg = [...people.values()].filter((person) => person.organization === org.id);
        return { status: 200, body: { data: inOrg.map(presentUser) } };
      }
      return idempotent(req, caller, async () => {
        const input = userInput(await readBody(req), undefined);
        const person: Person = { id: randomUUID(), organization: org.id, ...input };
        people.set(person.id, person);
        return { status: 200, body: { data: presentUser(person) } };
      });
    }
    if (!UUID.test(rawUser)) throw new HttpError(400, 'user id must be a UUID');
    const person = people.get(rawUser.toLowerCase());
    if (!person || person.organization !== org.id) throw new HttpError(404, 'user not found');
    if (keysPart !== undefined) {
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      // force=true: "revoke any existing API key for the user before creating a new one".
      if (query.get('force') === 'true') revokeKeys(person.id);
      const value = key('uk');
      issuedKeys.push(value);
      bearer.set(value, {
        kind: 'user',
        organization: org.id,
        userId: person.id,
        email: person.email,
        tag: `user-${person.id}`,
      });
      return { status: 200, body: { data: { value } } };
    }
    if (method === 'GET') return { status: 200, body: { data: presentUser(person) } };
    if (method === 'DELETE') {
      people.delete(person.id);
      revokeKeys(person.id);
      return { status: 200, body: { data: presentUser(person) } };
    }
    const input = userInput(await readBody(req), method === 'PATCH' ? person : undefined);
    // Only the roles change: "Profile information such as name and email address is not
    // affected by this endpoint" (the 2025-09-18 reference).
    Object.assign(person, { role: input.role, roleIds: input.roleIds });
    return { status: 200, body: { data: presentUser(person) } };
  }

  /** `/api/organization/users…` (2025-09-18): an organization's own credential, in it. */
  async function currentUsers(req: IncomingMessage, caller: Caller, method: string, path: string) {
    if (caller.kind !== 'user' && caller.kind !== 'organization')
      throw new HttpError(403, "this endpoint takes a user's API key or an organization's key");
    const org = caller.organization;
    const rawUser = path.split('/')[4];
    if (rawUser === undefined) {
      if (method === 'GET') {
        const inOrg = [...people.values()].filter((person) => person.organization === org);
        return { status: 200, body: { data: inOrg.map(presentUser) } };
      }
      const person: Person = {
        id: randomUUID(),
        organization: org,
        ...userInput(await readBody(req), undefined),
      };
      people.set(person.id, person);
      return { status: 200, body: { data: presentUser(person) } };
    }
    if (!UUID.test(rawUser)) throw new HttpError(400, 'user id must be a UUID');
    const person = people.get(rawUser.toLowerCase());
    if (!person || person.organization !== org) throw new HttpError(404, 'user not found');
    if (method === 'GET') return { status: 200, body: { data: presentUser(person) } };
    if (method === 'DELETE') {
      people.delete(person.id);
      revokeKeys(person.id);
      return { status: 200, body: { data: presentUser(person) } };
    }
    const input = userInput(await readBody(req), person, true);
    Object.assign(person, { role: input.role, roleIds: input.roleIds });
    return { status: 200, body: { data: presentUser(person) } };
  }

  /** Webhooks, roles and policies: in the organization of the caller's own credential. */
  async function organizationItems(
    req: IncomingMessage,
    caller: Caller,
    method: string,
    route: ItemRoute,
  ) {
    if (caller.kind !== 'user' && caller.kind !== 'organization')
      throw new HttpError(403, "this endpoint takes a user's API key or an organization's key");
    const { organization } = caller;
    if (method === 'POST' && route.id === undefined)
      return idempotent(req, caller, async () =>
        items.handle(route, method, organization, await readBody(req)),
      );
    return items.handle(route, method, organization, await readBody(req));
  }

  /** The route's methods, or undefined for a path this version does not have. */
  function methodsOf(path: string, version: Version): string[] | undefined {
    if (path === '/api/me' || isRead(path)) return ['GET'];
    const item = itemRoute(path);
    if (item) return itemMethods(item);
    if (path === '/api/organizations') return ['GET', 'POST'];
    if (path === '/api/organization') return version === '2025-09-18' ? ['GET'] : undefined;
    if (path === '/api/organization/users')
      return version === '2025-09-18' ? ['GET', 'POST'] : undefined;
    if (/^\/api\/organization\/users\/[^/]+$/.test(path))
      return version === '2025-09-18' ? ['GET', 'PUT', 'DELETE'] : undefined;
    const patch = PATCH_VERSIONS.includes(version);
    if (/^\/api\/organizations\/[^/]+$/.test(path))
      return ['GET', patch ? 'PATCH' : 'PUT', 'DELETE'];
    if (/^\/api\/organizations\/[^/]+\/users$/.test(path)) return ['GET', 'POST'];
    // Users: PUT in every version (SDK 1.18), PATCH (partial) as well in the PATCH versions.
    if (/^\/api\/organizations\/[^/]+\/users\/[^/]+$/.test(path))
      return patch ? ['GET', 'PUT', 'PATCH', 'DELETE'] : ['GET', 'PUT', 'DELETE'];
    if (/^\/api\/organizations\/[^/]+\/users\/[^/]+\/keys$/.test(path)) return ['POST'];
    return undefined;
  }

  async function handle(req: IncomingMessage, version: Version): Promise<Outcome> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0] as string;
    const methods = methodsOf(path, version);
    if (!methods) throw new HttpError(404, 'no such route');
    if (!methods.includes(method)) {
      const allow = methods.join(', ');
      // The router's own answer to the other update method: plain text, as net/http does.
      if (method === 'PUT' || method === 'PATCH')
        return { status: 405, text: 'Method Not Allowed\n', headers: { Allow: allow } };
      throw new HttpError(405, 'method not allowed', { Allow: allow });
    }
    const caller = authenticate(req.headers.authorization);
    if (path === '/api/me') {
      const scheme = /^\s*basic\b/i.test(req.headers.authorization ?? '') ? 'basic' : 'bearer';
      return { status: 200, body: { data: identity(caller, scheme) } };
    }
    if (path === '/api/organization') return current(caller);
    if (isRead(path)) {
      if (caller.kind !== 'user' && caller.kind !== 'organization')
        throw new HttpError(403, "this endpoint takes a user's API key or an organization's key");
      return read(path);
    }
    const item = itemRoute(path);
    if (item) return organizationItems(req, caller, method, item);
    if (path.startsWith('/api/organization/users')) return currentUsers(req, caller, method, path);
    if (/^\/api\/organizations\/[^/]+\/users/.test(path)) return users(req, caller, method, path);
    const rawId = path.startsWith('/api/organizations/') ? path.slice(19) : undefined;
    if (rawId === undefined && method === 'GET') return list(caller, version);
    partnerLevel(caller);
    if (rawId !== undefined && method === 'GET')
      return { status: 200, body: { data: present(lookup(caller, rawId)) } };
    if (rawId !== undefined && method === 'DELETE') return remove(caller, rawId);
    if (method === 'POST')
      return idempotent(req, caller, async () => create(caller, await readBody(req)));
    // The update: Idempotency-Key accepted, not required.
    return update(caller, rawId as string, await readBody(req), method === 'PATCH');
  }

  /** Idempotency-Key on POST: the first outcome replayed; 409 while it is in flight. */
  async function idempotent(req: IncomingMessage, caller: Caller, run: () => Promise<Outcome>) {
    const header = req.headers['idempotency-key'];
    if (header === undefined) return run();
    const value = Array.isArray(header) ? header.join(',') : header;
    if (!IDEMPOTENCY_KEY.test(value))
      throw new HttpError(
        400,
        'Idempotency-Key must be 8 to 255 characters of A-Z, a-z, 0-9, - and _',
      );
    const slot = `${caller.tag} ${value}`;
    const earlier = idempotency.get(slot);
    if (earlier === 'pending')
      throw new HttpError(409, 'a request with this Idempotency-Key is in progress');
    if (earlier) return earlier;
    idempotency.set(slot, 'pending');
    let outcome: Outcome;
    try {
      outcome = await run();
    } catch (error) {
      if (!(error instanceof HttpError)) {
        idempotency.delete(slot);
        throw error;
      }
      outcome = { status: error.status, error: error.message, headers: error.headers };
    }
    idempotency.set(slot, outcome);
    return outcome;
  }

  function respond(res: ServerResponse, version: Version, outcome: Outcome): void {
    res.setHeader('X-Polytomic-Version', version);
    for (const [name, value] of Object.entries(outcome.headers ?? {})) res.setHeader(name, value);
    if (outcome.text !== undefined) {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.writeHead(outcome.status).end(outcome.text);
      return;
    }
    const body =
      outcome.error === undefined
        ? outcome.body
        : errorBody(version, outcome.status, outcome.error);
    if (body === undefined) {
      res.writeHead(outcome.status).end();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.writeHead(outcome.status).end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    const requested = req.headers['x-polytomic-version'];
    let version: Version = DEFAULT_VERSION;
    if (requested !== undefined) {
      const value = Array.isArray(requested) ? requested.join(',') : requested;
      if (!(VERSIONS as readonly string[]).includes(value.trim())) {
        req.resume();
        respond(res, DEFAULT_VERSION, {
          status: 400,
          error: `unsupported X-Polytomic-Version; supported: ${VERSIONS.join(', ')}`,
        });
        return;
      }
      version = value.trim() as Version;
    }
    handle(req, version)
      .then((outcome) => respond(res, version, outcome))
      .catch((error: unknown) => {
        req.resume();
        const known = error instanceof HttpError;
        const status = known ? error.status : 500;
        const headers: Record<string, string> = known ? { ...error.headers } : {};
        if (status === 401)
          headers['WWW-Authenticate'] = 'Bearer realm="polytomic", Basic realm="polytomic"';
        respond(res, version, { status, headers, error: known ? error.message : 'internal error' });
      });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    issuedKeys,
    organizations: {
      partnerOwner: ownerA.id,
      partnerChild: childA.id,
      otherOwner: ownerB.id,
      otherChild: childB.id,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
