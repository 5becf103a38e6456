import { randomUUID } from 'node:crypto';
import type { FaultName } from '../../reference/faults';
import {
  AUTH,
  basic,
  bearer,
  type Client,
  KEYS,
  type Organization,
  UUID,
  uniqueName,
} from './fixtures';
import { READ_FAULT_CASES } from './read-fault-cases';
import { SCOPED_FAULT_CASES } from './scoped-fault-cases';
import { USER_FAULT_CASES } from './user-fault-cases';

/**
 * One row per fault: an observation that reduces what the server did to a value,
 * and that value on a clean server and with the fault on. Each observation runs on a
 * fresh server, so it may change the seed.
 */
export interface FaultCase {
  readonly fault: FaultName;
  readonly observe: (api: Client) => Promise<unknown>;
  readonly clean: unknown;
  readonly faulty: unknown;
}

const randomPath = () => `/api/organizations/${randomUUID()}`;

/** The seed organization an id is, by its name in `server.seed`, else 'other'. */
function which(api: Client, id: unknown): string {
  const entry = Object.entries(api.seed).find(
    ([name, seedId]) => seedId === id && name !== 'apiKeyOrganizationId' && name !== 'apiKeyUserId',
  );
  return entry?.[0] ?? 'other';
}

async function status(api: Client, method: string, path: string, options = {}): Promise<number> {
  return (await api.call(method, path, options)).status;
}

/** Status and version header of a request without X-Polytomic-Version. */
async function headerless(api: Client) {
  const reply = await api.call('GET', '/api/me', { version: null });
  return [reply.status, reply.headers['x-polytomic-version']];
}

/** Status and the seed organizations an API key's list holds, in that version. */
async function apiKeyList(api: Client, version: string) {
  const reply = await api.call('GET', '/api/organizations', { version, auth: AUTH.apiKey });
  const ids: unknown[] =
    reply.status === 200 ? reply.json.data.map((org: Organization) => org.id) : [];
  return [reply.status, ids.map((id) => which(api, id))];
}

async function createWithKey(api: Client, key: string, prefix: string) {
  const options = { version: '2025-09-18', headers: { 'Idempotency-Key': key } };
  const first = await api.call('POST', '/api/organizations', {
    ...options,
    body: { name: `${prefix} 1` },
  });
  await api.call('POST', '/api/organizations', { ...options, body: { name: `${prefix} 2` } });
  return [
    first.status,
    api.server.organizationNames().filter((name) => name.startsWith(prefix)).length,
  ];
}

