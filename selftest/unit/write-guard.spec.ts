import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ENDPOINTS } from '../../contract/endpoints';
import { SCOPED_RESOURCES, scopedResource } from '../../contract/resources/scoped';
import { type HarnessConfig, parseConfig } from '../../harness/config/env';
import { runPrefix } from '../../harness/config/run';
import { ApiClient, type SendOptions } from '../../harness/http/client';
import { pathFor, randomId } from '../../harness/http/requests';
import {
  claim,
  claimScopedItem,
  claimUser,
  guardWrite,
  noteAnswer,
  userWriteTarget,
  WriteRefused,
  writeGuard,
  writeTarget,
} from '../../harness/judge/write-guard';
import { readList } from '../../harness/safety/snapshot';

/**
 * The write guard on its own: which requests are writes by id, what a snapshot
 * list must be, and which ids a write may go to. (The whole suite against a
 * hostile target is selftest/safety/hostile-writes.spec.ts.)
 */
const OWNER = '9a5a4a4e-1d1f-4c55-9f55-3c0c7f1d2b10';

test('a write by id is any method but GET/HEAD/OPTIONS on /api/organizations/{id}…', () => {
  expect(writeTarget({ method: 'DELETE', path: `/api/organizations/${OWNER}` })).toBe(OWNER);
  expect(writeTarget({ method: 'patch', path: `/api/organizations/${OWNER}?x=1` })).toBe(OWNER);
  expect(writeTarget({ method: 'POST', path: `/api/organizations/${OWNER}/users` })).toBe(OWNER);
  expect(writeTarget({ method: 'GET', path: `/api/organizations/${OWNER}` })).toBeUndefined();
  expect(writeTarget({ method: 'POST', path: '/api/organizations' })).toBeUndefined();
});

test('a user write by id is any write on /api/organizations/{org_id}/users/{id}…', () => {
  const user = '0c7e3a52-5b8e-4d5e-9a43-2b1f0d6c8e11';
  const users = `/api/organizations/${OWNER}/users`;
  for (const [method, path] of [
    ['PUT', `${users}/${user}`],
    ['DELETE', `${users}/${user}`],
    ['POST', `${users}/${user}/keys?force=true`],
  ]) {
    expect(writeTarget({ method, path } as SendOptions)).toBe(OWNER);
    expect(userWriteTarget({ method, path } as SendOptions)).toBe(user);
  }
  expect(userWriteTarget({ method: 'POST', path: users })).toBeUndefined();
  expect(userWriteTarget({ method: 'GET', path: `${users}/${user}` })).toBeUndefined();
});

test('a user is created, changed, removed or given a key only in an organization this run created, and only a user it made', async () => {
  const config = remoteConfig('unit-user-guard-run');
  const org = randomUUID();
  const user = randomUUID();
  claim(config, org, `${runPrefix(config.runId)}users-1`, { mode: 'partner' }, {});
  const named = fakeApi(200, `${runPrefix(config.runId)}users-1`);
  const users = `/api/organizations/${org}/users`;
  const send = (method: string, path: string) =>
    guardWrite(named.api, config, { method, path, mode: 'partner' });

  // A create in the run's organization goes out; in any other, nothing is sent.
  await send('POST', users);
  await expect(send('POST', `/api/organizations/${OWNER}/users`)).rejects.toThrow(
    `${OWNER} is not an organization this run created`,
  );
  // A user no create of this run answered with: refused, whatever the organization.
  for (const [method, path] of [
    ['PUT', `${users}/${user}`],
    ['DELETE', `${users}/${user}`],
    ['POST', `${users}/${user}/keys`],
  ] as const) {
    await expect(send(method, path)).rejects.toThrow(
      `${user} is not a user this run created in ${org}`,
    );
  }
  claimUser(org, user);
  await send('PUT', `${users}/${user}`);
  await send('POST', `${users}/${user}/keys?force=true`);
  await send('DELETE', `${users}/${user}`);
  // The same user under another organization of the run is not that user.
  const other = randomUUID();
  claim(config, other, `${runPrefix(config.runId)}users-2`, { mode: 'partner' }, {});
  await expect(send('DELETE', `/api/organizations/${other}/users/${user}`)).rejects.toThrow(
    WriteRefused,
  );
  // A user the target says is in an organization this run did not create is never taken.
  expect(() => claimUser(OWNER, randomUUID())).toThrow(
    /\[write_guard\][\s\S]*not an organization this run created/,
  );
  // A random user id the harness drew exists nowhere: no look-up of it is needed.
  await send('DELETE', `${users}/${randomId()}`);
});

