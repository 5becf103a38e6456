import type { FaultCase } from './fault-cases';
import { AUTH, bearer, type Client, KEYS } from './fixtures';

/**
 * One row per fault of what an organization reads (docs/CONTRACT.md § What an organization
 * reads), in the shape of fault-cases.ts: the answer, clean and with the fault on.
 */
const data = (path: string) => async (api: Client) =>
  (await api.call('GET', path, { auth: AUTH.actingAs(api.seed.partnerChildId) })).json;

export const READ_FAULT_CASES: readonly FaultCase[] = [
  {
    fault: 'connectionTypeWithoutCapabilities',
    observe: async (api) =>
      'capabilities' in ((await data('/api/connection_types')(api)).data[0] ?? {}),
    clean: true,
    faulty: false,
  },
  {
    fault: 'modelsDataAsObject',
    observe: async (api) => Array.isArray((await data('/api/models')(api)).data),
    clean: true,
    faulty: false,
  },
  {
    fault: 'scheduleFrequencyUnknown',
    observe: async (api) =>
      (await data('/api/syncs/schedules')(api)).data.schedule_options.map(
        (option: { frequency: string }) => option.frequency,
      ),
    clean: ['manual', 'daily'],
    faulty: ['sometimes'],
  },
  {
    fault: 'bulkSyncStatusDataAsObject',
    observe: async (api) => Array.isArray((await data('/api/bulk/syncs/status')(api)).data),
    clean: true,
    faulty: false,
  },
  {
    fault: 'eventTypesAsObjects',
    observe: async (api) => typeof (await data('/api/events_types')(api)).data[0],
    clean: 'string',
    faulty: 'object',
  },
  {
    fault: 'errorSubscribersAsText',
    observe: async (api) =>
      Array.isArray((await data('/api/notifications/global-error-subscribers')(api)).emails),
    clean: true,
    faulty: false,
  },
  {
    fault: 'readsRefuseApiKeys',
    observe: async (api) =>
      (await api.call('GET', '/api/connections', { auth: bearer(KEYS.apiKey) })).status,
    clean: 200,
    faulty: 403,
  },
];
