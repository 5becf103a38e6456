import { LEGACY_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import { CURRENT_VERSION } from '../../reference/versioning';
import { expect, test } from './fixtures';

// CONTRACT.md § The version header.

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

test('a request without the version header is 400 with a JSON error, labelled with the current version', async ({
  api,
}) => {
  const reply = await api.call('GET', '/api/me', { version: null });
  expect(reply.status).toBe(400);
  expect(reply.headers['content-type']).toBe('application/json');
  expect(reply.headers['x-polytomic-version']).toBe(CURRENT_VERSION);
  expect(reply.json).toEqual({
    message: expect.stringContaining('X-Polytomic-Version'),
    status: 400,
    key: 'unsupported_version',
  });
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
