import { randomUUID } from 'node:crypto';
import type { FaultCase } from './fault-cases';
import { AUTH, bearer, type Client, KEYS } from './fixtures';

/**
 * One row per Users fault (docs/CONTRACT.md § Users and their API keys), in the shape of
 * fault-cases.ts: what the server does, clean and with the fault on. Each observation runs on a
 * fresh server in 2025-09-18, where the Users rules are documented.
 */
const usersOf = (organizationId: string) => `/api/organizations/${organizationId}/users`;

/** A new user of partner A's child organization; fails unless it is 200. */
async function newUser(api: Client, body: unknown = { email: 'new-user@example.com' }) {
  const reply = await api.call('POST', usersOf(api.seed.partnerChildId), { body });
  if (reply.status !== 200) throw new Error(`user create answered ${reply.status}: ${reply.text}`);
  return reply.json.data as { id: string; email: string };
}

async function issueKey(api: Client, userId: string, query = ''): Promise<string> {
  const path = `${usersOf(api.seed.partnerChildId)}/${userId}/keys${query}`;
  const reply = await api.call('POST', path);
  if (reply.status !== 200) throw new Error(`key issue answered ${reply.status}: ${reply.text}`);
  return reply.json.data.value;
}

const meStatus = async (api: Client, key: string) =>
  (await api.call('GET', '/api/me', { auth: bearer(key) })).status;

/** The status of a user create with this body. */
const createStatus = async (api: Client, body: unknown) =>
  (await api.call('POST', usersOf(api.seed.partnerChildId), { body })).status;

