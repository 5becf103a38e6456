import { randomUUID } from 'node:crypto';
import { endpoint, unroutedUpdateMethod } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS, versionRow } from '../../contract/versions';
import { listsOwnOrganization } from '../../reference/auth';
import { AUTH, expect, test, UUID, uniqueName, withServer } from './fixtures';

// docs/CONTRACT.md § Organizations and § Schemas, for every version.

const SSO = {
  issuer: 'https://idp.example.com/',
  sso_domain: 'example.com',
  sso_org_id: 'org_01H',
  client_id: 'client-1',
  client_secret: 'secret-1',
};

for (const version of SUPPORTED_VERSIONS) {
  const update = endpoint(version, 'update').method;
  const listsOwn = listsOwnOrganization({ kind: 'apiKey', organizationId: '' }, version);
  const ids = (data: { id: string }[]) => data.map((org) => org.id);

  test(`${version} · a partner lists its own organizations only`, async ({ api }) => {
    const { seed } = api;
    const reply = await api.call('GET', '/api/organizations', { version });
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.json.data)).toBe(true);
    expect(ids(reply.json.data)).toEqual(
      expect.arrayContaining([seed.partnerOwnerId, seed.partnerChildId]),
    );
    expect(ids(reply.json.data)).not.toContain(seed.otherOwnerId);
    expect(ids(reply.json.data)).not.toContain(seed.otherChildId);
    if (versionRow(version).ownerFirstInList)
      expect(reply.json.data[0].id).toBe(seed.partnerOwnerId);
  });

  test(`${version} · create, get, list, ${update} and remove round-trip`, async ({ api }) => {
    const name = uniqueName();
    const created = await api.call('POST', '/api/organizations', {
      version,
      body: { name, ...SSO },
    });
    expect(created.status).toBe(200);
    const { client_id: _id, client_secret: _secret, ...visible } = SSO;
    expect(created.json).toEqual({ data: { id: expect.stringMatching(UUID), name, ...visible } });
    expect(created.text).not.toContain('client_secret');
    const path = `/api/organizations/${created.json.data.id}`;
    expect((await api.call('GET', path, { version })).json).toEqual(created.json);
    const listed = await api.call('GET', '/api/organizations', { version });
    expect(listed.json.data).toContainEqual(created.json.data);

    // PUT replaces the SSO/OIDC settings in full (REF-2025): omitted fields become
    // absent. PATCH is a partial update: omitted fields keep their value.
    const renamed = uniqueName();
    const updated = await api.call(update, path, { version, body: { name: renamed } });
    expect(updated.status).toBe(200);
    const kept = update === 'PATCH' ? visible : {};
    expect(updated.json).toEqual({ data: { id: created.json.data.id, name: renamed, ...kept } });
    expect((await api.call('GET', path, { version })).json).toEqual(updated.json);

    const removed = await api.call('DELETE', path, { version });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    for (const method of ['GET', update, 'DELETE']) {
      const gone = await api.call(method, path, {
        version,
        body: method === update ? { name } : undefined,
      });
      expect(gone.status, method).toBe(404);
    }
  });

  test(`${version} · ${update} with a field sent as null or "" clears it, and keeps what it leaves out`, async ({
    api,
  }) => {
    const { client_id: _id, client_secret: _secret, ...visible } = SSO;
    const organization = await api.create({ version, body: { name: uniqueName(), ...SSO } });
    const path = `/api/organizations/${organization.id}`;
    const body = { name: organization.name, issuer: null, sso_domain: '' };
    const updated = await api.call(update, path, { version, body });
    expect(updated.status).toBe(200);
    const kept = update === 'PATCH' ? { sso_org_id: visible.sso_org_id } : {};
    expect(updated.json.data).toEqual({ id: organization.id, name: organization.name, ...kept });
    expect((await api.call('GET', path, { version })).json.data).toEqual(updated.json.data);
  });

  test(`${version} · an API key lists ${listsOwn ? 'its own organization only' : 'nothing: 403'}`, async ({
    api,
  }) => {
    const reply = await api.call('GET', '/api/organizations', { version, auth: AUTH.apiKey });
    if (!listsOwn) {
      expect(reply.status).toBe(403);
      return;
    }
    expect(reply.status).toBe(200);
    expect(reply.json.data).toEqual([{ id: api.seed.apiKeyOrganizationId, name: 'Acme Child' }]);
    const acting = await api.call('GET', '/api/organizations', {
      version,
      auth: AUTH.actingAs(api.seed.partnerChildId),
    });
    expect(acting.status).toBe(403);
  });

  test(`${version} · ${unroutedUpdateMethod(version)} is not routed: 405 and nothing changes`, async ({
    api,
  }) => {
    const organization = await api.create({ version });
    const path = `/api/organizations/${organization.id}`;
    const reply = await api.call(unroutedUpdateMethod(version), path, {
      version,
      body: { name: uniqueName() },
    });
    expect(reply.status).toBe(405);
    expect(reply.json).toBeDefined();
    expect((await api.call('GET', path, { version })).json.data).toEqual(organization);
  });

  test(`${version} · a partner cannot delete its own owner organization`, async ({ api }) => {
    const path = `/api/organizations/${api.seed.partnerOwnerId}`;
    expect((await api.call('DELETE', path, { version })).status).toBe(403);
    expect((await api.call('GET', path, { version })).status).toBe(200);
  });

  test(`${version} · names are unique within a partner account, case-sensitively`, async ({
    api,
  }) => {
    const name = uniqueName();
    const first = await api.create({ version, name });
    const duplicate = await api.call('POST', '/api/organizations', { version, body: { name } });
    expect(duplicate.status).toBe(409);
    await api.create({ version, name: name.toUpperCase() });
    await api.create({ version, name, auth: AUTH.otherPartner });
    const other = await api.create({ version });
    const path = `/api/organizations/${other.id}`;
    expect((await api.call(update, path, { version, body: { name } })).status).toBe(409);
    expect(
      (await api.call(update, `/api/organizations/${first.id}`, { version, body: { name } }))
        .status,
    ).toBe(200);
  });

  test(`${version} · a body without a string name is 422`, async ({ api }) => {
    const target = await api.create({ version });
    for (const body of [
      {},
      { name: '' },
      { name: 42 },
      { name: ['a'] },
      [],
      'name',
      { name: 'x', issuer: 7 },
    ]) {
      const created = await api.call('POST', '/api/organizations', { version, body });
      expect(created.status, JSON.stringify(body)).toBe(422);
      const updated = await api.call(update, `/api/organizations/${target.id}`, { version, body });
      expect(updated.status, JSON.stringify(body)).toBe(422);
    }
  });

  test(`${version} · a random UUID or a non-UUID id is 404`, async ({ api }) => {
    for (const id of [randomUUID(), 'not-a-uuid', '12345', '%20']) {
      for (const method of ['GET', update, 'DELETE']) {
        const reply = await api.call(method, `/api/organizations/${id}`, {
          version,
          body: method === update ? { name: 'x' } : undefined,
        });
        expect(reply.status, `${method} ${id}`).toBe(404);
      }
    }
  });

  test(`${version} · /api/organization answers for the caller's organization`, async ({ api }) => {
    const { seed } = api;
    const current = (auth: string) => api.call('GET', '/api/organization', { version, auth });
    if (version < '2025-09-18') {
      expect((await current(AUTH.apiKey)).status).toBe(404);
      return;
    }
    expect((await current(AUTH.apiKey)).json.data.id).toBe(seed.apiKeyOrganizationId);
    expect((await current(AUTH.partner)).json.data.id).toBe(seed.partnerOwnerId);
    expect((await current(AUTH.otherPartner)).json.data.id).toBe(seed.otherOwnerId);
    expect((await current(AUTH.actingAs(seed.otherChildId))).status).toBe(403);
    expect((await current(AUTH.actingAs(seed.partnerChildId))).json.data.id).toBe(
      seed.partnerChildId,
    );
    // decision: a bare deployment key is not judged on this endpoint; we answer 404.
    expect((await current(AUTH.deployment)).status).toBe(404);
  });
}

test('the deployment key may delete an owner organization; the partner still may not', async () => {
  await withServer({}, async (api) => {
    const path = `/api/organizations/${api.seed.otherOwnerId}`;
    expect((await api.call('DELETE', path, { auth: AUTH.otherPartner })).status).toBe(403);
    expect((await api.call('DELETE', path, { auth: AUTH.deployment })).status).toBe(204);
  });
});

test('the API key stops working when its organization is removed', async () => {
  await withServer({}, async (api) => {
    expect((await api.call('GET', '/api/me', { auth: AUTH.apiKey })).status).toBe(200);
    expect((await api.call('DELETE', `/api/organizations/${api.seed.partnerChildId}`)).status).toBe(
      204,
    );
    expect((await api.call('GET', '/api/me', { auth: AUTH.apiKey })).status).toBe(401);
  });
});

test('organizationNames() lists what is stored', async () => {
  await withServer({}, async (api) => {
    const created = await api.create();
    expect(api.server.organizationNames()).toEqual([
      'Acme Partner (owner)',
      'Acme Child',
      'Globex Partner (owner)',
      'Globex Child',
      created.name,
    ]);
  });
});