test('a webhook, role or policy is written only as an organization this run created, and only an item it made', async () => {
  const config = remoteConfig('unit-scoped-guard-run');
  const org = randomUUID();
  claim(config, org, `${runPrefix(config.runId)}scoped-1`, { mode: 'partner' }, {});
  const { api } = fakeApi(200, `${runPrefix(config.runId)}scoped-1`);
  const send = (method: string, path: string, actAs: string, body?: unknown) =>
    guardWrite(api, config, { method, path, mode: 'actingAs', actAs, body });
  const webhook = { endpoint: 'https://example.com/x', secret: 's' };

  for (const { collection, required } of SCOPED_RESOURCES) {
    const body = required === 'endpoint' ? webhook : { name: 'x' };
    // A create as the run's organization goes out; as any other, nothing is sent.
    await send('POST', collection, org, body);
    await expect(send('POST', collection, OWNER, body)).rejects.toThrow(
      `${OWNER} is not an organization this run created`,
    );
    // A body without the required field touches nothing: sent whoever the credential is.
    await send('POST', collection, OWNER, {});
    // An item no create of this run answered with: refused; a made-up one goes out.
    const item = randomUUID();
    await expect(send('PUT', `${collection}/${item}`, org, body)).rejects.toThrow(
      `${item} is not an item this run created`,
    );
    await send('DELETE', `${collection}/${randomId()}`, org);
    claimScopedItem(org, item);
    await send('PUT', `${collection}/${item}`, org, body);
    await send('POST', `${collection}/${item}/disable`, org);
    await send('DELETE', `${collection}/${item}`, org);
    // The run's item, as an organization the run did not make: refused.
    await expect(send('DELETE', `${collection}/${item}`, OWNER)).rejects.toThrow(WriteRefused);
  }
  expect(() => claimScopedItem(OWNER, randomUUID())).toThrow(
    /\[write_guard\][\s\S]*not an organization this run created/,
  );
});

test('a snapshot list is an array of objects with ids, holding a partner’s owner', () => {
  const owner = { id: OWNER };
  const items = [{ id: OWNER, name: 'Owner' }];
  expect(readList('partner key', 200, { data: items }, owner)).toEqual({ items });
  expect(readList('partner key', 200, { data: { items } }, owner)).toEqual({
    problem: `the partner key's list is not a list ("data" is an object, not an array)`,
  });
  expect(readList('partner key', 200, { data: [] }, owner)).toEqual({
    problem: `the partner key's list does not include its owner organization ${OWNER}`,
  });
  expect(readList('partner key', 200, { data: items }, { id: undefined })).toMatchObject({
    problem: expect.stringContaining('owner organization is unknown'),
  });
  expect(readList('partner key', 500, {}, owner)).toEqual({
    problem: `the partner key's list answered HTTP 500`,
  });
  expect(readList('deployment key', 200, { data: [{ name: 'no id' }] })).toMatchObject({
    problem: expect.stringContaining('without a string id'),
  });
  // A bare deployment key: any list it can read, null (nothing to list) included.
  expect(readList('deployment key', 200, { data: null })).toEqual({ items: [] });
});

function remoteConfig(runId: string): HarnessConfig {
  return parseConfig({
    POLYTOMIC_DEPLOYMENT_URL: 'https://deployment.test',
    POLYTOMIC_PARTNER_KEY: 'unit-partner-key',
    POLYTOMIC_ALLOW_WRITES: 'true',
    POLYTOMIC_RUN_ID: runId,
  });
}

/** An ApiClient whose GET of an organization answers `name` with `status`; counts what it was sent. */
function fakeApi(status: number, name?: string) {
  const sent: SendOptions[] = [];
  const api = {
    send: async (options: SendOptions) => {
      sent.push(options);
      return { response: { status, json: name === undefined ? {} : { data: { name } } } };
    },
  } as unknown as ApiClient;
  return { api, sent };
}

