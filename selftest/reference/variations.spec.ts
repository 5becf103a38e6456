import { randomUUID } from 'node:crypto';
import { endpoint, unroutedUpdateMethod } from '../../contract/endpoints';
import { LEGACY_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import { parseVariations, VARIATION_NAMES, type VariationName } from '../../reference/variations';
import {
  AUTH,
  type Client,
  expect,
  type Organization,
  test,
  UUID,
  uniqueName,
  withServer,
} from './fixtures';

// Tolerated variations: each is visible on the wire, and none breaks the contract.

const VISIBLE: Readonly<Record<VariationName, (api: Client) => Promise<void>>> = {
  async extraFields(api) {
    const created = await api.call('POST', '/api/organizations', { body: { name: uniqueName() } });
    expect(created.json).toHaveProperty('request_id');
    expect(created.json.data).toHaveProperty('created_at');
    expect(created.json.data).toHaveProperty('_links');
    expect((await api.call('GET', '/api/me')).json.data).toHaveProperty('created_at');
    expect((await api.call('GET', `/api/organizations/${randomUUID()}`)).json).toHaveProperty(
      'request_id',
    );
  },
  async charset(api) {
    const ok = await api.call('GET', '/api/me');
    const error = await api.call('GET', '/api/me', { auth: null });
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(error.headers['content-type']).toBe('application/json; charset=utf-8');
  },
  async keyOrder(api) {
    const organization = await api.call('GET', `/api/organizations/${api.seed.partnerChildId}`);
    expect(Object.keys(organization.json.data)).toEqual(['name', 'id']);
    const error = await api.call('GET', `/api/organizations/${randomUUID()}`);
    expect(Object.keys(error.json)).toEqual(['key', 'status', 'message']);
  },
  async headerCase(api) {
    const reply = await api.call('GET', '/api/me');
    expect(reply.headerNames).toContain('x-polytomic-version');
    expect(reply.headerNames).not.toContain('X-Polytomic-Version');
  },
  async emptyOptionals(api) {
    const organization = await api.call('GET', `/api/organizations/${api.seed.partnerChildId}`);
    expect(organization.json.data).toEqual({
      id: api.seed.partnerChildId,
      name: 'Acme Child',
      issuer: '',
      sso_domain: '',
      sso_org_id: null,
    });
  },
  async organizationApiKey(api) {
    const me = await api.call('GET', '/api/me', { auth: AUTH.apiKey });
    expect(me.json.data).toMatchObject({
      is_organization: true,
      is_user: false,
      is_partner: false,
      organization_id: api.seed.apiKeyOrganizationId,
    });
  },
  async legacyDefaultVersion(api) {
    const reply = await api.call('GET', '/api/organizations', { version: null, auth: AUTH.apiKey });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-polytomic-version']).toBe(LEGACY_VERSION);
    // Served with the oldest behaviour: an API key lists its own organization.
    expect(reply.json.data.map((org: Organization) => org.id)).toEqual([
      api.seed.apiKeyOrganizationId,
    ]);
  },
  async plainText405(api) {
    const { id } = await api.create();
    for (const version of SUPPORTED_VERSIONS) {
      const method = unroutedUpdateMethod(version);
      const reply = await api.call(method, `/api/organizations/${id}`, {
        version,
        body: { name: uniqueName() },
      });
      expect(reply.status, version).toBe(405);
      expect(reply.headers['content-type'], version).toMatch(/^text\/plain/);
      expect(reply.text, version).toBe('Method Not Allowed');
      const allow = reply.headers.allow?.split(', ');
      expect(allow, version).toContain(endpoint(version, 'update').method);
      expect(allow, version).not.toContain(method);
      expect(reply.headers['x-polytomic-version'], version).toBe(version);
    }
    // Only the update method: other 405s are still this version's JSON error.
    const other = await api.call('POST', '/api/me');
    expect(other.status).toBe(405);
    expect(other.json.status).toBe(405);
  },
  async nameTypeAs400(api) {
    for (const name of [42, null]) {
      const reply = await api.call('POST', '/api/organizations', { body: { name } });
      expect(reply.status, JSON.stringify(name)).toBe(400);
    }
    expect((await api.call('POST', '/api/organizations', { body: {} })).status).toBe(422);
    expect((await api.call('POST', '/api/organizations', { body: { name: '' } })).status).toBe(422);
  },
  async patchClearsOmitted(api) {
    const version = SUPPORTED_VERSIONS.find((v) => endpoint(v, 'update').method === 'PATCH');
    const { id } = await api.create({
      version,
      body: { name: uniqueName(), sso_domain: 'a.example' },
    });
    const name = uniqueName();
    const patched = await api.call('PATCH', `/api/organizations/${id}`, {
      version,
      body: { name },
    });
    expect(patched.json.data).toEqual({ id, name });
  },
  async apiError401In2024(api) {
    const version = '2024-02-08';
    const reply = await api.call('GET', '/api/me', { version, auth: null });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ message: expect.any(String), status: 401 });
  },
};

test('every variation has a visibility test', () => {
  expect(Object.keys(VISIBLE).sort()).toEqual([...VARIATION_NAMES].sort());
});

for (const variation of VARIATION_NAMES) {
  test(`${variation} · visible in responses`, async () => {
    await withServer({ variations: [variation] }, VISIBLE[variation]);
  });
}

test('with every variation on, the contract still holds', async () => {
  await withServer({ variations: VARIATION_NAMES }, async (api) => {
    const name = uniqueName();
    const created = await api.call('POST', '/api/organizations', { body: { name } });
    expect(created.status).toBe(200);
    expect(created.json.data).toMatchObject({ id: expect.stringMatching(UUID), name });
    expect(created.headers['x-polytomic-version']).toBe('2025-09-18');
    const headerless = await api.call('GET', '/api/me', { version: null });
    expect(headerless.status).toBe(200);
    expect([...SUPPORTED_VERSIONS, LEGACY_VERSION]).toContain(
      headerless.headers['x-polytomic-version'],
    );
    const list = await api.call('GET', '/api/organizations');
    expect(list.json.data[0].id).toBe(api.seed.partnerOwnerId);
    expect((await api.call('GET', `/api/organizations/${randomUUID()}`)).status).toBe(404);
    expect((await api.call('GET', '/api/organizations', { auth: AUTH.apiKey })).status).toBe(403);
    expect((await api.call('GET', '/api/me', { auth: null })).json.status).toBe(401);
    expect(created.text).not.toContain('client_secret');
  });
});

test('parseVariations names REFERENCE_VARIATIONS on a bad name', () => {
  expect(parseVariations('charset, keyOrder')).toEqual(['charset', 'keyOrder']);
  expect(() => parseVariations('loud')).toThrow(
    /^REFERENCE_VARIATIONS names unknown variation loud; valid names: /,
  );
});
