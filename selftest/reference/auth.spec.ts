import { randomUUID } from 'node:crypto';
import { endpointsFor } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { type Caller, listsOwnOrganization } from '../../reference/auth';
import { AUTH, basic, bearer, type Client, expect, KEYS, test } from './fixtures';

// docs/CONTRACT.md § Auth modes and § 401, 403, 404.

const b64 = (text: string) => Buffer.from(text).toString('base64');

const API_KEY_CALLER: Caller = { kind: 'apiKey', organizationId: '' };

const UNAUTHENTICATED: readonly { name: string; auth: (api: Client) => string | null }[] = [
  { name: 'no Authorization', auth: () => null },
  { name: 'empty bearer token', auth: () => 'Bearer ' },
  { name: 'unknown bearer token', auth: () => bearer('not-a-key') },
  { name: 'unknown scheme', auth: () => `Token ${KEYS.partnerKey}` },
  { name: 'Basic not base64', auth: () => 'Basic !!!not base64!!!' },
  { name: 'Basic without a colon', auth: () => `Basic ${b64(KEYS.deploymentKey)}` },
  {
    name: 'Basic with an unknown key as password',
    auth: (api) => basic(api.seed.partnerChildId, 'nope'),
  },
  { name: 'Basic with an unknown key as user', auth: () => basic('not-a-key', '') },
  { name: 'Basic with the API key', auth: (api) => basic(api.seed.partnerChildId, KEYS.apiKey) },
];

for (const { name, auth } of UNAUTHENTICATED) {
  test(`401 · ${name}`, async ({ api }) => {
    const header = auth(api);
    const reply = await api.call('GET', '/api/me', { auth: header });
    expect(reply.status).toBe(401);
    expect(reply.json.status).toBe(401);
    for (const key of Object.values(KEYS)) expect(reply.text).not.toContain(key);
  });
}

test('unauthenticated requests for a random id are 401, not 404', async ({ api }) => {
  const reply = await api.call('GET', `/api/organizations/${randomUUID()}`, { auth: null });
  expect(reply.status).toBe(401);
});

test('the scheme name is case-insensitive', async ({ api }) => {
  for (const auth of [
    `bearer ${KEYS.partnerKey}`,
    `BEARER ${KEYS.partnerKey}`,
    `basic ${b64(`${KEYS.deploymentKey}:`)}`,
  ]) {
    expect((await api.call('GET', '/api/me', { auth })).status, auth.split(' ')[0]).toBe(200);
  }
});

test('/api/me tells each kind of credential apart', async ({ api }) => {
  const { seed } = api;
  const identity = async (auth: string) => (await api.call('GET', '/api/me', { auth })).json.data;
  const kinds = { is_partner: false, is_organization: false, is_user: false, is_system: false };
  expect(await identity(AUTH.partner)).toMatchObject({
    ...kinds,
    is_partner: true,
    organization_id: seed.partnerOwnerId,
    organization_name: 'Acme Partner (owner)',
  });
  expect(await identity(AUTH.otherPartner)).toMatchObject({
    ...kinds,
    is_partner: true,
    organization_id: seed.otherOwnerId,
  });
  // The API key is a user's key (GUIDE-KEYS; polytomic-go's identity example).
  expect(await identity(AUTH.apiKey)).toMatchObject({
    ...kinds,
    is_user: true,
    organization_id: seed.apiKeyOrganizationId,
    organization_name: 'Acme Child',
    id: seed.apiKeyUserId,
    email: expect.stringMatching(/@example\.com$/),
  });
  expect(await identity(AUTH.deployment)).toMatchObject({
    ...kinds,
    is_system: true,
    organization_id: '',
  });
  // Polytomic's Terraform provider sends the deployment key as Bearer (TF).
  expect(await identity(bearer(KEYS.deploymentKey))).toMatchObject({ ...kinds, is_system: true });
  expect(await identity(AUTH.actingAs(seed.partnerChildId))).toMatchObject({
    ...kinds,
    is_organization: true,
    organization_id: seed.partnerChildId,
  });
  expect(await identity(AUTH.actingAs(seed.otherChildId, KEYS.deploymentKey))).toMatchObject({
    is_organization: true,
    organization_id: seed.otherChildId,
  });
});

