import { REMOVE_STATUSES, USERS_DOCUMENTED_SINCE } from '../decisions';
import type { EndpointRow } from '../endpoint-row';
import { PARTNER_LEVEL } from '../endpoint-row';

/**
 * The Users endpoints and the user's API key, as data. Source: docs/CONTRACT.md § Users
 * and their API keys (SDK-1.18: "User endpoints are only accessible using partner keys";
 * an API key, or a partner key acting as an organization, gets 403).
 *
 * SDK-1.18 documents them from 2024-02-08; GO-2023 and the 2022-12-12 guide ("mint an API
 * key for the newly created user") say they existed before, with no method or body given:
 * in 2022-12-12 and 2023-04-25 they are decisions.
 */
const USERS = '/api/organizations/{org_id}/users';
const USER = '/api/organizations/{org_id}/users/{id}';

const common = {
  resource: 'users',
  documentedSince: USERS_DOCUMENTED_SINCE,
  allowed: PARTNER_LEVEL,
  deniedStatus: 403,
} as const;

export const USER_ENDPOINTS: readonly EndpointRow[] = [
  {
    ...common,
    operation: 'list',
    method: 'GET',
    path: USERS,
    success: [200],
    schema: 'users.envelope',
    writes: false,
    hasBody: false,
  },
  {
    ...common,
    operation: 'create',
    method: 'POST',
    path: USERS,
    success: [200],
    schema: 'user.envelope',
    requestSchema: 'user.create.request',
    writes: true,
    hasBody: true,
  },
  {
    ...common,
    operation: 'get',
    method: 'GET',
    path: USER,
    success: [200],
    schema: 'user.envelope',
    writes: false,
    hasBody: false,
  },
  {
    ...common,
    operation: 'update',
    method: 'PUT',
    path: USER,
    success: [200],
    schema: 'user.envelope',
    requestSchema: 'user.update.request',
    writes: true,
    hasBody: true,
  },
  {
    ...common,
    operation: 'remove',
    method: 'DELETE',
    path: USER,
    success: REMOVE_STATUSES,
    schema: null,
    writes: true,
    hasBody: false,
  },
  {
    ...common,
    operation: 'issueKey',
    method: 'POST',
    path: '/api/organizations/{org_id}/users/{id}/keys',
    success: [200],
    schema: 'apikey.envelope',
    writes: true,
    hasBody: false,
  },
];
