import { LEGACY_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import { startReferenceServer } from '../../reference/server';
import { CURRENT_VERSION, DEFAULT_VERSION } from '../../reference/versioning';
import { AUTH, type CallOptions, expect, test, withServer } from './fixtures';

// docs/CONTRACT.md § The version header (GUIDE-VERSIONING).

for (const version of SUPPORTED_VERSIONS) {
  test(`${version} · every response echoes the requested version`, async ({ api }) => {
    const ok = await api.call('GET', '/api/me', { version });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-polytomic-version']).toBe(version);
    const unauthorized = await api.call('GET', '/api/me', { version, auth: null });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['x-polytomic-version']).toBe(version);
    const unknownRoute = await api.call('GET', '/api/nowhere', { version });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers['x-polytomic-version']).toBe(version);
  });
}

test('a request without the version header is served as the default version, and says so', async ({
  api,
}) => {
  const reply = await api.call('GET', '/api/me', { version: null });
  expect(reply.status).toBe(200);
  expect(reply.headers['x-polytomic-version']).toBe(DEFAULT_VERSION);
  expect(reply.json.data).toMatchObject({ is_partner: true });
  const unauthorized = await api.call('GET', '/api/me', { version: null, auth: null });
  expect(unauthorized.status).toBe(401);
  expect(unauthorized.headers['x-polytomic-version']).toBe(DEFAULT_VERSION);
});

for (const version of SUPPORTED_VERSIONS) {
  test(`with REFERENCE_DEFAULT_VERSION ${version}, a request without the header behaves as ${version}`, async () => {
    await withServer({ defaultVersion: version }, async (api) => {
      const headerless = async (method: string, path: string, options: CallOptions = {}) => {
        const reply = await api.call(method, path, { ...options, version: null });
        const named = await api.call(method, path, { ...options, version });
        expect(reply.headers['x-polytomic-version'], `${method} ${path}`).toBe(version);
        return [
          reply.status,
          named.status,
          Object.keys(reply.json ?? {}),
          Object.keys(named.json ?? {}),
        ];
      };
      const same = (answer: unknown[]) => {
        expect(answer[0]).toBe(answer[1]);
        expect(answer[2]).toEqual(answer[3]);
      };
      same(await headerless('GET', '/api/organizations', { auth: AUTH.apiKey }));
      same(await headerless('GET', '/api/me', { auth: null }));
      same(await headerless('GET', '/api/organization'));
      same(
        await headerless('PATCH', `/api/organizations/${api.seed.partnerChildId}`, { body: {} }),
      );
      same(await headerless('PUT', `/api/organizations/${api.seed.partnerChildId}`, { body: {} }));
    });
  });
}

test('a default version that is not a supported version is refused at start-up', async () => {
  await expect(startReferenceServer({ port: 0, defaultVersion: LEGACY_VERSION })).rejects.toThrow(
    /^The default version must be one of /,
  );
});

for (const version of [
  '2020-01-01',
  LEGACY_VERSION,
  'latest',
  'banana',
  '',
  '2025-09-18, 2024-02-08',
]) {
  test(`version ${JSON.stringify(version)} is 400, labelled with the current version`, async ({
    api,
  }) => {
    const reply = await api.call('GET', '/api/organizations', { version });
    expect(reply.status).toBe(400);
    expect(reply.headers['x-polytomic-version']).toBe(CURRENT_VERSION);
    expect(reply.json.status).toBe(400);
    expect(typeof reply.json.message).toBe('string');
  });
}

test('the version is checked before the route and the credential', async ({ api }) => {
  for (const path of ['/api/organizations', '/api/nowhere?x=1', '/api?x=1']) {
    const reply = await api.call('GET', path, { version: 'banana', auth: null });
    expect(reply.status, path).toBe(400);
  }
});

test('the header name is sent as X-Polytomic-Version', async ({ api }) => {
  const reply = await api.call('GET', '/api/me');
  expect(reply.headerNames).toContain('X-Polytomic-Version');
});

test('GET /health answers without a version or a credential', async ({ api }) => {
  const reply = await api.call('GET', '/health', { version: null, auth: null });
  expect(reply.status).toBe(200);
  expect(reply.json).toEqual({ status: 'ok' });
});
