import { randomUUID } from 'node:crypto';
import { parseVariations, VARIATION_NAMES, type VariationName } from '../../reference/variations';
import { AUTH, type Client, expect, test, UUID, uniqueName, withServer } from './fixtures';

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
