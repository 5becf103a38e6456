import type { Outcome } from './http';

/**
 * What an organization reads, as Polytomic's SDKs type it: its connections, models, model
 * syncs, bulk syncs and their execution status, its events, the connection and event types,
 * the schedule options, and the global error subscribers. This server has none of the
 * organization's own (nothing can be connected here), and picks the other answers where the
 * SDK's types allow a choice: an empty list is `null` (Go's nil slice), a catalog item
 * carries every optional field, and the subscribers name one address.
 */
const ANSWERS: Readonly<Record<string, unknown>> = {
  '/api/connections': { data: null },
  '/api/connection_types': {
    data: [
      {
        id: 'snowflake',
        name: 'Snowflake',
        logo_url: 'https://example.com/snowflake.svg',
        use_oauth: false,
        capabilities: { source: true, destination: true, enrichment: true, orchestration: false },
        configurationForm: { jsonschema: { type: 'object' }, uischema: {} },
      },
    ],
  },
  '/api/models': { data: null },
  '/api/syncs': { data: null },
  '/api/syncs/schedules': {
    data: {
      schedule_options: [
        { frequency: 'hourly', label: 'Hourly', description: 'Every hour', configuration: {} },
      ],
    },
  },
  '/api/bulk/syncs': { data: null },
  '/api/bulk/syncs/status': { data: null },
  '/api/events': { data: null },
  '/api/events_types': { data: ['bulk_sync.running', 'sync.running'] },
  '/api/notifications/global-error-subscribers': { emails: ['alerts@example.com'] },
};

/** Whether the path is one of these reads (GET only, in every version). */
export function isRead(path: string): boolean {
  return Object.hasOwn(ANSWERS, path);
}

export function read(path: string): Outcome {
  return { status: 200, body: ANSWERS[path] };
}
