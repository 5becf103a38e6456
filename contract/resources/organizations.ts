import { DEPLOYMENT_KEY_ON_CURRENT_STATUSES, REMOVE_STATUSES } from '../decisions';
import { ALL_MODES, type EndpointRow, PARTNER_LEVEL } from '../endpoint-row';

/**
 * The Organization endpoints, and the partner's own identity and organization, as data.
 * Source: docs/CONTRACT.md § Organizations and § Auth modes.
 */
/** The update, whose method changed with the versions. */
const UPDATE = {
  resource: 'organizations',
  operation: 'update',
  path: '/api/organizations/{id}',
  allowed: PARTNER_LEVEL,
  deniedStatus: 403,
  success: [200],
  schema: 'organization.envelope',
  requestSchema: 'organization.update.request',
  writes: true,
  hasBody: true,
} as const;

export const ORGANIZATION_ENDPOINTS: readonly EndpointRow[] = [
  {
    resource: 'organizations',
    operation: 'list',
    method: 'GET',
    path: '/api/organizations',
    allowed: [...PARTNER_LEVEL, 'apiKey'],
    // SDK-1.18: "User-scoped callers receive their current organization"; REF-2025 made
    // the list partner-scoped (an API key then gets 403).
    allowedUntil: { apiKey: '2024-02-08' },
    deniedStatus: 403,
    success: [200],
    schema: 'organizations.envelope',
    writes: false,
    hasBody: false,
  },
  {
    resource: 'organizations',
    operation: 'create',
    method: 'POST',
    path: '/api/organizations',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    requestSchema: 'organization.create.request',
    writes: true,
    hasBody: true,
  },
  {
    resource: 'organizations',
    operation: 'get',
    method: 'GET',
    path: '/api/organizations/{id}',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: false,
    hasBody: false,
  },
  // REF-2023 routes PATCH (a partial update), REF-2025 and SDK-1.18 PUT.
  { ...UPDATE, method: 'PATCH', until: '2023-04-25' },
  { ...UPDATE, method: 'PUT', since: '2024-02-08' },
  {
    resource: 'organizations',
    operation: 'remove',
    method: 'DELETE',
    path: '/api/organizations/{id}',
    allowed: PARTNER_LEVEL,
    deniedStatus: 403,
    success: REMOVE_STATUSES,
    schema: null,
    writes: true,
    hasBody: false,
  },
  {
    resource: 'organizations',
    operation: 'current',
    method: 'GET',
    path: '/api/organization',
    since: '2025-09-18',
    allowed: ['apiKey', 'partner', 'actingAs'],
    // decision: a bare deployment key belongs to no organization (docs/CONTRACT.md § Organizations).
    notJudged: {
      deployment: DEPLOYMENT_KEY_ON_CURRENT_STATUSES,
      deploymentBasic: DEPLOYMENT_KEY_ON_CURRENT_STATUSES,
    },
    deniedStatus: 403,
    success: [200],
    schema: 'organization.envelope',
    writes: false,
    hasBody: false,
  },
  {
    resource: 'organizations',
    operation: 'identity',
    method: 'GET',
    path: '/api/me',
    allowed: ALL_MODES,
    deniedStatus: 403,
    success: [200],
    schema: 'identity.envelope',
    writes: false,
    hasBody: false,
  },
];