test('acting as an organization the key does not reach is 403', async ({ api }) => {
  for (const user of [api.seed.otherChildId, randomUUID(), 'not-an-id']) {
    const reply = await api.call('GET', '/api/me', { auth: AUTH.actingAs(user) });
    expect(reply.status, user).toBe(403);
  }
});

for (const version of SUPPORTED_VERSIONS) {
  test(`${version} · the deployment key is accepted as Bearer and as Basic "<key>:"`, async ({
    api,
  }) => {
    for (const auth of [bearer(KEYS.deploymentKey), AUTH.deployment]) {
      const list = await api.call('GET', '/api/organizations', { version, auth });
      expect(list.status, auth.split(' ')[0]).toBe(200);
      expect(list.json.data.map((org: { id: string }) => org.id)).toContain(api.seed.otherChildId);
    }
  });

  const partnerOnly = endpointsFor(version, 'organizations').filter(
    (row) => !row.allowed.includes('apiKey'),
  );
  for (const row of partnerOnly) {
    // Before 2025-09-18 an API key lists its own organization (organizations.spec.ts).
    const apiKeyAllowed = row.operation === 'list' && listsOwnOrganization(API_KEY_CALLER, version);
    const who = apiKeyAllowed ? 'acting-as' : 'API key and acting-as';
    test(`${version} · ${row.method} ${row.path} · ${who} → 403, even for a random id`, async ({
      api,
    }) => {
      const path = row.path.replace('{id}', randomUUID());
      const callers = [AUTH.actingAs(api.seed.partnerChildId)];
      if (!apiKeyAllowed) callers.push(AUTH.apiKey);
      for (const auth of callers) {
        const reply = await api.call(row.method, path, {
          version,
          auth,
          body: row.hasBody ? { name: 'x' } : undefined,
        });
        expect(reply.status).toBe(403);
        expect(reply.json).toBeDefined();
      }
    });
  }
}

test("a partner cannot see the other partner's organizations: 404, not 403", async ({ api }) => {
  const id = api.seed.otherChildId;
  const path = `/api/organizations/${id}`;
  expect((await api.call('GET', path)).status).toBe(404);
  expect((await api.call('PUT', path, { body: { name: 'taken over' } })).status).toBe(404);
  expect((await api.call('DELETE', path)).status).toBe(404);
  const list = await api.call('GET', '/api/organizations');
  expect(list.json.data.map((org: { id: string }) => org.id)).not.toContain(id);
  expect((await api.call('GET', path, { auth: AUTH.otherPartner })).status).toBe(200);
});

test('the deployment key sees and manages every organization', async ({ api }) => {
  const { seed } = api;
  const list = await api.call('GET', '/api/organizations', { auth: AUTH.deployment });
  const ids = list.json.data.map((org: { id: string }) => org.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      seed.partnerOwnerId,
      seed.partnerChildId,
      seed.otherOwnerId,
      seed.otherChildId,
    ]),
  );
  const created = await api.create({ auth: AUTH.deployment });
  const partnerList = await api.call('GET', '/api/organizations');
  expect(partnerList.json.data.map((org: { id: string }) => org.id)).not.toContain(created.id);
  const byPartner = await api.create();
  const got = await api.call('GET', `/api/organizations/${byPartner.id}`, {
    auth: AUTH.deployment,
  });
  expect(got.json.data).toEqual(byPartner);
  expect(
    (await api.call('DELETE', `/api/organizations/${byPartner.id}`, { auth: AUTH.deployment }))
      .status,
  ).toBe(204);
  expect(
    (await api.call('DELETE', `/api/organizations/${created.id}`, { auth: AUTH.deployment }))
      .status,
  ).toBe(204);
});
