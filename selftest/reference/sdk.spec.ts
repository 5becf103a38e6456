import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as sdk118 from 'polytomic';
import * as sdk111 from 'polytomic-1.11';
import { endpoint } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { type Caller, listsOwnOrganization } from '../../reference/auth';
import { ROLE_IDS_SINCE } from '../../reference/input';
import { DEFAULT_VERSION } from '../../reference/versioning';
import { expect, KEYS, test, UUID, uniqueName } from './fixtures';

// Polytomic's own SDK (npm `polytomic`, both published versions) against the
// reference server: evidence that the wire format matches Polytomic's generated
// types, not only our reading of them. Without `version` the SDK sends no
// X-Polytomic-Version, and the server's default version must serve it (SDK-1.18).

type ErrorClass = abstract new (...args: never[]) => Error;
type Operation = 'list' | 'create' | 'get' | 'update' | 'remove' | 'identity';

/** What these tests use of an SDK module; both versions have it. */
interface SdkModule {
  readonly PolytomicClient: new (options: {
    environment: string;
    token: string;
    version?: string;
  }) => sdk118.PolytomicClient;
  readonly PolytomicError: ErrorClass;
  readonly Polytomic: Readonly<Record<(typeof TYPED_ERRORS)[number], ErrorClass>>;
}

interface SdkRow {
  readonly version: string;
  readonly module: SdkModule;
  /** The statuses each method turns into a typed error (its `@throws`); others are PolytomicError. */
  readonly declares: Readonly<Record<Operation, readonly number[]>>;
}

const TYPED_ERRORS = [
  'UnauthorizedError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
  'UnprocessableEntityError',
] as const;

const ERROR_CLASS: Readonly<Record<number, (typeof TYPED_ERRORS)[number]>> = {
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
};

const SDKS: readonly SdkRow[] = [
  {
    version: '1.18.1',
    module: sdk118,
    declares: {
      list: [401, 500],
      create: [401, 409, 422, 500],
      get: [401, 403, 404],
      update: [401, 403, 409, 422, 500],
      remove: [401, 403, 404],
      identity: [401, 500],
    },
  },
  {
    version: '1.11.2',
    module: sdk111 as unknown as SdkModule,
    declares: {
      list: [401, 500],
      create: [401, 422, 500],
      get: [401, 404],
      update: [401, 422, 500],
      remove: [401, 404, 500],
      identity: [401, 500],
    },
  },
];

const once = { maxRetries: 0 };

const API_KEY: Caller = { kind: 'apiKey', organizationId: '' };

/** The error body each version's errors carry, as the SDK parsed it (docs/CONTRACT.md § Schemas). */
function errorBodyOf(version: string, status: number): unknown {
  const restErrResponse = {
    error: expect.any(String),
    status: expect.any(String),
    code: status,
    context: {},
  };
  if (version >= '2025-09-18')
    return { message: expect.any(String), status, key: expect.any(String) };
  if (version >= '2024-02-08')
    return status === 401 ? restErrResponse : { message: expect.any(String), status };
  return restErrResponse;
}

async function rejection(sdk: SdkRow, promise: Promise<unknown>): Promise<sdk118.PolytomicError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(sdk.module.PolytomicError);
  return error as sdk118.PolytomicError;
}

