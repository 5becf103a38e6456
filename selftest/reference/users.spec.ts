import { randomUUID } from 'node:crypto';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { listsOwnOrganization } from '../../reference/auth';
import { ROLE_IDS_SINCE } from '../../reference/input';
import { AUTH, basic, bearer, type Client, expect, KEYS, test, UUID, withServer } from './fixtures';

// docs/CONTRACT.md § Users and their API keys, for every version: plain HTTP against the
// reference server. Tests on the shared server use partner A's child organization and
// leave its seeded user alone; the ones that remove an organization start their own server.

const usersOf = (organizationId: string) => `/api/organizations/${organizationId}/users`;

interface User {
  id: string;
  email?: string;
  organization_id: string;
  role?: string;
  role_ids?: string[];
}

async function createUser(api: Client, version: string, body: unknown): Promise<User> {
  const reply = await api.call('POST', usersOf(api.seed.partnerChildId), { version, body });
  expect(reply.status, reply.text).toBe(200);
  return reply.json.data;
}

async function issueKey(api: Client, version: string, user: User, query = ''): Promise<string> {
  const path = `${usersOf(user.organization_id)}/${user.id}/keys${query}`;
  const reply = await api.call('POST', path, { version });
  expect(reply.status, reply.text).toBe(200);
  expect(Object.keys(reply.json.data)).toEqual(['value']);
  return reply.json.data.value;
}

/** The error body of a 422 in each version's shape (docs/CONTRACT.md § Schemas, error body). */
function validationError(version: string): unknown {
  if (version >= '2025-09-18')
    return { message: expect.any(String), status: 422, key: 'validation_failed' };
  if (version >= '2024-02-08') return { message: expect.any(String), status: 422 };
  return { error: expect.any(String), status: 'Unprocessable Entity', code: 422, context: {} };
}

