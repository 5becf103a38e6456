import { ORGANIZATION_READS, type OrganizationRead } from '../contract/resources/reads';
import { forbidden, notFound } from './errors';
import type { FaultName } from './faults';
import {
  type Call,
  findOrganization,
  ok,
  type ResourceOperations,
  type ServerState,
} from './operations';
import { envelope } from './render';

/**
 * What an organization reads (contract/resources/reads.ts), as the bundled server has it: an
 * organization made here has no connections, models, syncs or events (none can be made
 * without a data system), and the catalogs are the same for every organization. Each
 * answer is the type Polytomic's SDK gives the method; each fault breaks one.
 */
const CATALOGS: Readonly<Partial<Record<string, unknown>>> = {
  '/api/connection_types': [
    {
      id: 'postgresql',
      name: 'PostgreSQL',
      capabilities: { source: true, destination: true, enrichment: false, orchestration: false },
    },
  ],
  '/api/syncs/schedules': {
    schedule_options: [
      { frequency: 'manual', label: 'Manual', description: 'Runs when started.' },
      { frequency: 'daily', label: 'Daily', description: 'Runs once a day.' },
    ],
  },
  '/api/events_types': ['sync.completed', 'sync.failed', 'bulk_sync.completed'],
};

/** Each fault, and the answer it gives in place of the read's own. */
const FAULTY: Readonly<Partial<Record<FaultName, { path: string; data: unknown }>>> = {
  connectionTypeWithoutCapabilities: {
    path: '/api/connection_types',
    data: [{ id: 'postgresql', name: 'PostgreSQL' }],
  },
  modelsDataAsObject: { path: '/api/models', data: {} },
  scheduleFrequencyUnknown: {
    path: '/api/syncs/schedules',
    data: { schedule_options: [{ frequency: 'sometimes', label: 'Sometimes' }] },
  },
  bulkSyncStatusDataAsObject: { path: '/api/bulk/syncs/status', data: { status: 'ok' } },
  eventTypesAsObjects: { path: '/api/events_types', data: [{ name: 'sync.completed' }] },
};

function read(description: OrganizationRead) {
  return (call: Call, state: ServerState) => {
    const { faults } = state.switches;
    ownOrganization(call, state);
    if (faults.has('readsRefuseApiKeys') && call.caller.kind === 'apiKey')
      throw forbidden('this key cannot read that');
    // The global error subscribers are the one answer with no `data` envelope (the SDK's type).
    if (description.operation === 'getGlobalErrorSubscribers')
      return ok({ emails: faults.has('errorSubscribersAsText') ? 'ops@example.com' : [] });
    const fault = [...faults].find((name) => FAULTY[name]?.path === description.path);
    const data = fault ? FAULTY[fault]?.data : (CATALOGS[description.path] ?? []);
    return ok(envelope(data, state.switches));
  };
}

/** The caller's own organization (an API key's, or the one acted as); auth.ts admits no other. */
function ownOrganization(call: Call, state: ServerState): void {
  const { caller } = call;
  const id =
    caller.kind === 'apiKey' || caller.kind === 'actingAs' ? caller.organizationId : undefined;
  if (id === undefined || !findOrganization(state, id)) throw notFound('Organization');
}

/** Each read resource's operations, from its descriptions. */
export const READ_OPERATIONS = Object.fromEntries(
  [...new Set(ORGANIZATION_READS.map((description) => description.resource))].map((resource) => [
    resource,
    Object.fromEntries(
      ORGANIZATION_READS.filter((description) => description.resource === resource).map(
        (description) => [description.operation, read(description)],
      ),
    ),
  ]),
) as Readonly<Record<OrganizationRead['resource'], ResourceOperations>>;
