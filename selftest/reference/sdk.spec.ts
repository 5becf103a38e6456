import { randomUUID } from 'node:crypto';
import { Polytomic, PolytomicClient, PolytomicError } from 'polytomic';
import { endpoint } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { expect, KEYS, test, UUID, uniqueName } from './fixtures';

// Polytomic's own SDK (npm `polytomic`) against the reference server: evidence that
// the wire format matches Polytomic's generated types, not only our reading of them.

const once = { maxRetries: 0 };

/** The error body each version's errors carry, as the SDK parsed it (CONTRACT.md § Schemas). */
function errorBodyOf(version: string, status: number): unknown {
  if (version >= '2025-09-18')
    return { message: expect.any(String), status, key: expect.any(String) };
  if (version >= '2024-02-08') return { message: expect.any(String), status };
  return { error: expect.any(String), status: expect.any(String), code: status, context: {} };
}

async function rejection(promise: Promise<unknown>): Promise<PolytomicError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PolytomicError);
  return error as PolytomicError;
}

for (const version of SUPPORTED_VERSIONS) {
  const client = (url: string, token: string = KEYS.partnerKey) =>
    new PolytomicClient({ environment: url, token, version });

  test(`${version} · the SDK drives every Organization operation and /api/me`, async ({
    reference,
  }) => {
    const sdk = client(reference.url);
    const { seed } = reference;
    const me = await sdk.identity.get(once);
    expect(me.data).toMatchObject({
      is_partner: true,
      is_organization: false,
      organization_id: seed.partnerOwnerId,
    });
    const system = await client(reference.url, KEYS.deploymentKey).identity.get(once);
    expect(system.data).toMatchObject({ is_system: true, organization_id: '' });

    const name = uniqueName('sdk');
    const sso = {
      issuer: 'https://idp.example.com/',
      sso_domain: 'example.com',
      sso_org_id: 'org_1',
    };
    const created = await sdk.organization.create(
      { name, ...sso, client_id: 'c', client_secret: 's' },
      once,
    );
    expect(created.data).toEqual({ id: expect.stringMatching(UUID), name, ...sso });
    const id = created.data?.id ?? '';
    expect((await sdk.organization.get(id, once)).data).toEqual(created.data);
    const listed = await sdk.organization.list(once);
    expect(listed.data?.map((org) => org.id)).toEqual(
      expect.arrayContaining([seed.partnerOwnerId, id]),
    );

    // The SDK always updates with PUT: right from 2024-02-08, unrouted (405) before.
    const update = sdk.organization.update(id, { name: `${name} renamed` }, once);
    if (endpoint(version, 'update').method === 'PUT') {
      expect((await update).data).toEqual({ id, name: `${name} renamed` });
    } else {
      const error = await rejection(update);
      expect(error.statusCode).toBe(405);
      expect(error.body).toEqual(errorBodyOf(version, 405));
    }

    await expect(sdk.organization.remove(id, once)).resolves.toBeUndefined();
    const gone = await rejection(sdk.organization.get(id, once));
    expect(gone).toBeInstanceOf(Polytomic.NotFoundError);
  });

  test(`${version} · the SDK's typed errors come back where the contract says`, async ({
    reference,
  }) => {
    const sdk = client(reference.url);
    const apiKey = client(reference.url, KEYS.apiKey);
    const cases: [string, Promise<unknown>, new (...args: never[]) => PolytomicError, number][] = [
      [
        'bad token',
        client(reference.url, 'wrong-token').identity.get(once),
        Polytomic.UnauthorizedError,
        401,
      ],
      [
        'API key on get',
        apiKey.organization.get(randomUUID(), once),
        Polytomic.ForbiddenError,
        403,
      ],
      [
        'owner remove',
        sdk.organization.remove(reference.seed.partnerOwnerId, once),
        Polytomic.ForbiddenError,
        403,
      ],
      ['random UUID', sdk.organization.get(randomUUID(), once), Polytomic.NotFoundError, 404],
      [
        'duplicate name',
        sdk.organization.create({ name: 'Acme Child' }, once),
        Polytomic.ConflictError,
        409,
      ],
      [
        'no name',
        sdk.organization.create({} as Polytomic.CreateOrganizationRequestSchema, once),
        Polytomic.UnprocessableEntityError,
        422,
      ],
    ];
    for (const [label, promise, type, status] of cases) {
      const error = await rejection(promise);
      expect(error, label).toBeInstanceOf(type);
      expect(error.statusCode, label).toBe(status);
      expect(error.body, label).toEqual(errorBodyOf(version, status));
    }
    // The SDK's list maps only 401 and 500 to typed errors; a 403 is a plain PolytomicError.
    const listed = await rejection(apiKey.organization.list(once));
    expect(listed.statusCode).toBe(403);
    expect(listed.body).toEqual(errorBodyOf(version, 403));
  });
}