for (const version of SUPPORTED_VERSIONS) {
  const roleIds = version >= ROLE_IDS_SINCE;

  test(`${version} · a seeded user is listed and read before any create`, async ({ api }) => {
    const { partnerChildId, apiKeyUserId } = api.seed;
    const listed = await api.call('GET', usersOf(partnerChildId), { version });
    expect(listed.status).toBe(200);
    const seeded = {
      id: apiKeyUserId,
      email: 'api-key-user@example.com',
      organization_id: partnerChildId,
      role: 'admin',
    };
    expect(listed.json.data).toContainEqual(seeded);
    const read = await api.call('GET', `${usersOf(partnerChildId)}/${apiKeyUserId}`, { version });
    expect(read.json).toEqual({ data: seeded });
  });

  const update = version >= '2024-02-08' ? 'PUT' : 'PATCH';
  const other = update === 'PUT' ? 'PATCH' : 'PUT';

  test(`${version} · create, get, list, ${update} and remove round-trip; ${other} is 405`, async ({
    api,
  }) => {
    const body = roleIds
      ? { email: 'round@example.com', role_ids: ['r-1'] }
      : { email: 'round@example.com', role: 'user', role_ids: ['ignored'] };
    const created = await createUser(api, version, body);
    const roles = roleIds ? { role_ids: ['r-1'] } : { role: 'user' };
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      email: 'round@example.com',
      organization_id: api.seed.partnerChildId,
      ...roles,
    });
    const path = `${usersOf(api.seed.partnerChildId)}/${created.id}`;
    expect((await api.call('GET', path, { version })).json.data).toEqual(created);
    const listed = await api.call('GET', usersOf(api.seed.partnerChildId), { version });
    expect(listed.json.data).toContainEqual(created);

    // The update changes roles only (REF-2025): another e-mail sent is left as it was.
    // Neither role nor role_ids: the roles stay (a decision).
    const updated = await api.call(update, path, { version, body: { email: 'moved@example.com' } });
    expect(updated.json.data).toEqual(created);
    const changed = await api.call(update, path, {
      version,
      body: { email: 'moved@example.com', role: 'admin' },
    });
    expect(changed.json.data).toEqual({ ...created, role: 'admin', role_ids: undefined });
    expect((await api.call('GET', path, { version })).json.data).toEqual(changed.json.data);
    expect(
      (await api.call(other, path, { version, body: { email: 'x@example.com' } })).status,
    ).toBe(405);

    // The remove answers the user removed (REF examples, SDK-1.18 UserEnvelope).
    const removed = await api.call('DELETE', path, { version });
    expect([removed.status, removed.json]).toEqual([200, changed.json]);
    for (const method of ['GET', update, 'DELETE']) {
      const body = method === update ? { email: 'gone@example.com' } : undefined;
      expect((await api.call(method, path, { version, body })).status, method).toBe(404);
    }
  });

  test(`${version} · the request schema decides: email required${roleIds ? ', role or role_ids, role_ids not empty' : '; role_ids unknown, ignored'}`, async ({
    api,
  }) => {
    const path = usersOf(api.seed.partnerChildId);
    const refused: unknown[] = [
      {},
      { role: 'admin' },
      { email: '' },
      { email: 42 },
      [],
      'text',
      { email: 'r@example.com', role: 7 },
    ];
    if (roleIds) {
      refused.push({ email: 'both@example.com', role: 'admin', role_ids: ['r-1'] });
      refused.push({ email: 'empty@example.com', role_ids: [] });
      refused.push({ email: 'typed@example.com', role_ids: [1] });
    }
    for (const body of refused) {
      const reply = await api.call('POST', path, { version, body });
      expect([reply.status, reply.json], JSON.stringify(body)).toEqual([
        422,
        validationError(version),
      ]);
    }
    const user = await createUser(api, version, { email: 'valid@example.com' });
    const refusedUpdate = await api.call(update, `${path}/${user.id}`, {
      version,
      body: { role: 'admin' },
    });
    expect([refusedUpdate.status, refusedUpdate.json]).toEqual([422, validationError(version)]);
    if (!roleIds) {
      const ignored = await createUser(api, version, { email: 'old@example.com', role_ids: [] });
      expect(ignored).not.toHaveProperty('role_ids');
    }
  });

  test(`${version} · partner-level keys reach every organization's users; an API key and acting-as their own only`, async ({
    api,
  }) => {
    const { partnerChildId, partnerOwnerId, apiKeyUserId } = api.seed;
    const paths = [usersOf(partnerChildId), `${usersOf(partnerChildId)}/${apiKeyUserId}`];
    for (const path of paths) {
      const as = async (auth: string | null) =>
        (await api.call('GET', path, { version, auth })).status;
      // decision (TF): the API key belongs to partner A's child, and may manage its users.
      expect(await as(AUTH.apiKey), path).toBe(200);
      expect(await as(AUTH.actingAs(partnerChildId)), path).toBe(200);
      expect(await as(AUTH.actingAs(partnerOwnerId)), path).toBe(403);
      expect(await as(bearer(KEYS.deploymentKey)), path).toBe(200);
      expect(await as(AUTH.deployment), path).toBe(200);
      expect(await as(null), path).toBe(401);
    }
    // Another organization's users: never an API key's.
    const owners = usersOf(partnerOwnerId);
    expect((await api.call('GET', owners, { version, auth: AUTH.apiKey })).status).toBe(403);
    const keys = `${usersOf(partnerOwnerId)}/${apiKeyUserId}/keys`;
    expect((await api.call('POST', keys, { version, auth: AUTH.apiKey })).status).toBe(403);
  });

  test(`${version} · another partner's, an unknown and a mismatched organization are 404`, async ({
    api,
  }) => {
    const { otherChildId, otherUserId, partnerChildId, partnerOwnerId, apiKeyUserId } = api.seed;
    const status = async (method: string, path: string, body?: unknown) =>
      (await api.call(method, path, { version, body })).status;
    const email = { email: 'stranger@example.com' };
    for (const organizationId of [otherChildId, randomUUID(), 'not-a-uuid']) {
      expect(await status('GET', usersOf(organizationId))).toBe(404);
      expect(await status('POST', usersOf(organizationId), email)).toBe(404);
      // Lookup comes before validation: a bad body for an unknown organization is 404 too.
      expect(await status('POST', usersOf(organizationId), {})).toBe(404);
    }
    const other = `${usersOf(otherChildId)}/${otherUserId}`;
    expect(await status('GET', other)).toBe(404);
    expect(await status(update, other, email)).toBe(404);
    expect(await status('POST', `${other}/keys`)).toBe(404);
    expect(await status('DELETE', other)).toBe(404);
    // A user asked for under an organization it is not in.
    expect(await status('GET', `${usersOf(partnerOwnerId)}/${apiKeyUserId}`)).toBe(404);
    expect(await status('GET', `${usersOf(partnerChildId)}/${randomUUID()}`)).toBe(404);
    // The other partner sees its own.
    const own = await api.call('GET', other, { version, auth: AUTH.otherPartner });
    expect(own.json.data).toMatchObject({ id: otherUserId, organization_id: otherChildId });
    // Order: no credentials is 401 whatever the organization.
    expect((await api.call('GET', usersOf(randomUUID()), { version, auth: null })).status).toBe(
      401,
    );
  });

  test(`${version} · an issued key is an API key of its user, shown once`, async ({ api }) => {
    const user = await createUser(api, version, { email: 'keyed@example.com' });
    const key = await issueKey(api, version, user);
    const again = await issueKey(api, version, user);
    expect(key).toMatch(/^[\w-]{32,}$/);
    expect(again).not.toBe(key);
    const holder = { version, auth: bearer(key) };
    const me = await api.call('GET', '/api/me', holder);
    expect(me.json.data).toMatchObject({
      is_user: true,
      is_organization: false,
      is_partner: false,
      organization_id: user.organization_id,
      id: user.id,
      email: 'keyed@example.com',
    });
    // The Organization endpoints treat it as the configured API key.
    const list = await api.call('GET', '/api/organizations', holder);
    const configured = await api.call('GET', '/api/organizations', { version, auth: AUTH.apiKey });
    expect([list.status, list.json]).toEqual([configured.status, configured.json]);
    if (listsOwnOrganization({ kind: 'apiKey', organizationId: '' }, version)) {
      expect(list.json.data.map((org: { id: string }) => org.id)).toEqual([user.organization_id]);
    }
    expect(
      (await api.call('GET', `/api/organizations/${user.organization_id}`, holder)).status,
    ).toBe(403);
    // Its own organization's users are its to read (a decision, TF).
    expect((await api.call('GET', usersOf(user.organization_id), holder)).status).toBe(200);
    // Never shown again: not in the user's get or list.
    const path = `${usersOf(user.organization_id)}/${user.id}`;
    for (const reply of [
      await api.call('GET', path, { version }),
      await api.call('GET', usersOf(user.organization_id), { version }),
    ]) {
      expect(reply.text.includes(key) || reply.text.includes(again)).toBe(false);
    }
    // Without force the earlier key stays valid (a decision); force=true revokes both.
    expect((await api.call('GET', '/api/me', holder)).status).toBe(200);
    const forced = await issueKey(api, version, user, '?force=true');
    expect((await api.call('GET', '/api/me', holder)).status).toBe(401);
    expect((await api.call('GET', '/api/me', { version, auth: bearer(again) })).status).toBe(401);
    const forcedHolder = { version, auth: bearer(forced) };
    expect((await api.call('GET', '/api/me', forcedHolder)).status).toBe(200);
    // force=false is no force.
    const unforced = await issueKey(api, version, user, '?force=false');
    expect((await api.call('GET', '/api/me', forcedHolder)).status).toBe(200);
    // A removed user's keys die with it.
    expect((await api.call('DELETE', path, { version })).status).toBe(200);
    for (const value of [forced, unforced]) {
      expect((await api.call('GET', '/api/me', { version, auth: bearer(value) })).status).toBe(401);
    }
    // An issued key is no Basic password.
    const asBasic = basic(user.organization_id, forced);
    expect((await api.call('GET', '/api/me', { version, auth: asBasic })).status).toBe(401);
  });
}

