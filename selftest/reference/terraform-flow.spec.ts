import { Buffer } from 'node:buffer';
import { expect, KEYS, test, uniqueName } from './fixtures';

/**
 * Polytomic's Terraform provider's `polytomic_user` flow, as the provider sends it
 * (internal/providerclient/client.go, provider/resource_user.go), by a client written
 * here — not the harness's, not the reference server's — against the bundled server:
 * User-Agent `polytomic-terraform-provider`, X-Polytomic-Version 2024-02-08, and either an
 * organization's API key as Bearer (after /api/me confirms its organization) or a partner
 * key acting as the organization, Basic `<org id>:<key>`. Create, read, update the role
 * (the e-mail as it is: the provider replaces a user whose e-mail changes), remove — and
 * each answer decodes as the Go SDK's UserEnvelope, the remove's included.
 */
const PROVIDER_VERSION = '2024-02-08';
const USER_AGENT = 'polytomic-terraform-provider';

interface Envelope {
  data?: {
    id?: string;
    email?: string;
    organization_id?: string;
    role?: string;
    role_ids?: string[];
  };
}

function providerClient(baseUrl: string, authorization: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        authorization,
        'user-agent': USER_AGENT,
        'x-polytomic-version': PROVIDER_VERSION,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // What the Go SDK does with every success: decode the envelope; an empty body fails it.
    return {
      status: response.status,
      body: (text === '' ? undefined : JSON.parse(text)) as Envelope,
    };
  };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('the provider’s user flow with an API key and acting as the organization', async ({
  api,
  reference,
}) => {
  // The API key belongs to partner A's child organization; acting as is tried on a new one.
  const made = await api.create({ name: uniqueName('terraform') });
  const flows: [string, string, string][] = [
    ['API key', `Bearer ${KEYS.apiKey}`, reference.seed.partnerChildId],
    ['partner key acting as the organization', basic(made.id, KEYS.partnerKey), made.id],
  ];
  for (const [how, authorization, org] of flows) {
    const send = providerClient(reference.url, authorization);
    if (how === 'API key') {
      const me = await send('GET', '/api/me');
      expect(me.body.data?.organization_id, how).toBe(org);
    }
    const users = `/api/organizations/${org}/users`;
    const email = `tf-${uniqueName()}@example.com`.toLowerCase();
    const created = await send('POST', users, { email, role: 'user' });
    expect([created.status, created.body.data?.email, created.body.data?.role], how).toEqual([
      200,
      email,
      'user',
    ]);
    const id = created.body.data?.id ?? '';
    const read = await send('GET', `${users}/${id}`);
    expect([read.status, read.body.data?.organization_id], how).toEqual([200, org]);
    const updated = await send('PUT', `${users}/${id}`, { email, role: 'admin' });
    expect([updated.status, updated.body.data?.email, updated.body.data?.role], how).toEqual([
      200,
      email,
      'admin',
    ]);
    const removed = await send('DELETE', `${users}/${id}`);
    expect([removed.status, removed.body?.data?.id], how).toEqual([200, id]);
    expect((await send('GET', `${users}/${id}`)).status, how).toBe(404);
  }
});
