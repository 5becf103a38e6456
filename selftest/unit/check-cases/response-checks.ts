import {
  apiError,
  CURRENT,
  exchange,
  getOrganization,
  identity,
  listOrganizations as list,
  OTHER_ID,
  organization,
  SEED_ORGANIZATION,
} from '../exchanges';
import type { CheckCase } from './case';

const notFound = () => apiError(404, 'Organization not found.', 'not_found');

/** The checks run on every response (harness/checks/index.ts RESPONSE_CHECKS), bar error bodies. */
export const RESPONSE_CHECK_CASES: Readonly<Record<string, CheckCase>> = {
  json_content_type: {
    clean: [
      { label: 'the seed organization as application/json', exchange: getOrganization() },
      {
        label: 'a 204 remove: no body, no Content-Type',
        exchange: exchange({ method: 'DELETE', operation: 'remove', status: 204 }),
      },
      { label: 'a 404 error', exchange: exchange({ status: 404, body: notFound() }) },
    ],
    bad: [
      {
        label: 'JSON served as text/plain',
        exchange: getOrganization({ headers: { 'content-type': 'text/plain; charset=utf-8' } }),
        received: 'Content-Type: text/plain; charset=utf-8',
        documented: 'Content-Type: application/json',
      },
      {
        label: 'a body without Content-Type',
        exchange: getOrganization({ headers: { 'content-type': undefined } }),
        received: 'Content-Type: (none)',
        documented: 'Content-Type: application/json',
      },
      {
        label: 'an error as application/problem+json',
        exchange: exchange({
          status: 404,
          body: notFound(),
          headers: { 'content-type': 'application/problem+json' },
        }),
        received: 'Content-Type: application/problem+json',
        documented: 'Content-Type: application/json',
      },
    ],
  },
  version_header_echo: {
    clean: [
      { label: 'the requested 2025-09-18 echoed', exchange: getOrganization() },
      {
        label: 'the requested 2022-12-12 echoed',
        exchange: getOrganization({ version: '2022-12-12' }),
      },
      {
        label: 'an unknown version answered 400, naming the version that served it',
        exchange: exchange({ version: 'latest', status: 400, body: apiError(400, 'bad version') }),
      },
    ],
    bad: [
      {
        label: '2023-04-25 requested, served as 2025-09-18',
        exchange: getOrganization({
          version: '2023-04-25',
          headers: { 'x-polytomic-version': '2025-09-18' },
        }),
        received: 'X-Polytomic-Version: 2025-09-18',
        documented: 'X-Polytomic-Version: 2023-04-25 (the requested version)',
      },
      {
        label: 'an error without the header',
        exchange: exchange({
          status: 404,
          body: notFound(),
          headers: { 'x-polytomic-version': undefined },
        }),
        received: 'no X-Polytomic-Version header',
        documented: `X-Polytomic-Version: ${CURRENT}`,
      },
    ],
  },
  response_schema: {
    clean: [
      { label: 'the seed organization', exchange: getOrganization() },
      {
        label: 'the seed organization in 2022-12-12',
        exchange: getOrganization({ version: '2022-12-12' }),
      },
      { label: 'a list of two', exchange: list([SEED_ORGANIZATION, { id: OTHER_ID, name: 'B' }]) },
      {
        label: 'an identity',
        exchange: exchange({
          operation: 'identity',
          path: '/api/me',
          status: 200,
          body: { data: identity() },
        }),
      },
    ],
    bad: [
      {
        label: 'the seed page example as printed ("id": "string")',
        exchange: getOrganization({ body: { data: organization({ id: 'string' }) } }),
        received: '/data/id (format): must match format "uuid"',
        documented: `a body matching ${CURRENT}/organization.envelope`,
      },
      {
        label: 'a list item with an empty name',
        exchange: list([SEED_ORGANIZATION, { id: OTHER_ID, name: '' }]),
        received: '/data/1/name (minLength)',
        documented: `a body matching ${CURRENT}/organizations.envelope`,
      },
      {
        label: 'an organization sent bare, not in an envelope',
        exchange: getOrganization({ body: SEED_ORGANIZATION }),
        received: '(root) (not): must NOT be an organization sent bare',
        documented: `a body matching ${CURRENT}/organization.envelope`,
      },
      {
        label: 'a success body that is not JSON',
        exchange: getOrganization({ bodyText: '<html>OK</html>' }),
        received: 'a body that is not JSON: "<html>OK</html>"',
        documented: `JSON matching ${CURRENT}/organization.envelope`,
      },
    ],
  },
  required_fields: {
    clean: [
      { label: 'the seed organization', exchange: getOrganization() },
      { label: 'an empty list', exchange: list([]) },
      {
        label: 'nothing to list (data null)',
        exchange: exchange({ operation: 'list', status: 200, body: { data: null } }),
      },
      {
        label: 'an identity with every field absent (data is there)',
        exchange: exchange({
          operation: 'identity',
          path: '/api/me',
          status: 200,
          body: { data: {} },
        }),
      },
      {
        label: 'a 204 remove: no body',
        exchange: exchange({ method: 'DELETE', operation: 'remove', status: 204 }),
      },
      {
        label: 'an answer the SDK types bare: no data envelope to expect',
        exchange: exchange({
          operation: 'getGlobalErrorSubscribers',
          resource: 'notifications',
          mode: 'actingAs',
          path: '/api/notifications/global-error-subscribers',
          status: 200,
          body: { emails: [] },
        }),
      },
    ],
    bad: [
      {
        label: 'an organization without its id (SDK-1.18: Organization.id optional)',
        exchange: getOrganization({ body: { data: { name: SEED_ORGANIZATION.name } } }),
        received: 'no "data/id" in the body of a 200',
        documented: `an organization's "id" and "name" (organization.envelope)`,
      },
      {
        label: 'a list item without a name',
        exchange: list([SEED_ORGANIZATION, { id: OTHER_ID }]),
        received: 'no "data/1/name" in the body of a 200',
        documented: '(organizations.envelope)',
      },
      {
        label: 'an envelope without data (SDK-1.18: data optional)',
        exchange: getOrganization({ body: {} }),
        received: 'no "data" in the body of a 200',
        documented: '"data"',
      },
      {
        label: 'an identity without data',
        exchange: exchange({ operation: 'identity', path: '/api/me', status: 200, body: {} }),
        received: 'no "data" in the body of a 200',
        documented: '(identity.envelope)',
      },
    ],
  },
  no_client_secret: {
    clean: [{ label: 'the seed organization', exchange: getOrganization() }],
    bad: [
      {
        label: 'an organization with its client_secret',
        exchange: getOrganization({
          body: { data: organization({ client_secret: 'oidc-s3cret' }) },
        }),
        received: 'a body with "client_secret"',
        documented: 'no "client_secret" (write-only)',
        alsoFires: ['response_schema'],
      },
      {
        label: 'a 422 echoing client_secret in its metadata',
        exchange: exchange({
          method: 'POST',
          operation: 'create',
          status: 422,
          body: {
            ...apiError(422, 'name is required'),
            metadata: { client_secret: 'oidc-s3cret' },
          },
        }),
        received: 'a body with "client_secret"',
        documented: 'no "client_secret" (write-only)',
      },
    ],
  },
  unknown_properties: {
    clean: [
      { label: 'the seed organization', exchange: getOrganization(), strict: true },
      { label: 'a 404 error', exchange: exchange({ status: 404, body: notFound() }), strict: true },
    ],
    bad: [
      {
        label: 'an undeclared created_at, strict',
        exchange: getOrganization({
          body: { data: organization({ created_at: '2024-02-08T10:00:00Z' }) },
        }),
        strict: true,
        received: 'undeclared /data/created_at',
        documented: `only the properties of ${CURRENT}/organization.envelope`,
      },
      {
        label: 'an undeclared request_id in an error, strict',
        exchange: exchange({ status: 404, body: { ...notFound(), request_id: 'req_8f2k' } }),
        strict: true,
        received: 'undeclared /request_id',
        documented: `only the properties of ${CURRENT}/error`,
      },
    ],
  },
};