test('removing an organization removes its users and their keys', async () => {
  await withServer({}, async (api) => {
    const organization = await api.create();
    const path = usersOf(organization.id);
    const created = await api.call('POST', path, { body: { email: 'doomed@example.com' } });
    const user: User = created.json.data;
    const key = await issueKey(api, '2025-09-18', user);
    expect((await api.call('GET', '/api/me', { auth: bearer(key) })).status).toBe(200);
    expect((await api.call('DELETE', `/api/organizations/${organization.id}`)).status).toBe(204);
    expect((await api.call('GET', '/api/me', { auth: bearer(key) })).status).toBe(401);
    expect((await api.call('GET', path)).status).toBe(404);
    expect((await api.call('GET', `${path}/${user.id}`)).status).toBe(404);
  });
});

test('the other partner has its own seeded user, and the deployment key sees both', async ({
  api,
}) => {
  const { otherChildId, otherUserId, partnerChildId, apiKeyUserId } = api.seed;
  const other = await api.call('GET', usersOf(otherChildId), { auth: AUTH.otherPartner });
  expect(other.json.data.map((user: User) => user.id)).toEqual([otherUserId]);
  const deployment = { auth: bearer(KEYS.deploymentKey) };
  expect((await api.call('GET', usersOf(otherChildId), deployment)).status).toBe(200);
  const mine = await api.call('GET', usersOf(partnerChildId), deployment);
  expect(mine.json.data.map((user: User) => user.id)).toContain(apiKeyUserId);
});

