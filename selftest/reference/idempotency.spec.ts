import { endpoint } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { AUTH, type Client, expect, test, uniqueName, withServer } from './fixtures';

// docs/CONTRACT.md § Idempotency, every version (GUIDE-IDEMPOTENCY is in the 2022-12-12
// doc set too, and GO-2023 sends the header).

const key = () => `selftest_${Math.random().toString(36).slice(2, 14)}`;

async function createWithKey(
  api: Client,
  version: string,
  idempotencyKey: string,
  name = uniqueName(),
) {
  return api.call('POST', '/api/organizations', {
    version,
    body: { name },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

const namesLike = (api: Client, prefix: string) =>
  api.server.organizationNames().filter((name) => name.startsWith(prefix));

for (const version of SUPPORTED_VERSIONS) {
  test(`${version} · a repeated key replays the first outcome and creates nothing more`, async ({
    api,
  }) => {
    const idempotencyKey = key();
    const prefix = uniqueName('idem');
    const first = await createWithKey(api, version, idempotencyKey, `${prefix} a`);
    const again = await createWithKey(api, version, idempotencyKey, `${prefix} b`);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(namesLike(api, prefix)).toEqual([`${prefix} a`]);
  });

  test(`${version} · an error outcome is replayed too`, async ({ api }) => {
    const idempotencyKey = key();
    const bad = await api.call('POST', '/api/organizations', {
      version,
      body: {},
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    expect(bad.status).toBe(422);
    const retried = await createWithKey(api, version, idempotencyKey);
    expect(retried.status).toBe(422);
    expect(retried.json).toEqual(bad.json);
  });

  test(`${version} · a malformed key is 400 and creates nothing`, async ({ api }) => {
    for (const idempotencyKey of [
      'short',
      'has spaces in it',
      'semi;colon;key',
      'x'.repeat(256),
      '',
    ]) {
      const prefix = uniqueName('badkey');
      const reply = await createWithKey(api, version, idempotencyKey, prefix);
      expect(reply.status, JSON.stringify(idempotencyKey)).toBe(400);
      expect(namesLike(api, prefix)).toEqual([]);
    }
    expect((await createWithKey(api, version, 'a'.repeat(255))).status).toBe(200);
    expect((await createWithKey(api, version, 'Ab-_0123')).status).toBe(200);
  });

  test(`${version} · keys belong to one account`, async ({ api }) => {
    const idempotencyKey = key();
    const mine = await createWithKey(api, version, idempotencyKey);
    const theirs = await api.call('POST', '/api/organizations', {
      version,
      auth: AUTH.otherPartner,
      body: { name: uniqueName() },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    expect(theirs.status).toBe(200);
    expect(theirs.json.data.id).not.toBe(mine.json.data.id);
  });

  test(`${version} · 20 concurrent creates with one key make exactly one organization`, async ({
    api,
  }) => {
    const idempotencyKey = key();
    const prefix = uniqueName('burst');
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createWithKey(api, version, idempotencyKey, `${prefix} ${i}`),
      ),
    );
    expect(namesLike(api, prefix)).toHaveLength(1);
    const ids = new Set(replies.filter((r) => r.status === 200).map((r) => r.json.data.id));
    expect(ids.size).toBe(1);
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
  });

  test(`${version} · a request while the first with its key is in flight gets 409`, async () => {
    await withServer({ latencyMs: 400 }, async (api) => {
      const idempotencyKey = key();
      const prefix = uniqueName('inflight');
      const first = createWithKey(api, version, idempotencyKey, `${prefix} 1`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await createWithKey(api, version, idempotencyKey, `${prefix} 2`);
      expect(second.status).toBe(409);
      expect((await first).status).toBe(200);
      const later = await createWithKey(api, version, idempotencyKey, `${prefix} 3`);
      expect(later.json).toEqual((await first).json);
      expect(namesLike(api, prefix)).toEqual([`${prefix} 1`]);
    });
  });

  test(`${version} · the header is accepted on update and remove (SDK-HEAD sends it)`, async ({
    api,
  }) => {
    const { id } = await api.create({ version });
    const path = `/api/organizations/${id}`;
    const headers = { 'Idempotency-Key': key() };
    const method = endpoint(version, 'update').method;
    const name = uniqueName();
    const updated = await api.call(method, path, { version, headers, body: { name } });
    expect(updated.status).toBe(200);
    expect(updated.json.data.name).toBe(name);
    expect((await api.call('DELETE', path, { version, headers })).status).toBe(204);
    expect((await api.call('GET', path, { version })).status).toBe(404);
  });
}
