import type { AuthMode, EndpointRow, Resource } from '../../contract/endpoints';
import type { Expectation } from '../checks/types';
import type { Exchange } from '../http/exchange';
import type { JudgedApi } from '../judge/judged-api';
import type { Organizations } from './organizations';
import { organizationsAdapter } from './organizations-adapter';
import { readsAdapter } from './reads-adapter';
import { scopedAdapter } from './scoped';
import type { Users } from './users';
import { currentUsersAdapter, usersAdapter } from './users-adapter';

/**
 * What the generic suites (tests/schema.spec.ts, tests/auth.spec.ts) need to know of a
 * resource, and nothing more: how to reach an id to read, a valid body, the path
 * parameters, and what to clean up. A new resource is its contract file, its schemas,
 * its reference operations, an adapter here and one spec.
 */
export interface Subject {
  /** Path and query, parameters filled in. */
  readonly path: string;
  readonly body?: unknown;
  /** What to judge beyond the status (a rule and the fields written, a list's content). */
  readonly expectation?: Partial<Expectation>;
  /** What the answer leaves to clean up, or takes away from it. */
  readonly after?: (exchange: Exchange) => void;
  /**
   * The credential's part the resource chooses: the organization acted as, or an
   * Authorization of the resource's own (an API key the run issued in an organization it
   * made), so that a write goes only where the run may write.
   */
  readonly send?: { readonly actAs?: string; readonly headers?: Readonly<Record<string, string>> };
}

export interface ResourceAdapter {
  /** Whether calling the row needs something made first, and so writes allowed. */
  needsWrites(row: EndpointRow): boolean;
  /** A request the mode may make to the row, and must succeed in. */
  subject(row: EndpointRow, mode: AuthMode): Promise<Subject>;
  /**
   * A request that touches nothing whatever the auth outcome: random ids, a valid body, or
   * — where `refusable` (no write may be sent) — a body the API must refuse. `mode`, when
   * the request is for one, lets a read go where that mode could otherwise reach.
   */
  authSubject(row: EndpointRow, refusable: boolean, mode?: AuthMode): Subject;
}

export interface ResourceFixtures {
  readonly api: JudgedApi;
  readonly organizations: Organizations;
  readonly users: Users;
}

export function adapterFor(resource: Resource, fixtures: ResourceFixtures): ResourceAdapter {
  switch (resource) {
    case 'organizations':
      return organizationsAdapter(fixtures);
    case 'users':
      return usersAdapter(fixtures);
    case 'currentUsers':
      return currentUsersAdapter(fixtures);
    case 'webhooks':
    case 'roles':
    case 'policies':
      return scopedAdapter(fixtures);
    case 'connections':
    case 'models':
    case 'modelSyncs':
    case 'bulkSyncs':
    case 'events':
    case 'notifications':
      return readsAdapter();
  }
}