test('an update or remove goes only to an id a create of this run answered with, named with its prefix', async () => {
  const config = remoteConfig('unit-guard-run');
  // Not drawn through randomId(): the ids it draws are made up, and never guarded.
  const mine = randomUUID();
  const owner = {};
  claim(config, mine, `${runPrefix(config.runId)}org-1`, { mode: 'partner' }, owner);
  const remove = { method: 'DELETE', path: `/api/organizations/${mine}`, mode: 'partner' as const };

  const named = fakeApi(200, `${runPrefix(config.runId)}org-1`);
  await guardWrite(named.api, config, remove);
  expect(named.sent.map((o) => `${o.method} ${o.path}`)).toEqual([
    `GET /api/organizations/${mine}`,
  ]);

  const renamed = fakeApi(200, 'Customer Org');
  await expect(guardWrite(renamed.api, config, remove)).rejects.toThrow(
    /\[write_guard\]\n\s+Received:.*"Customer Org"/,
  );

  // Not yet removed by this run: a 404 does not vouch for it…
  await expect(guardWrite(fakeApi(404).api, config, remove)).rejects.toThrow(WriteRefused);
  // …after its remove succeeded, it is this run's own doing.
  noteAnswer(remove, 204);
  await guardWrite(fakeApi(404).api, config, remove);

  // A get that says nothing (an HTML page): the list may name it instead.
  const listed = {
    send: async ({ path }: SendOptions) => ({
      response:
        path === '/api/organizations'
          ? { status: 200, json: { data: [{ id: mine, name: `${runPrefix(config.runId)}org-1` }] } }
          : { status: 200, json: undefined },
    }),
  } as unknown as ApiClient;
  await guardWrite(listed, config, { ...remove, method: 'PUT' });

  const stranger = { ...remove, path: `/api/organizations/${OWNER}` };
  await expect(guardWrite(named.api, config, stranger)).rejects.toThrow(
    `${OWNER} is not an organization this run created`,
  );
  // A random id the harness drew is never issued: nothing to harm, no look-up.
  const drawn = fakeApi(200);
  await guardWrite(drawn.api, config, { ...remove, path: `/api/organizations/${randomId()}` });
  expect(drawn.sent).toEqual([]);
});

test('a create answering with an id another create already answered with is refused', () => {
  const config = remoteConfig('unit-claim-run');
  const id = randomUUID();
  const first = {};
  claim(config, id, 'conformance-x-a', { mode: 'partner' }, first);
  // The same test seeing its id again (an idempotent replay): fine.
  claim(config, id, 'conformance-x-a', { mode: 'partner' }, first);
  expect(() => claim(config, id, 'conformance-x-b', { mode: 'partner' }, {})).toThrow(
    /\[write_guard\][\s\S]*another create already answered with/,
  );
});

test('which ids a write names comes from the contract rows’ path templates, every row’s', () => {
  const org = '5d1c0b7e-2a8f-4e3c-9b6d-7f0e1a2b3c4d';
  const user = '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
  const templated = ENDPOINTS.filter((row) => row.path.includes('{'));
  expect(templated.length).toBeGreaterThan(0);
  // A webhook's, role's or policy's path names no organization either: its credential does.
  for (const row of templated.filter((candidate) => !scopedResource(candidate.resource))) {
    const ofUser = row.resource === 'users' || row.resource === 'currentUsers';
    const path = pathFor(row, ofUser ? { org_id: org, id: user } : { id: org });
    // The current organization's paths name no organization: the credential does.
    const organization = row.path.includes('{org_id}') || !ofUser ? org : undefined;
    expect(writeTarget({ method: 'DELETE', path }), row.path).toBe(organization);
    const userId = userWriteTarget({ method: 'DELETE', path });
    expect(userId, row.path).toBe(row.path.includes('/users/{') ? user : undefined);
  }
  // Below a row (a path no row names) is still that row's organization.
  expect(writeTarget({ method: 'POST', path: `/api/organizations/${org}/anything/else` })).toBe(
    org,
  );
});

test('the guard is what the worker hands its client: a refused write is never sent', async () => {
  // Nothing listens on port 9: a request that went out would fail as a transport error.
  const config = parseConfig({
    POLYTOMIC_DEPLOYMENT_URL: 'http://127.0.0.1:9',
    POLYTOMIC_PARTNER_KEY: 'unit-partner-key-Hd62',
    POLYTOMIC_ALLOW_WRITES: 'true',
    POLYTOMIC_API_VERSIONS: '2025-09-18',
    POLYTOMIC_RUN_ID: 'unit-handed-guard-run',
  });
  const guarded = new ApiClient(config, '2025-09-18', writeGuard(config));
  await expect(
    guarded.send({ method: 'DELETE', path: `/api/organizations/${OWNER}`, mode: 'partner' }),
  ).rejects.toThrow(WriteRefused);
  const bare = new ApiClient(config, '2025-09-18');
  await expect(
    bare.send({ method: 'DELETE', path: `/api/organizations/${OWNER}`, mode: 'partner' }),
  ).rejects.not.toThrow(WriteRefused);
});
