import { randomUUID } from 'node:crypto';
import { INTERNAL_DETAIL_PATTERNS } from '../../contract/decisions';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { bearer, expect, KEYS, type Reply, test } from './fixtures';

// docs/CONTRACT.md § Schemas, error bodies: the shapes of each version, status equal to the HTTP status.

const SHAPES: Readonly<Record<string, (reply: Reply) => unknown>> = {
  '2022-12-12': older,
  '2023-04-25': older,
  // SDK-1.18 and GO-2024 type a 401 as RestErrResponse; the other statuses are messages.
  '2024-02-08': (reply) =>
    reply.status === 401 ? older(reply) : { message: expect.any(String), status: reply.status },
  '2025-09-18': (reply) => ({
    message: expect.any(String),
    status: reply.status,
    key: expect.any(String),
  }),
};

/** RestErrResponse: {code?, context?, error?, status?: string} (SDK-1.18). */
function older(reply: Reply): unknown {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    422: 'Unprocessable Entity',
  };
  return {
    error: expect.any(String),
    status: reasons[reply.status],
    code: reply.status,
    context: {},
  };
}

test('every supported version has an error shape here', () => {
  expect(Object.keys(SHAPES).sort()).toEqual([...SUPPORTED_VERSIONS].sort());
});

for (const version of SUPPORTED_VERSIONS) {
  test(`${version} · every error status has this version's body, JSON and the version header`, async ({
    api,
  }) => {
    const name = (await api.create({ version })).name;
    const replies: Reply[] = [
      await api.call('POST', '/api/organizations', { version, raw: '{"name":' }),
      await api.call('GET', '/api/me', { version, auth: bearer('wrong-key') }),
      await api.call('GET', `/api/organizations/${randomUUID()}`, {
        version,
        auth: bearer(KEYS.apiKey),
      }),
      await api.call('GET', `/api/organizations/${randomUUID()}`, { version }),
      await api.call('POST', '/api/me', { version }),
      await api.call('POST', '/api/organizations', { version, body: { name } }),
      await api.call('POST', '/api/organizations', {
        version,
        raw: `{"name":"${'x'.repeat(1024 * 1024)}"}`,
      }),
      await api.call('POST', '/api/organizations', { version, body: {} }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([400, 401, 403, 404, 405, 409, 413, 422]);
    for (const reply of replies) {
      expect(reply.json, `${reply.status}`).toEqual(SHAPES[version]?.(reply));
      expect(reply.headers['content-type']).toBe('application/json');
      expect(reply.headers['x-polytomic-version']).toBe(version);
    }
  });
}

test('no error body shows internals or the credential that was sent', async ({ api }) => {
  const sent = bearer('sk-live-very-secret-value');
  const replies = [
    await api.call('GET', '/api/me', { auth: sent }),
    await api.call('POST', '/api/organizations', {
      raw: "SELECT * FROM organizations WHERE 1=1; '",
    }),
    await api.call('GET', '/api/organizations/%00%ff', { auth: sent }),
    await api.call('GET', '/api/me', {
      auth: `Basic ${Buffer.from(`x:${KEYS.partnerKey}`).toString('base64')}`,
    }),
  ];
  for (const reply of replies) {
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    for (const pattern of INTERNAL_DETAIL_PATTERNS) expect(reply.text).not.toMatch(pattern);
    expect(reply.text).not.toContain('very-secret');
    for (const key of Object.values(KEYS)) expect(reply.text).not.toContain(key);
  }
});
