import { BODY_LIMIT_BYTES } from '../../reference/server';
import { expect, test, uniqueName, withServer } from './fixtures';

// The robustness rules: bad input never crashes the server or loses data.

test('malformed JSON is a 400 JSON error', async ({ api }) => {
  for (const raw of ['{"name":', 'not json', '{"name": "a",}', '\u0000']) {
    const reply = await api.call('POST', '/api/organizations', { raw });
    expect(reply.status, raw).toBe(400);
    expect(reply.json.message).toEqual(expect.any(String));
  }
});

test('a body over 1 MiB is a 413 JSON error; one just under is read', async ({ api }) => {
  const padding = (length: number) =>
    `{"name":"${uniqueName()}","sso_org_id":"${'x'.repeat(length)}"}`;
  const over = await api.call('POST', '/api/organizations', { raw: padding(BODY_LIMIT_BYTES) });
  expect(over.status).toBe(413);
  expect(over.json.status).toBe(413);
  const under = await api.call('POST', '/api/organizations', {
    raw: padding(BODY_LIMIT_BYTES - 200),
  });
  expect(under.status).toBe(200);
});

test('an unknown route is a 404 JSON error; a wrong method on a known route is a 405 JSON error', async ({
  api,
}) => {
  for (const path of ['/api/nowhere', '/api/organizations/a/b', '/nowhere']) {
    const reply = await api.call('GET', path);
    expect(reply.status, path).toBe(404);
    expect(reply.json.message, path).toEqual(expect.any(String));
  }
  for (const [method, path] of [
    ['DELETE', '/api/organizations'],
    ['PUT', '/api/organizations'],
    ['POST', '/api/me'],
    ['POST', '/api/organizations/00000000-0000-4000-8000-000000000000'],
    ['DELETE', '/api/organization'],
  ]) {
    const reply = await api.call(method, path, { body: { name: 'x' } });
    expect(reply.status, `${method} ${path}`).toBe(405);
    expect(reply.headers.allow).toBeTruthy();
    expect(reply.json.message).toEqual(expect.any(String));
  }
});

test('HEAD is answered like GET, without a body', async ({ api }) => {
  const reply = await api.call('HEAD', '/api/me');
  expect(reply.status).toBe(200);
  expect(reply.text).toBe('');
  expect(reply.headers['x-polytomic-version']).toBe('2025-09-18');
});

test('other content types and odd bodies are answered, never 5xx', async ({ api }) => {
  const replies = [
    await api.call('POST', '/api/organizations', {
      raw: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
    await api.call('POST', '/api/organizations', {
      raw: 'just text',
      headers: { 'Content-Type': 'text/plain' },
    }),
    await api.call('POST', '/api/organizations', { raw: '' }),
    await api.call('POST', '/api/organizations', { raw: '{"__proto__":{"name":"x"}}' }),
    await api.call('DELETE', '/api/organizations/not-a-uuid', { raw: '' }),
    await api.call('GET', `/api/organizations/${'x'.repeat(4000)}`),
  ];
  expect(replies.map((reply) => reply.status)).toEqual([415, 422, 422, 422, 404, 404]);
  expect((await api.call('GET', '/health')).status).toBe(200);
});

test('20 concurrent updates: the final state is one of them and a get shows it', async ({
  api,
}) => {
  const { id } = await api.create();
  const path = `/api/organizations/${id}`;
  const bodies = Array.from({ length: 20 }, (_, i) => ({
    name: uniqueName(`update ${i}`),
    sso_domain: `d${i}.example.com`,
  }));
  const replies = await Promise.all(bodies.map((body) => api.call('PUT', path, { body })));
  for (const reply of replies) expect(reply.status).toBe(200);
  const final = (await api.call('GET', path)).json.data;
  expect(bodies.map((body) => ({ id, ...body }))).toContainEqual(final);
});

test('20 concurrent creates with distinct names all land', async ({ api }) => {
  const prefix = uniqueName('many');
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      api.call('POST', '/api/organizations', { body: { name: `${prefix} ${i}` } }),
    ),
  );
  expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
  expect(api.server.organizationNames().filter((name) => name.startsWith(prefix))).toHaveLength(20);
});

test('latency delays every response without blocking the others', async () => {
  await withServer({ latencyMs: 300 }, async (api) => {
    const started = Date.now();
    const replies = await Promise.all([
      api.call('GET', '/api/me'),
      api.call('GET', '/api/organizations'),
      api.call('GET', '/api/me', { auth: null }),
      api.call('GET', '/health'),
    ]);
    const elapsed = Date.now() - started;
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 401, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1200);
  });
});