export const USER_FAULT_CASES: readonly FaultCase[] = [
  {
    fault: 'userVisibleAcrossPartners',
    observe: async (api) => {
      const { otherChildId, otherUserId } = api.seed;
      const list = await api.call('GET', usersOf(otherChildId));
      const get = await api.call('GET', `${usersOf(otherChildId)}/${otherUserId}`);
      return [list.status, get.status];
    },
    clean: [404, 404],
    faulty: [200, 200],
  },
  {
    fault: 'keyShownAgain',
    observe: async (api) => {
      const user = await newUser(api);
      const key = await issueKey(api, user.id);
      const get = await api.call('GET', `${usersOf(api.seed.partnerChildId)}/${user.id}`);
      const list = await api.call('GET', usersOf(api.seed.partnerChildId));
      return [get.text.includes(key), list.text.includes(key)];
    },
    clean: [false, false],
    faulty: [true, true],
  },
  {
    fault: 'forceNotRevoking',
    observe: async (api) => {
      const user = await newUser(api);
      const first = await issueKey(api, user.id);
      const second = await issueKey(api, user.id, '?force=true');
      return [await meStatus(api, first), await meStatus(api, second)];
    },
    clean: [401, 200],
    faulty: [200, 200],
  },
  {
    fault: 'roleAndRoleIdsAccepted',
    observe: async (api) =>
      createStatus(api, { email: 'both@example.com', role: 'admin', role_ids: ['r1'] }),
    clean: 422,
    faulty: 200,
  },
  {
    fault: 'emptyRoleIdsAccepted',
    observe: async (api) => createStatus(api, { email: 'none@example.com', role_ids: [] }),
    clean: 422,
    faulty: 200,
  },
  {
    fault: 'missingEmailAccepted',
    observe: async (api) => [
      await createStatus(api, { role: 'admin' }),
      await createStatus(api, { email: 42 }),
    ],
    clean: [422, 422],
    faulty: [200, 200],
  },
  {
    fault: 'apiKeyAllowedOnUsers',
    observe: async (api) => {
      const { partnerChildId, partnerOwnerId } = api.seed;
      // The API key is the child's: the owner organization's users are not its own.
      const owners = usersOf(partnerOwnerId);
      return [
        (await api.call('GET', owners, { auth: AUTH.apiKey })).status,
        (await api.call('GET', owners, { auth: AUTH.actingAs(partnerChildId) })).status,
        // The Organization endpoints keep their scope: the fault is the Users endpoints'.
        (await api.call('GET', `/api/organizations/${partnerChildId}`, { auth: AUTH.apiKey }))
          .status,
      ];
    },
    clean: [403, 403, 403],
    faulty: [200, 200, 403],
  },
  {
    fault: 'ownOrganizationUsersRefused',
    observe: async (api) => {
      const path = usersOf(api.seed.partnerChildId);
      return [
        (await api.call('GET', path, { auth: AUTH.apiKey })).status,
        (await api.call('GET', path, { auth: AUTH.actingAs(api.seed.partnerChildId) })).status,
      ];
    },
    clean: [200, 200],
    faulty: [403, 403],
  },
  {
    fault: 'userUpdateChangesEmail',
    observe: async (api) => {
      const user = await newUser(api);
      const path = `${usersOf(api.seed.partnerChildId)}/${user.id}`;
      const body = { email: 'renamed@example.com', role: 'user' };
      const updated = await api.call('PUT', path, { body });
      const read = await api.call('GET', path);
      return [updated.json.data.email, read.json.data.email];
    },
    clean: ['new-user@example.com', 'new-user@example.com'],
    faulty: ['renamed@example.com', 'renamed@example.com'],
  },
  {
    fault: 'userRemoveBodiless',
    observe: async (api) => {
      const user = await newUser(api);
      const removed = await api.call('DELETE', `${usersOf(api.seed.partnerChildId)}/${user.id}`);
      return [removed.status, removed.text === ''];
    },
    clean: [200, false],
    faulty: [204, true],
  },
  {
    fault: 'userPutOnlyBefore2024',
    observe: async (api) => {
      const user = await newUser(api);
      const path = `${usersOf(api.seed.partnerChildId)}/${user.id}`;
      const body = { email: user.email, role: 'user' };
      const version = '2023-04-25';
      return [
        (await api.call('PATCH', path, { version, body })).status,
        (await api.call('PUT', path, { version, body })).status,
      ];
    },
    clean: [200, 405],
    faulty: [405, 200],
  },
  {
    fault: 'currentUsersOfOwner',
    observe: async (api) => {
      const body = { email: 'current@example.com' };
      const created = await api.call('POST', '/api/organization/users', {
        auth: AUTH.apiKey,
        body,
      });
      return [created.status, created.json.data.organization_id === api.seed.partnerChildId];
    },
    clean: [200, true],
    faulty: [200, false],
  },
  {
    fault: 'removedUserKeyWorks',
    observe: async (api) => {
      const user = await newUser(api);
      const key = await issueKey(api, user.id);
      await api.call('DELETE', `${usersOf(api.seed.partnerChildId)}/${user.id}`);
      return meStatus(api, key);
    },
    clean: 401,
    faulty: 200,
  },
  {
    fault: 'userNotListed',
    observe: async (api) => {
      const user = await newUser(api);
      const list = await api.call('GET', usersOf(api.seed.partnerChildId));
      return [
        list.status,
        list.json.data.some((listed: { id: string }) => listed.id === user.id),
        list.json.data.some((listed: { id: string }) => listed.id === api.seed.apiKeyUserId),
      ];
    },
    clean: [200, true, true],
    faulty: [200, false, true],
  },
  {
    fault: 'userUpdateNotPersisted',
    observe: async (api) => {
      const user = await newUser(api, { email: 'new-user@example.com', role: 'admin' });
      const path = `${usersOf(api.seed.partnerChildId)}/${user.id}`;
      const body = { email: user.email, role: 'user' };
      const updated = await api.call('PUT', path, { body });
      const read = await api.call('GET', path);
      return [updated.json.data.role, read.json.data.role];
    },
    clean: ['user', 'user'],
    faulty: ['user', 'admin'],
  },
  {
    fault: 'unknownOrganizationUsersListed',
    observe: async (api) => {
      const reply = await api.call('GET', usersOf(randomUUID()));
      return [reply.status, reply.json.data ?? null];
    },
    clean: [404, null],
    faulty: [200, []],
  },
  {
    fault: 'issuedKeyNotUsers',
    observe: async (api) => {
      const user = await newUser(api);
      const key = await issueKey(api, user.id);
      const issued = (await api.call('GET', '/api/me', { auth: bearer(key) })).json.data;
      const configured = (await api.call('GET', '/api/me', { auth: bearer(KEYS.apiKey) })).json
        .data;
      return [issued.is_user, issued.is_organization, configured.is_user];
    },
    clean: [true, false, true],
    faulty: [false, true, true],
  },
];
