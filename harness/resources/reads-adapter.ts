import type { EndpointRow } from '../../contract/endpoints';
import type { ResourceAdapter, Subject } from './adapter';

/**
 * What an organization reads (contract/resources/reads.ts): one page, as the configured
 * organization — its API key, or the organization acted as. A read changes nothing, so it
 * runs on any target, writes allowed or not; what the answer holds is the schema's to judge.
 */
export function readsAdapter(): ResourceAdapter {
  const subject = (row: EndpointRow): Subject => ({ path: row.path });
  return {
    needsWrites: () => false,
    subject: async (row) => subject(row),
    authSubject: subject,
  };
}
