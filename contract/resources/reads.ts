import type { EndpointPath, EndpointRow, Operation, Resource, SchemaName } from '../endpoint-row';
import { SCOPED_ALLOWED, SCOPED_NOT_SENT } from './scoped';

/**
 * What an organization can read without an outside system behind the read: the lists of its
 * connections, models, model syncs and bulk syncs, the bulk syncs' execution status, its
 * events, and the catalogs beside them (connection types, event types, schedule options),
 * and its global error subscribers (docs/CONTRACT.md § What an organization reads).
 *
 * Creating a connection needs a working data system, so the rest of these resources' life
 * is not judged here; their reads are, on any target, as the configured organization:
 * a read changes nothing. One page each: a deployment with 10 000 syncs costs one request.
 *
 * Source: SDK-1.18 (npm polytomic 1.18.1) for 2022-12-12 to 2024-02-08, SDK-HEAD
 * (polytomic-typescript) for 2025-09-18; each row's schema is the type its SDK's method
 * resolves to (`sdk/<type>`, contract/inventory/; a self-test holds the two together).
 */
export interface OrganizationRead {
  readonly resource: Extract<
    Resource,
    'connections' | 'models' | 'modelSyncs' | 'bulkSyncs' | 'events' | 'notifications'
  >;
  readonly operation: Operation;
  readonly path: EndpointPath;
  /** The SDK resource and method that call it (contract/inventory/). */
  readonly sdk: { readonly resource: string; readonly method: string };
  /** The success schema up to 2024-02-08 (SDK-1.18) and in 2025-09-18 (SDK-HEAD). */
  readonly schema: { readonly sdk118: SchemaName; readonly head: SchemaName };
}

export const ORGANIZATION_READS: readonly OrganizationRead[] = [
  {
    resource: 'connections',
    operation: 'list',
    path: '/api/connections',
    sdk: { resource: 'connections', method: 'list' },
    schema: {
      sdk118: 'sdk/ConnectionListResponseEnvelope',
      head: 'sdk/ConnectionListResponseEnvelope',
    },
  },
  {
    resource: 'connections',
    operation: 'getTypes',
    path: '/api/connection_types',
    sdk: { resource: 'connections', method: 'getTypes' },
    schema: {
      sdk118: 'sdk/ConnectionTypeResponseEnvelope',
      head: 'sdk/ConnectionTypeResponseEnvelope',
    },
  },
  {
    resource: 'models',
    operation: 'list',
    path: '/api/models',
    sdk: { resource: 'models', method: 'list' },
    schema: { sdk118: 'sdk/ModelListResponseEnvelope', head: 'sdk/ModelListResponseEnvelope' },
  },
  {
    resource: 'modelSyncs',
    operation: 'list',
    path: '/api/syncs',
    sdk: { resource: 'modelSync', method: 'list' },
    schema: { sdk118: 'sdk/ListModelSyncResponseEnvelope', head: 'sdk/ListSyncResponseEnvelope' },
  },
  {
    resource: 'modelSyncs',
    operation: 'getScheduleOptions',
    path: '/api/syncs/schedules',
    sdk: { resource: 'modelSync', method: 'getScheduleOptions' },
    schema: {
      sdk118: 'sdk/ScheduleOptionResponseEnvelope',
      head: 'sdk/ScheduleOptionResponseEnvelope',
    },
  },
  {
    resource: 'bulkSyncs',
    operation: 'list',
    path: '/api/bulk/syncs',
    sdk: { resource: 'bulkSync', method: 'list' },
    schema: { sdk118: 'sdk/BulkSyncListEnvelope', head: 'sdk/BulkSyncListEnvelope' },
  },
  {
    resource: 'bulkSyncs',
    operation: 'listStatus',
    path: '/api/bulk/syncs/status',
    sdk: { resource: 'bulkSync.executions', method: 'listStatus' },
    schema: {
      sdk118: 'sdk/ListBulkSyncExecutionStatusEnvelope',
      head: 'sdk/ListBulkSyncExecutionsStatusEnvelope',
    },
  },
  {
    resource: 'events',
    operation: 'list',
    path: '/api/events',
    sdk: { resource: 'events', method: 'list' },
    schema: { sdk118: 'sdk/EventsEnvelope', head: 'sdk/EventsEnvelope' },
  },
  {
    resource: 'events',
    operation: 'getTypes',
    path: '/api/events_types',
    sdk: { resource: 'events', method: 'getTypes' },
    schema: { sdk118: 'sdk/EventTypesEnvelope', head: 'sdk/EventTypesEnvelope' },
  },
  {
    resource: 'notifications',
    operation: 'getGlobalErrorSubscribers',
    path: '/api/notifications/global-error-subscribers',
    sdk: { resource: 'notifications', method: 'getGlobalErrorSubscribers' },
    schema: {
      sdk118: 'sdk/V4GlobalErrorSubscribersResponse',
      head: 'sdk/GlobalErrorSubscribersResponse',
    },
  },
];

/** The last version SDK-1.18's types describe (contract/inventory/index.ts). */
const SDK_118_UNTIL = '2024-02-08';

/** A read's row, its schema SDK-1.18's type up to 2024-02-08 where SDK-HEAD names it apart. */
function rowOf(read: OrganizationRead): EndpointRow {
  const row = {
    resource: read.resource,
    operation: read.operation,
    method: 'GET',
    path: read.path,
    allowed: SCOPED_ALLOWED,
    notSent: SCOPED_NOT_SENT,
    deniedStatus: 403,
    success: [200],
    writes: false,
    hasBody: false,
  } as const;
  const { sdk118, head } = read.schema;
  if (sdk118 === head) return { ...row, schema: head };
  return { ...row, schema: head, earlierSchema: { until: SDK_118_UNTIL, schema: sdk118 } };
}

export const READ_ENDPOINTS: readonly EndpointRow[] = ORGANIZATION_READS.map(rowOf);