export const FAULT_CASES: readonly FaultCase[] = [
  // Version header
  {
    fault: 'dropVersionHeader',
    observe: async (api) =>
      (await api.call('GET', '/api/me')).headers['x-polytomic-version'] ?? null,
    clean: '2025-09-18',
    faulty: null,
  },
  {
    fault: 'wrongVersionEcho',
    observe: async (api) =>
      (await api.call('GET', '/api/me', { version: '2024-02-08' })).headers['x-polytomic-version'],
    clean: '2024-02-08',
    faulty: '2025-09-18',
  },
  {
    fault: 'missingVersionRejected',
    observe: async (api) => headerless(api),
    clean: [200, '2025-09-18'],
    faulty: [400, '2025-09-18'],
  },
  {
    fault: 'defaultVersionUnnamed',
    observe: async (api) => headerless(api),
    clean: [200, '2025-09-18'],
    faulty: [200, 'default'],
  },
  {
    fault: 'acceptUnknownVersion',
    observe: async (api) => status(api, 'GET', '/api/me', { version: 'banana' }),
    clean: 400,
    faulty: 200,
  },
  {
    fault: 'unknownVersion500',
    observe: async (api) => status(api, 'GET', '/api/me', { version: '2020-01-01' }),
    clean: 400,
    faulty: 500,
  },
  {
    fault: 'unknownVersionAs404',
    observe: async (api) => [
      await status(api, 'GET', '/api/me', { version: '2020-01-01' }),
      await status(api, 'GET', '/api/me', { version: 'latest' }),
    ],
    clean: [400, 400],
    faulty: [404, 404],
  },

  // Auth
  {
    fault: 'acceptMissingAuth',
    observe: async (api) => status(api, 'GET', '/api/organizations', { auth: null }),
    clean: 401,
    faulty: 200,
  },
  {
    fault: 'acceptUnknownBearer',
    observe: async (api) => status(api, 'GET', '/api/organizations', { auth: bearer('not-a-key') }),
    clean: 401,
    faulty: 200,
  },
  {
    fault: 'apiKeyOnPartnerEndpoints',
    observe: async (api) => [
      await status(api, 'GET', '/api/organizations', { auth: AUTH.apiKey }),
      await status(api, 'GET', '/api/organizations', {
        auth: AUTH.actingAs(api.seed.partnerChildId),
      }),
    ],
    clean: [403, 403],
    faulty: [200, 200],
  },
  {
    fault: 'basicWrongKeyAccepted',
    observe: async (api) =>
      status(api, 'GET', '/api/organizations', { auth: basic('not-a-key', '') }),
    clean: 401,
    faulty: 200,
  },
  {
    fault: 'otherPartnerVisible',
    observe: async (api) => status(api, 'GET', `/api/organizations/${api.seed.otherChildId}`),
    clean: 404,
    faulty: 200,
  },
  {
    fault: 'unauthorizedAs403',
    observe: async (api) => status(api, 'GET', '/api/me', { auth: null }),
    clean: 401,
    faulty: 403,
  },
  {
    fault: 'lookupBeforeAuth',
    observe: async (api) => status(api, 'GET', randomPath(), { auth: null }),
    clean: 401,
    faulty: 404,
  },
  {
    fault: 'caseSensitiveScheme',
    observe: async (api) =>
      status(api, 'GET', '/api/me', { auth: AUTH.partner.replace('Bearer', 'bearer') }),
    clean: 200,
    faulty: 401,
  },
  {
    fault: 'deploymentBearerRefused',
    observe: async (api) => [
      await status(api, 'GET', '/api/organizations', { auth: bearer(KEYS.deploymentKey) }),
      await status(api, 'GET', '/api/organizations', { auth: AUTH.deployment }),
    ],
    clean: [200, 200],
    faulty: [401, 200],
  },
  {
    fault: 'deploymentBasicRefused',
    observe: async (api) => [
      await status(api, 'GET', '/api/organizations', {
        auth: AUTH.deployment,
        version: '2024-02-08',
      }),
      await status(api, 'GET', '/api/organizations', {
        auth: AUTH.deployment,
        version: '2023-04-25',
      }),
      await status(api, 'GET', '/api/organizations', {
        auth: bearer(KEYS.deploymentKey),
        version: '2024-02-08',
      }),
    ],
    clean: [200, 200, 200],
    faulty: [401, 200, 200],
  },
  {
    fault: 'actingAsIgnored',
    observe: async (api) =>
      status(api, 'GET', '/api/me', { auth: AUTH.actingAs(api.seed.otherOwnerId) }),
    clean: 403,
    faulty: 200,
  },
  {
    fault: 'actingAsReportsOwner',
    observe: async (api) => {
      const me = await api.call('GET', '/api/me', { auth: AUTH.actingAs(api.seed.partnerChildId) });
      return which(api, me.json.data.organization_id);
    },
    clean: 'partnerChildId',
    faulty: 'partnerOwnerId',
  },

  // Statuses
  {
    fault: 'notFoundAs200',
    observe: async (api) => status(api, 'GET', randomPath()),
    clean: 404,
    faulty: 200,
  },
  {
    fault: 'notFoundAs403',
    observe: async (api) => status(api, 'GET', randomPath()),
    clean: 404,
    faulty: 403,
  },
  {
    fault: 'notFoundAs500',
    observe: async (api) => status(api, 'GET', randomPath()),
    clean: 404,
    faulty: 500,
  },
  {
    fault: 'nonUuidIdAs500',
    observe: async (api) => [
      await status(api, 'GET', '/api/organizations/not-a-uuid'),
      await status(api, 'GET', randomPath()),
    ],
    clean: [404, 404],
    faulty: [500, 404],
  },
  {
    fault: 'ownerDeleteAllowed',
    observe: async (api) => status(api, 'DELETE', `/api/organizations/${api.seed.partnerOwnerId}`),
    clean: 403,
    faulty: 204,
  },
  {
    fault: 'duplicateNameAccepted',
    observe: async (api) => {
      const { name } = await api.create();
      return status(api, 'POST', '/api/organizations', { body: { name } });
    },
    clean: 409,
    faulty: 200,
  },
  {
    fault: 'missingNameAccepted',
    observe: async (api) => {
      const reply = await api.call('POST', '/api/organizations', { body: {} });
      return [reply.status, reply.json.data?.name ?? null];
    },
    clean: [422, null],
    faulty: [200, 'Untitled'],
  },
  {
    fault: 'deleteDoesNotDelete',
    observe: async (api) => {
      const path = `/api/organizations/${(await api.create()).id}`;
      return [await status(api, 'DELETE', path), await status(api, 'GET', path)];
    },
    clean: [204, 404],
    faulty: [204, 200],
  },
  {
    fault: 'updateNotPersisted',
    observe: async (api) => {
      const path = `/api/organizations/${(await api.create()).id}`;
      const updated = await api.call('PUT', path, { body: { name: 'new name' } });
      return [updated.json.data.name, (await api.call('GET', path)).json.data.name === 'new name'];
    },
    clean: ['new name', true],
    faulty: ['new name', false],
  },
  {
    fault: 'createAnswersOtherName',
    observe: async (api) => {
      const name = uniqueName();
      const created = await api.call('POST', '/api/organizations', { body: { name } });
      const path = `/api/organizations/${created.json.data.id}`;
      const stored = (await api.call('GET', path)).json.data.name;
      return [created.json.data.name === name, stored === name];
    },
    clean: [true, true],
    faulty: [false, true],
  },
  {
    fault: 'updateAnswersStale',
    observe: async (api) => {
      const { id, name } = await api.create();
      const path = `/api/organizations/${id}`;
      const updated = await api.call('PUT', path, { body: { name: `${name} new` } });
      const stored = (await api.call('GET', path)).json.data.name;
      return [updated.json.data.name === name, stored === `${name} new`];
    },
    clean: [false, true],
    faulty: [true, true],
  },
  {
    fault: 'wrongUpdateMethodRouted',
    observe: async (api) => {
      const path = `/api/organizations/${(await api.create()).id}`;
      return status(api, 'PUT', path, { version: '2022-12-12', body: { name: uniqueName() } });
    },
    clean: 405,
    faulty: 200,
  },

  // Schemas
  {
    fault: 'idNotUuid',
    observe: async (api) => UUID.test((await api.create()).id),
    clean: true,
    faulty: false,
  },
  {
    fault: 'wrongTypes',
    observe: async (api) =>
      typeof (await api.create({ body: { name: uniqueName(), sso_org_id: 'org_1' } })).sso_org_id,
    clean: 'string',
    faulty: 'number',
  },
  {
    fault: 'missingEnvelope',
    observe: async (api) =>
      Object.keys((await api.call('GET', `/api/organizations/${api.seed.partnerChildId}`)).json),
    clean: ['data'],
    faulty: ['id', 'name'],
  },
  {
    fault: 'organizationIdOmitted',
    observe: async (api) => [
      'id' in (await api.call('GET', `/api/organizations/${api.seed.partnerChildId}`)).json.data,
      'id' in (await api.call('GET', '/api/organizations')).json.data[0],
    ],
    clean: [true, true],
    faulty: [false, true],
  },
  {
    fault: 'listNotArray',
    observe: async (api) => Array.isArray((await api.call('GET', '/api/organizations')).json.data),
    clean: true,
    faulty: false,
  },
  {
    fault: 'echoClientSecret',
    observe: async (api) => {
      const reply = await api.call('POST', '/api/organizations', {
        body: { name: uniqueName(), client_secret: 's3' },
      });
      return 'client_secret' in reply.json.data;
    },
    clean: false,
    faulty: true,
  },
  {
    fault: 'invalidIssuerUri',
    observe: async (api) => [
      (await api.call('GET', `/api/organizations/${api.seed.partnerOwnerId}`)).json.data.issuer ??
        null,
      (
        await api.call('POST', '/api/organizations', {
          body: { name: uniqueName(), issuer: 'https://idp.example/' },
        })
      ).json.data.issuer,
    ],
    clean: [null, 'https://idp.example/'],
    faulty: ['not a uri', 'https://idp.example/'],
  },
  {
    fault: 'nonJsonContentType',
    observe: async (api) => (await api.call('GET', '/api/me')).headers['content-type'],
    clean: 'application/json',
    faulty: 'text/plain',
  },

  // Error bodies
  {
    fault: 'htmlErrors',
    observe: async (api) => (await api.call('GET', randomPath())).headers['content-type'],
    clean: 'application/json',
    faulty: 'text/html',
  },
  {
    fault: 'emptyErrorBody',
    observe: async (api) => (await api.call('GET', randomPath())).text === '',
    clean: false,
    faulty: true,
  },
  {
    fault: 'errorStatusMismatch',
    observe: async (api) => (await api.call('GET', randomPath())).json.status,
    clean: 404,
    faulty: 500,
  },
  {
    fault: 'errorMessageMissing',
    observe: async (api) => (await api.call('GET', randomPath())).json.message === undefined,
    clean: false,
    faulty: true,
  },
  {
    fault: 'stackTraceInErrors',
    observe: async (api) =>
      /goroutine \d+|\.go:\d+/.test((await api.call('GET', randomPath())).text),
    clean: false,
    faulty: true,
  },
  {
    fault: 'credentialInErrors',
    observe: async (api) =>
      (await api.call('GET', '/api/me', { auth: bearer('sk-echoed-1') })).text.includes(
        'sk-echoed-1',
      ),
    clean: false,
    faulty: true,
  },

  // Idempotency
  {
    fault: 'idempotencyReplayCreates',
    observe: async (api) => createWithKey(api, 'selftest-key-1', uniqueName('idem')),
    clean: [200, 1],
    faulty: [200, 2],
  },
  {
    fault: 'idempotencyKeyUnvalidated',
    observe: async (api) => createWithKey(api, 'bad key!', uniqueName('idem')),
    clean: [400, 0],
    faulty: [200, 1],
  },
  {
    fault: 'idempotencyKeyRefusedOnUpdate',
    observe: async (api) => {
      const path = `/api/organizations/${(await api.create()).id}`;
      const headers = { 'Idempotency-Key': 'selftest-key-2' };
      return [
        await status(api, 'PUT', path, { headers, body: { name: uniqueName() } }),
        await status(api, 'PATCH', path, {
          version: '2023-04-25',
          headers,
          body: { name: uniqueName() },
        }),
        await status(api, 'POST', '/api/organizations', { headers, body: { name: uniqueName() } }),
      ];
    },
    clean: [200, 200, 200],
    faulty: [400, 400, 200],
  },

  // Listing and the caller's organization
  {
    fault: 'ownerNotFirst',
    observe: async (api) =>
      which(api, (await api.call('GET', '/api/organizations')).json.data[0].id),
    clean: 'partnerOwnerId',
    faulty: 'partnerChildId',
  },
  {
    fault: 'currentWrongOrganization',
    observe: async (api) =>
      which(api, (await api.call('GET', '/api/organization', { auth: AUTH.apiKey })).json.data.id),
    clean: 'partnerChildId',
    faulty: 'partnerOwnerId',
  },
  {
    fault: 'identityWrongKind',
    observe: async (api) => {
      const { is_partner, is_organization, is_user } = (
        await api.call('GET', '/api/me', { auth: AUTH.apiKey })
      ).json.data;
      return { is_partner, is_organization, is_user };
    },
    clean: { is_partner: false, is_organization: false, is_user: true },
    faulty: { is_partner: true, is_organization: false, is_user: false },
  },
  {
    fault: 'apiKeyListsOthers',
    observe: async (api) => [
      await apiKeyList(api, '2023-04-25'),
      await apiKeyList(api, '2025-09-18'),
    ],
    clean: [
      [200, ['partnerChildId']],
      [403, []],
    ],
    faulty: [
      [200, ['partnerOwnerId', 'partnerChildId']],
      [403, []],
    ],
  },
  {
    fault: 'apiKeyListForbidden',
    observe: async (api) => [
      await apiKeyList(api, '2022-12-12'),
      await apiKeyList(api, '2025-09-18'),
    ],
    clean: [
      [200, ['partnerChildId']],
      [403, []],
    ],
    faulty: [
      [403, []],
      [403, []],
    ],
  },
  {
    fault: 'createdNotListed',
    observe: async (api) => {
      const { id } = await api.create();
      return (await api.call('GET', '/api/organizations')).json.data.some(
        (org: { id: string }) => org.id === id,
      );
    },
    clean: true,
    faulty: false,
  },

  // Side effects
  {
    fault: 'collateralRename',
    observe: async (api) => {
      await api.create();
      return (await api.call('GET', `/api/organizations/${api.seed.partnerChildId}`)).json.data
        .name;
    },
    clean: 'Acme Child',
    faulty: 'renamed by fault',
  },
  {
    fault: 'collateralDelete',
    observe: async (api) => {
      await api.create();
      return status(api, 'GET', `/api/organizations/${api.seed.partnerChildId}`);
    },
    clean: 200,
    faulty: 404,
  },
  {
    fault: 'createAnswersExistingId',
    observe: async (api) => (await api.create()).id === api.seed.partnerChildId,
    clean: false,
    faulty: true,
  },

  // Users and their API keys
  ...USER_FAULT_CASES,
  ...SCOPED_FAULT_CASES,
  ...READ_FAULT_CASES,
];