for (const sdk of SDKS) {
  for (const version of [...SUPPORTED_VERSIONS, undefined]) {
    const served = version ?? DEFAULT_VERSION;
    const title = `SDK ${sdk.version} · ${version ?? `no version (served as ${served})`}`;
    const client = (url: string, token: string = KEYS.partnerKey) =>
      new sdk.module.PolytomicClient({ environment: url, token, version });

    test(`${title} · the SDK drives every Organization operation and /api/me`, async ({
      reference,
    }) => {
      const partner = client(reference.url);
      const { seed } = reference;
      const me = await partner.identity.get(once);
      expect(me.data).toMatchObject({
        is_partner: true,
        is_organization: false,
        organization_id: seed.partnerOwnerId,
      });
      // The deployment key as Bearer, as the SDK sends every token (TF does the same).
      const system = await client(reference.url, KEYS.deploymentKey).identity.get(once);
      expect(system.data).toMatchObject({ is_system: true, organization_id: '' });
      const apiKey = client(reference.url, KEYS.apiKey);
      expect((await apiKey.identity.get(once)).data).toMatchObject({
        is_user: true,
        is_organization: false,
        organization_id: seed.apiKeyOrganizationId,
      });
      // "User-scoped callers receive their current organization" (SDK-1.18), before 2025-09-18.
      if (listsOwnOrganization(API_KEY, served)) {
        const own = await apiKey.organization.list(once);
        expect(own.data?.map((org) => org.id)).toEqual([seed.apiKeyOrganizationId]);
      }

      const name = uniqueName('sdk');
      const sso = {
        issuer: 'https://idp.example.com/',
        sso_domain: 'example.com',
        sso_org_id: 'org_1',
      };
      const created = await partner.organization.create(
        { name, ...sso, client_id: 'c', client_secret: 's' },
        once,
      );
      expect(created.data).toEqual({ id: expect.stringMatching(UUID), name, ...sso });
      const id = created.data?.id ?? '';
      expect((await partner.organization.get(id, once)).data).toEqual(created.data);
      const listed = await partner.organization.list(once);
      expect(listed.data?.map((org) => org.id)).toEqual(
        expect.arrayContaining([seed.partnerOwnerId, id]),
      );

      // The SDK always updates with PUT: right from 2024-02-08, unrouted (405) before.
      const update = partner.organization.update(id, { name: `${name} renamed` }, once);
      if (endpoint(served, 'update').method === 'PUT') {
        expect((await update).data).toEqual({ id, name: `${name} renamed` });
      } else {
        const error = await rejection(sdk, update);
        expect(error.statusCode).toBe(405);
        expect(error.body).toEqual(errorBodyOf(served, 405));
      }

      await expect(partner.organization.remove(id, once)).resolves.toBeUndefined();
      const gone = await rejection(sdk, partner.organization.get(id, once));
      expect(gone).toBeInstanceOf(sdk.module.Polytomic.NotFoundError);
    });

    test(`${title} · the SDK drives every Users operation and the user's API key`, async ({
      reference,
    }) => {
      const partner = client(reference.url);
      const orgId = reference.seed.partnerChildId;
      // role_ids from 2024-02-08 (SDK-1.18); before, the legacy role.
      const roles = served >= ROLE_IDS_SINCE ? { role_ids: ['role-1'] } : { role: 'user' };
      const email = `sdk-${randomUUID().slice(0, 8)}@example.com`;
      const created = await partner.users.create(orgId, { email, ...roles }, once);
      expect(created.data).toEqual({
        id: expect.stringMatching(UUID),
        email,
        organization_id: orgId,
        ...roles,
      });
      const id = created.data?.id ?? '';
      expect((await partner.users.get(id, orgId, once)).data).toEqual(created.data);
      const listed = await partner.users.list(orgId, once);
      expect(listed.data?.map((user) => user.id)).toEqual(
        expect.arrayContaining([reference.seed.apiKeyUserId, id]),
      );
      // The SDK always updates with PUT: right from 2024-02-08, unrouted (405) before, where
      // the reference documents PATCH. The update changes roles only: another e-mail sent
      // with it leaves the user's as it was (REF-2025).
      const update = partner.users.update(
        id,
        orgId,
        { email: `moved-${email}`, role: 'admin' },
        once,
      );
      if (endpoint(served, 'update', 'users').method === 'PUT') {
        expect((await update).data).toEqual({
          id,
          email,
          organization_id: orgId,
          // Naming role replaces the roles it had (role_ids included).
          role: 'admin',
        });
      } else {
        const error = await rejection(sdk, update);
        expect(error.statusCode).toBe(405);
        expect(error.body).toEqual(errorBodyOf(served, 405));
      }
      const current = (await partner.users.get(id, orgId, once)).data;

      // The made key works with the SDK, as an API key of that user.
      const first = (await partner.users.createApiKey(orgId, id, { force: false }, once)).data;
      const holder = (key: string | undefined) => client(reference.url, key ?? '').identity;
      expect((await holder(first?.value).get(once)).data).toMatchObject({
        is_user: true,
        is_organization: false,
        organization_id: orgId,
      });
      const second = (await partner.users.createApiKey(orgId, id, undefined, once)).data;
      expect(second?.value).not.toBe(first?.value);
      await expect(holder(first?.value).get(once)).resolves.toBeDefined();
      const forced = (await partner.users.createApiKey(orgId, id, { force: true }, once)).data;
      for (const revoked of [first?.value, second?.value]) {
        const error = await rejection(sdk, holder(revoked).get(once));
        expect(error).toBeInstanceOf(sdk.module.Polytomic.UnauthorizedError);
      }
      expect((await holder(forced?.value).get(once)).data).toMatchObject({ is_user: true });

      // The remove answers the user it removed (its UserEnvelope).
      await expect(partner.users.remove(id, orgId, once)).resolves.toEqual({ data: current });
      const gone = await rejection(sdk, partner.users.get(id, orgId, once));
      expect(gone).toBeInstanceOf(sdk.module.Polytomic.NotFoundError);
      const dead = await rejection(sdk, holder(forced?.value).get(once));
      expect(dead).toBeInstanceOf(sdk.module.Polytomic.UnauthorizedError);
    });

    test(`${title} · the SDK drives webhooks, roles and policies with an organization's API key`, async ({
      reference,
    }) => {
      const own = client(reference.url, KEYS.apiKey);
      const orgId = reference.seed.apiKeyOrganizationId;
      const gone = async (promise: Promise<unknown>, label: string) => {
        const error = await rejection(sdk, promise);
        expect(error.statusCode, label).toBe(404);
      };

      const hook = { endpoint: 'https://example.com/sdk-hook', secret: 'sdk-secret' };
      const webhook = (await own.webhooks.create(hook, once)).data;
      expect(webhook).toMatchObject({
        id: expect.stringMatching(UUID),
        organization_id: orgId,
        ...hook,
        disabled: false,
      });
      const webhookId = webhook?.id ?? '';
      expect((await own.webhooks.get(webhookId, once)).data).toEqual(webhook);
      expect((await own.webhooks.list(once)).data?.map((item) => item.id)).toContain(webhookId);
      const moved = { ...hook, endpoint: 'https://example.com/sdk-hook/moved' };
      expect((await own.webhooks.update(webhookId, moved, once)).data).toMatchObject(moved);
      // SDK 1.11.2 has no disable and enable; 1.18.1 sets `disabled` with them.
      if (typeof own.webhooks.disable === 'function') {
        expect((await own.webhooks.disable(webhookId, once)).data?.disabled).toBe(true);
        expect((await own.webhooks.enable(webhookId, once)).data?.disabled).toBe(false);
      }
      await expect(own.webhooks.remove(webhookId, once)).resolves.toBeUndefined();
      await gone(own.webhooks.get(webhookId, once), 'webhook after remove');

      const { roles, policies } = own.permissions;
      const role = (await roles.create({ name: 'sdk role' }, once)).data;
      expect(role).toMatchObject({
        id: expect.stringMatching(UUID),
        name: 'sdk role',
        organization_id: orgId,
      });
      const roleId = role?.id ?? '';
      expect((await roles.get(roleId, once)).data).toEqual(role);
      expect((await roles.list(once)).data?.map((item) => item.id)).toContain(roleId);
      expect((await roles.update(roleId, { name: 'sdk role renamed' }, once)).data?.name).toBe(
        'sdk role renamed',
      );
      const actions = [{ action: 'view', role_ids: [roleId] }];
      const policy = (await policies.create({ name: 'sdk policy', policy_actions: actions }, once))
        .data;
      expect(policy).toMatchObject({
        name: 'sdk policy',
        organization_id: orgId,
        policy_actions: actions,
      });
      const policyId = policy?.id ?? '';
      expect((await policies.get(policyId, once)).data).toEqual(policy);
      expect((await policies.list(once)).data?.map((item) => item.id)).toContain(policyId);
      expect(
        (await policies.update(policyId, { name: 'sdk policy renamed' }, once)).data?.name,
      ).toBe('sdk policy renamed');
      await expect(policies.remove(policyId, once)).resolves.toBeUndefined();
      await expect(roles.remove(roleId, once)).resolves.toBeUndefined();
      await gone(policies.get(policyId, once), 'policy after remove');
      await gone(roles.get(roleId, once), 'role after remove');

      // A body without its required field: the status each resource names.
      const noEndpoint = { secret: 'sdk-secret' } as sdk118.Polytomic.CreateWebhooksSchema;
      const noName = {} as sdk118.Polytomic.permissions.CreateRoleRequest;
      expect((await rejection(sdk, own.webhooks.create(noEndpoint, once))).statusCode).toBe(422);
      expect((await rejection(sdk, roles.create(noName, once))).statusCode).toBe(400);
      await gone(roles.get(randomUUID(), once), 'a role no one issued');
    });

    test(`${title} · the SDK's Users errors come back where the contract says`, async ({
      reference,
    }) => {
      const partner = client(reference.url);
      const orgId = reference.seed.partnerChildId;
      const noEmail = {} as sdk118.Polytomic.CreateUserRequestSchema;
      const cases: [string, Promise<unknown>, number][] = [
        // Its own organization's users are the API key's (a decision); another's are not.
        [
          "API key on another organization's list",
          client(reference.url, KEYS.apiKey).users.list(reference.seed.partnerOwnerId, once),
          403,
        ],
        ['unknown organization', partner.users.list(randomUUID(), once), 404],
        ['unknown user', partner.users.get(randomUUID(), orgId, once), 404],
        ['no email', partner.users.create(orgId, noEmail, once), 422],
      ];
      if (served >= ROLE_IDS_SINCE) {
        const both = { email: 'both@example.com', role: 'admin', role_ids: ['role-1'] };
        cases.push(['role and role_ids', partner.users.create(orgId, both, once), 422]);
        const empty = { email: 'empty@example.com', role_ids: [] };
        cases.push(['empty role_ids', partner.users.create(orgId, empty, once), 422]);
      }
      for (const [label, promise, status] of cases) {
        const error = await rejection(sdk, promise);
        expect(error.statusCode, label).toBe(status);
        expect(error.body, label).toEqual(errorBodyOf(served, status));
      }
    });

    test(`${title} · the SDK's errors come back where the contract says, typed where it declares them`, async ({
      reference,
    }) => {
      const partner = client(reference.url);
      const apiKey = client(reference.url, KEYS.apiKey);
      const cases: [string, Operation, Promise<unknown>, number][] = [
        ['bad token', 'identity', client(reference.url, 'wrong-token').identity.get(once), 401],
        ['API key on get', 'get', apiKey.organization.get(randomUUID(), once), 403],
        [
          'owner remove',
          'remove',
          partner.organization.remove(reference.seed.partnerOwnerId, once),
          403,
        ],
        ['random UUID', 'get', partner.organization.get(randomUUID(), once), 404],
        [
          'duplicate name',
          'create',
          partner.organization.create({ name: 'Acme Child' }, once),
          409,
        ],
        [
          'no name',
          'create',
          partner.organization.create({} as sdk118.Polytomic.CreateOrganizationRequestSchema, once),
          422,
        ],
      ];
      if (!listsOwnOrganization(API_KEY, served)) {
        cases.push(['API key on list', 'list', apiKey.organization.list(once), 403]);
      }
      for (const [label, operation, promise, status] of cases) {
        const error = await rejection(sdk, promise);
        const typed = sdk.declares[operation].includes(status) ? ERROR_CLASS[status] : undefined;
        expect(error, label).toBeInstanceOf(
          typed ? sdk.module.Polytomic[typed] : sdk.module.PolytomicError,
        );
        expect(error.statusCode, label).toBe(status);
        expect(error.body, label).toEqual(errorBodyOf(served, status));
      }
    });
  }
}

test('both published SDK versions are installed, each under its own name', () => {
  const installed = (name: string) =>
    JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  expect([installed('polytomic'), installed('polytomic-1.11')]).toEqual(
    SDKS.map((sdk) => sdk.version),
  );
});