test("the current organization's users (2025-09-18): an API key's or the one acted as, no other credential, no other version", async ({
  api,
}) => {
  const { partnerChildId, apiKeyUserId } = api.seed;
  const base = '/api/organization/users';
  for (const auth of [AUTH.apiKey, AUTH.actingAs(partnerChildId)]) {
    const listed = await api.call('GET', base, { auth });
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((user: User) => user.id)).toContain(apiKeyUserId);
    const created = await api.call('POST', base, {
      auth,
      body: { email: 'current@example.com', role: 'admin' },
    });
    expect(created.status, created.text).toBe(200);
    const user: User = created.json.data;
    expect(user.organization_id).toBe(partnerChildId);
    const path = `${base}/${user.id}`;
    // Role assignments only: no email in the body, and none changed.
    const updated = await api.call('PUT', path, { auth, body: { role: 'user' } });
    expect(updated.json.data).toEqual({ ...user, role: 'user' });
    expect((await api.call('GET', path, { auth })).json.data).toEqual(updated.json.data);
    const removed = await api.call('DELETE', path, { auth });
    expect([removed.status, removed.json]).toEqual([200, updated.json]);
    expect((await api.call('GET', path, { auth })).status).toBe(404);
  }
  // A user of another organization is not found in this one.
  const other = `${base}/${api.seed.otherUserId}`;
  expect((await api.call('GET', other, { auth: AUTH.apiKey })).status).toBe(404);
  // Neither the partner key nor the deployment key is an organization's credential.
  for (const auth of [AUTH.partner, bearer(KEYS.deploymentKey), AUTH.deployment])
    expect((await api.call('GET', base, { auth })).status).toBe(403);
  expect((await api.call('GET', base, { auth: null })).status).toBe(401);
  expect((await api.call('GET', base, { auth: AUTH.apiKey, version: '2024-02-08' })).status).toBe(
    404,
  );
});
