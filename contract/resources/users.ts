import type { EndpointRow } from '../endpoint-row';
import { PARTNER_LEVEL } from '../endpoint-row';

/**
 * The Users endpoints and the user's API key, as data. Source: docs/CONTRACT.md § Users
 * and their API keys.
 *
 * Every version documents them: the 2022-12-12 and 2023-04-25 reference lists all six
 * (REF-2023, "PATCH Update User"; the 2022 TypeScript SDK 0.1.x and GO-2023 send PATCH),
 * SDK-1.18 and REF-2025 the same six with PUT.
 *
 * Who may call them is where Polytomic's sources conflict: every reference page and SDK
 * says "User endpoints are only accessible using partner keys", while the Terraform
 * provider (TF, commit 0d44bd7 "Allow non-partner keys to manage User resources",
 * X-Polytomic-Version 2024-02-08) manages a user with an organization's API key, or with
 * a partner or deployment key acting as that organization (Basic `<org id>:<key>`). So an
 * API key and acting-as may call them for their own organization, as a decision
 * (`ownOrganizationModes`); another organization's users are never theirs (safety).
 */
const USERS = '/api/organizations/{org_id}/users';
const USER = '/api/organizations/{org_id}/users/{id}';

const common = {
  resource: 'users',
  allowed: PARTNER_LEVEL,
  ownOrganizationModes: ['apiKey', 'actingAs'],
  deniedStatus: 403,
} as const;

/** The update: PATCH in the 2022-12-12 and 2023-04-25 reference, PUT from 2024-02-08. */
const UPDATE = {
  ...common,
  operation: 'update',
  path: USER,
  success: [200],
  schema: 'user.envelope',
  requestSchema: 'user.update.request',
  writes: true,
  hasBody: true,
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
  { ...UPDATE, method: 'PATCH', until: '2023-04-25' },
  { ...UPDATE, method: 'PUT', since: '2024-02-08' },
  {
    ...common,
    operation: 'remove',
    method: 'DELETE',
    path: USER,
    // The reference's example and SDK-1.18's `UserEnvelope`; the Go, Python and Java SDKs
    // decode a user from the answer, so a bodiless 204 breaks them (unlike an
    // organization's remove, whose clients take no body).
    success: [200],
    schema: 'user.envelope',
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

/**
 * The caller's current organization's users (REF-2025, SDK-HEAD `listCurrentOrgUsers` …
 * `deleteCurrentOrgUser`): "Bearer user API key OR Basic organization-scoped API key";
 * any other credential is outside its scope (403 declared). The update changes role
 * assignments only, so its body has no `email`.
 */
const CURRENT_USERS = '/api/organization/users';
const CURRENT_USER = '/api/organization/users/{id}';

const current = {
  resource: 'currentUsers',
  since: '2025-09-18',
  allowed: ['apiKey', 'actingAs'],
  deniedStatus: 403,
} as const;

export const CURRENT_USER_ENDPOINTS: readonly EndpointRow[] = [
  {
    ...current,
    operation: 'list',
    method: 'GET',
    path: CURRENT_USERS,
    success: [200],
    schema: 'users.envelope',
    writes: false,
    hasBody: false,
  },
  {
    ...current,
    operation: 'create',
    method: 'POST',
    path: CURRENT_USERS,
    success: [200],
    schema: 'user.envelope',
    requestSchema: 'user.create.request',
    writes: true,
    hasBody: true,
  },
  {
    ...current,
    operation: 'get',
    method: 'GET',
    path: CURRENT_USER,
    success: [200],
    schema: 'user.envelope',
    writes: false,
    hasBody: false,
  },
  {
    ...current,
    operation: 'update',
    method: 'PUT',
    path: CURRENT_USER,
    success: [200],
    schema: 'user.envelope',
    requestSchema: 'user.roles.request',
    writes: true,
    hasBody: true,
  },
  {
    ...current,
    operation: 'remove',
    method: 'DELETE',
    path: CURRENT_USER,
    success: [200],
    schema: 'user.envelope',
    writes: true,
    hasBody: false,
  },
];
