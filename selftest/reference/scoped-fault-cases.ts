import type { FaultCase } from './fault-cases';
import { AUTH, type Client } from './fixtures';

/**
 * One row per fault of the resources of an organization (docs/CONTRACT.md § Resources of an
 * organization), in the shape of fault-cases.ts: what the server does, clean and with the
 * fault on, acting as partner A's child organization.
 */
const as = (api: Client) => ({ auth: AUTH.actingAs(api.seed.partnerChildId) });

async function created(api: Client, path: string, body: unknown): Promise<string> {
  const reply = await api.call('POST', path, { body, ...as(api) });
  if (reply.status !== 200) throw new Error(`create answered ${reply.status}: ${reply.text}`);
  return reply.json.data.id;
}

const WEBHOOK = { endpoint: 'https://example.com/hook', secret: 'a-secret' };

export const SCOPED_FAULT_CASES: readonly FaultCase[] = [
  {
    fault: 'webhookDisabledAsString',
    observe: async (api) => {
      const id = await created(api, '/api/webhooks', WEBHOOK);
      return (await api.call('GET', `/api/webhooks/${id}`, as(api))).json.data.disabled;
    },
    clean: false,
    faulty: 'false',
  },
  {
    fault: 'roleUpdateNotPersisted',
    observe: async (api) => {
      const id = await created(api, '/api/permissions/roles', { name: 'first' });
      const put = await api.call('PUT', `/api/permissions/roles/${id}`, {
        body: { name: 'second' },
        ...as(api),
      });
      const get = await api.call('GET', `/api/permissions/roles/${id}`, as(api));
      return [put.json.data.name, get.json.data.name];
    },
    clean: ['second', 'second'],
    faulty: ['second', 'first'],
  },
  {
    fault: 'policyNotFoundAs200',
    observe: async (api) =>
      (
        await api.call(
          'GET',
          '/api/permissions/policies/8b0f5d3e-0000-4000-8000-000000000000',
          as(api),
        )
      ).status,
    clean: 404,
    faulty: 200,
  },
  {
    fault: 'scopedItemsOfAnyOrganization',
    observe: async (api) => {
      const id = await created(api, '/api/permissions/roles', { name: 'theirs' });
      const other = { auth: AUTH.actingAs(api.seed.partnerOwnerId) };
      const list = await api.call('GET', '/api/permissions/roles', other);
      const get = await api.call('GET', `/api/permissions/roles/${id}`, other);
      const listed = (list.json.data as { id: string }[]).some((role) => role.id === id);
      return [listed, get.status];
    },
    clean: [false, 404],
    faulty: [true, 200],
  },
  {
    fault: 'webhookRefusalAs500',
    observe: async (api) =>
      (await api.call('POST', '/api/webhooks', { body: { secret: 'a-secret' }, ...as(api) }))
        .status,
    clean: 422,
    faulty: 500,
  },
  {
    fault: 'webhookDisableIgnored',
    observe: async (api) => {
      const id = await created(api, '/api/webhooks', WEBHOOK);
      return (await api.call('POST', `/api/webhooks/${id}/disable`, as(api))).json.data.disabled;
    },
    clean: true,
    faulty: false,
  },
];
