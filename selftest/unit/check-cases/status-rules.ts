import type { Level } from '../../../contract/rules';
import type { Expectation } from '../../../harness/checks';
import {
  apiError,
  type ExchangeSpec,
  exchange,
  identity,
  ORG_ID,
  OTHER_ID,
  OWNER_ID,
  SEED_ORGANIZATION,
} from '../exchanges';
import type { BadSample, CheckCase } from './case';

/**
 * The rules judged by status alone (harness/checks/status-rules.ts): one request the
 * contract answers with an error, and the same request wrongly answered, each wrong
 * answer at the level of the part of the rule it breaks (a 5xx is always safety, a
 * tolerated status a decision, a 2xx where none is expected the expectation's
 * successLevel).
 */
type StatusExpectation = Pick<Expectation, 'statuses' | 'why'> &
  Partial<Pick<Expectation, 'level' | 'tolerated' | 'successLevel'>>;

interface Wrong extends Pick<ExchangeSpec, 'status' | 'body'> {
  /** Default: the expectation's level, else the rule's. */
  readonly level?: Level;
  /** A variant of the expectation for this answer only. */
  readonly expect?: Partial<StatusExpectation>;
  readonly note?: string;
}

function statusCase(
  request: Omit<ExchangeSpec, 'status'>,
  expect: StatusExpectation,
  good: readonly { status: number; message: string }[],
  wrong: readonly Wrong[],
): CheckCase {
  return {
    clean: good.map(({ status, message }) => ({
      label: `${status} (${expect.why})`,
      exchange: exchange({ ...request, status, body: apiError(status, message) }),
      expect,
    })),
    bad: wrong.map((answer): BadSample => {
      const expectation = { ...expect, ...answer.expect };
      const [first] = expectation.statuses;
      return {
        label: `${answer.status} instead of ${expectation.statuses.join('/')}${answer.note ? ` (${answer.note})` : ''}`,
        exchange: exchange({ ...request, status: answer.status, body: answer.body }),
        expect: expectation,
        received: String(answer.status),
        documented: `${first}${expectation.statuses.length > 1 ? ' or' : ` (${expectation.why}`}`,
        level: answer.level,
      };
    }),
  };
}

const LIST = { operation: 'list', path: '/api/organizations' } as const;
const seed = { status: 200, body: { data: SEED_ORGANIZATION } };
const seedList = { status: 200, body: { data: [SEED_ORGANIZATION] } };
const internal = (level: Level = 'safety') =>
  ({ status: 500, body: apiError(500, 'Internal server error.', 'internal'), level }) as const;
const create = {
  method: 'POST',
  path: '/api/organizations',
  operation: 'create',
  requestBody: { name: 'My Organization' },
} as const;
const EMAIL = 'conformance-run-1@example.com';
const USER_ID = '5d2a8c1e-3f4b-4a6d-9e8f-0a1b2c3d4e5f';
const createUser = {
  method: 'POST',
  path: `/api/organizations/${ORG_ID}/users`,
  operation: 'create',
  resource: 'users',
} as const;
const update = {
  method: 'PUT',
  operation: 'update',
  requestBody: { name: 'Renamed Org' },
} as const;

export const STATUS_RULE_CASES: Readonly<Record<string, CheckCase>> = {
  auth_required: statusCase(
    { ...LIST, mode: 'none' },
    { statuses: [401], why: 'no Authorization header, checked before lookup' },
    [{ status: 401, message: 'Unauthorized: no credentials.' }],
    [
      seedList,
      { ...seedList, expect: { successLevel: 'safety' }, level: 'safety', note: 'served' },
      { status: 403, body: apiError(403, 'Forbidden.') },
      internal(),
    ],
  ),
  auth_scope: statusCase(
    { ...LIST, mode: 'apiKey' },
    { statuses: [403], why: "apiKey is outside this endpoint's scope, checked before lookup" },
    [{ status: 403, message: 'Forbidden: requires a partner key.' }],
    [
      seedList,
      { status: 404, body: apiError(404, 'Not found.') },
      {
        status: 404,
        body: apiError(404, 'Not found.'),
        expect: { level: 'decision', why: 'an API key asking about a random id' },
        level: 'decision',
        note: 'a decision',
      },
    ],
  ),
  auth_accepted: {
    ...statusCase(
      { operation: 'identity', path: '/api/me', mode: 'partner' },
      { statuses: [200], why: 'a partner key within its scope' },
      [],
      [
        { status: 401, body: apiError(401, 'Unauthorized: unknown credential.') },
        {
          status: 401,
          body: apiError(401, 'Unauthorized: unknown credential.'),
          expect: { level: 'decision', why: 'a Basic deployment key after 2023-04-25' },
          level: 'decision',
          note: 'Basic deployment key, a decision',
        },
        internal(),
      ],
    ),
    clean: [
      {
        label: 'a partner key on /api/me',
        exchange: exchange({
          operation: 'identity',
          path: '/api/me',
          status: 200,
          body: { data: identity({ is_partner: true, is_organization: false }) },
        }),
        expect: { statuses: [200], why: 'a partner key within its scope' },
      },
    ],
  },
  auth_scheme_case: {
    ...statusCase(
      { operation: 'identity', path: '/api/me', mode: 'custom' },
      { statuses: [200], why: 'lower-case bearer (RFC 9110 §11.1)' },
      [],
      [{ status: 401, body: apiError(401, 'Unauthorized: unknown scheme.') }, internal()],
    ),
    clean: [
      {
        label: 'a partner key sent as `bearer`',
        exchange: exchange({
          operation: 'identity',
          path: '/api/me',
          mode: 'custom',
          status: 200,
          body: { data: identity({ is_partner: true, is_organization: false }) },
        }),
        expect: { statuses: [200], why: 'lower-case bearer (RFC 9110 §11.1)' },
      },
    ],
  },
  not_found: statusCase(
    { operation: 'get', path: `/api/organizations/${OTHER_ID}` },
    { statuses: [404], why: 'a never-issued UUID' },
    [{ status: 404, message: 'Organization not found.' }],
    [
      { status: 200, body: { data: { id: OTHER_ID, name: 'Ghost' } } },
      { status: 403, body: apiError(403, 'Forbidden.') },
      {
        status: 400,
        body: apiError(400, 'Bad request.'),
        expect: {
          level: 'decision',
          successLevel: 'documented',
          why: 'update of a never-issued id',
        },
        level: 'decision',
        note: 'update: a decision',
      },
      {
        status: 200,
        body: { data: { id: OTHER_ID, name: 'Ghost' } },
        expect: {
          level: 'decision',
          successLevel: 'documented',
          why: 'update of a never-issued id',
        },
        level: 'documented',
        note: 'update: a 2xx still fails',
      },
      internal(),
    ],
  ),
  invalid_id: statusCase(
    { operation: 'get', path: '/api/organizations/not-a-uuid' },
    { statuses: [400, 404, 422], why: 'a non-UUID id' },
    [
      { status: 400, message: 'id must be a UUID.' },
      { status: 404, message: 'Organization not found.' },
      { status: 422, message: 'id must be a UUID.' },
    ],
    [internal(), { status: 200, body: { data: SEED_ORGANIZATION } }],
  ),
  delete_removes: statusCase(
    { operation: 'get' },
    { statuses: [404], why: 'removed earlier in this test' },
    [{ status: 404, message: 'Organization not found.' }],
    [seed, internal()],
  ),
  update_method_routing: statusCase(
    { method: 'PATCH', requestBody: { name: 'Renamed' } },
    { statuses: [404, 405], why: 'PUT is the update method of 2025-09-18' },
    [
      { status: 405, message: 'Method not allowed.' },
      { status: 404, message: 'Not found.' },
    ],
    [seed, { status: 400, body: apiError(400, 'Bad request.') }, internal()],
  ),
  owner_delete_forbidden: statusCase(
    { method: 'DELETE', operation: 'remove', path: `/api/organizations/${OWNER_ID}` },
    { statuses: [403], why: 'a partner may not remove its owner organization' },
    [
      {
        status: 403,
        message: 'Forbidden: partner callers cannot delete their own owner organization.',
      },
    ],
    [
      { status: 204 },
      {
        status: 204,
        expect: { level: 'decision', why: 'before 2025-09-18 no source says' },
        level: 'decision',
        note: 'a decision before 2025-09-18',
      },
      internal(),
    ],
  ),
  duplicate_name_conflict: statusCase(
    create,
    { statuses: [409], why: 'the name is already used' },
    [{ status: 409, message: 'An organization named My Organization already exists.' }],
    [
      { status: 200, body: { data: { id: ORG_ID, name: 'My Organization' } } },
      { status: 422, body: apiError(422, 'name is taken.') },
    ],
  ),
  name_required: statusCase(
    { ...create, requestBody: { sso_domain: 'example.com' } },
    { statuses: [422], why: 'no name', tolerated: [400] },
    [{ status: 422, message: 'name is required.' }],
    [
      internal(),
      {
        status: 400,
        body: apiError(400, 'name is required.'),
        level: 'decision',
        note: 'tolerated',
      },
      { status: 200, body: { data: { id: ORG_ID, name: 'Unnamed' } } },
    ],
  ),
  name_type: statusCase(
    { ...create, requestBody: { name: 42 } },
    { statuses: [400, 422], why: 'name is not a string' },
    [
      { status: 422, message: 'name must be a string.' },
      { status: 400, message: 'name must be a string.' },
    ],
    [
      { status: 409, body: apiError(409, 'An organization named 42 already exists.') },
      { status: 200, body: { data: { id: ORG_ID, name: '42' } } },
      internal(),
    ],
  ),
  idempotency_header_accepted: {
    ...statusCase(
      { ...update, requestHeaders: { 'idempotency-key': 'conformance-key-0002' } },
      { statuses: [200], why: 'SDK-HEAD sends Idempotency-Key on update' },
      [],
      [
        { status: 400, body: apiError(400, 'Idempotency-Key is allowed on POST only.') },
        { status: 422, body: apiError(422, 'Unexpected header Idempotency-Key.') },
        internal(),
      ],
    ),
    clean: [
      {
        label: 'an update with the header answered as without it',
        exchange: exchange({
          ...update,
          requestHeaders: { 'idempotency-key': 'conformance-key-0002' },
          status: 200,
          body: { data: { ...SEED_ORGANIZATION, name: 'Renamed Org' } },
        }),
        expect: { statuses: [200], why: 'SDK-HEAD sends Idempotency-Key on update' },
      },
      {
        label: 'a remove with the header: 204',
        exchange: exchange({
          method: 'DELETE',
          operation: 'remove',
          requestHeaders: { 'idempotency-key': 'conformance-key-0003' },
          status: 204,
        }),
        expect: { statuses: [200, 204], why: 'SDK-HEAD sends Idempotency-Key on delete' },
      },
    ],
  },

  // Users and their API keys (docs/CONTRACT.md § Users and their API keys)
  user_email_required: statusCase(
    { ...createUser, requestBody: { role: 'admin' } },
    { statuses: [422], why: 'no email' },
    [{ status: 422, message: 'email is required.' }],
    [
      internal(),
      { status: 400, body: apiError(400, 'email is required.') },
      { status: 200, body: { data: { id: USER_ID, organization_id: ORG_ID } } },
    ],
  ),
  user_role_exclusive: statusCase(
    { ...createUser, requestBody: { email: EMAIL, role: 'admin', role_ids: ['r1'] } },
    { statuses: [422], why: 'role and role_ids' },
    [{ status: 422, message: 'role and role_ids are exclusive.' }],
    [internal(), { status: 200, body: { data: { id: USER_ID, email: EMAIL } } }],
  ),
  user_role_ids_nonempty: statusCase(
    { ...createUser, requestBody: { email: EMAIL, role_ids: [] } },
    { statuses: [422], why: 'role_ids: []' },
    [{ status: 422, message: 'role_ids must not be empty.' }],
    [internal(), { status: 200, body: { data: { id: USER_ID, email: EMAIL } } }],
  ),
  key_force_revokes: statusCase(
    { operation: 'identity', path: '/api/me', mode: 'custom' },
    { statuses: [401], why: 'the key revoked by force=true', successLevel: 'safety' },
    [{ status: 401, message: 'Invalid API key.' }],
    [
      { status: 200, body: { data: identity({ is_user: true }) }, level: 'safety' },
      { status: 403, body: apiError(403, 'Forbidden.') },
    ],
  ),
  removed_user_key_revoked: statusCase(
    { operation: 'identity', path: '/api/me', mode: 'custom' },
    { statuses: [401], why: "a removed user's key" },
    [{ status: 401, message: 'Invalid API key.' }],
    [
      { status: 200, body: { data: identity({ is_user: true }) } },
      { status: 404, body: apiError(404, 'User not found.') },
    ],
  ),
  user_unknown_organization: statusCase(
    { operation: 'list', resource: 'users', path: `/api/organizations/${OTHER_ID}/users` },
    { statuses: [403, 404], why: 'an organization that does not exist', successLevel: 'safety' },
    [
      { status: 404, message: 'Organization not found.' },
      { status: 403, message: 'Forbidden.' },
    ],
    [
      { status: 200, body: { data: [] }, level: 'safety' },
      { status: 422, body: apiError(422, 'Unknown organization.') },
      internal(),
    ],
  ),
  user_isolation: statusCase(
    {
      operation: 'get',
      resource: 'users',
      path: `/api/organizations/${OTHER_ID}/users/${USER_ID}`,
    },
    { statuses: [403, 404], why: "a user of another partner's organization" },
    [
      { status: 404, message: 'Organization not found.' },
      { status: 403, message: 'Forbidden.' },
    ],
    [{ status: 200, body: { data: { id: USER_ID, email: EMAIL } } }, internal()],
  ),
  scoped_body_required: statusCase(
    {
      method: 'POST',
      path: '/api/webhooks',
      operation: 'create',
      resource: 'webhooks',
      mode: 'actingAs',
      requestBody: { secret: 'a-secret' },
    },
    { statuses: [422], why: 'a create without endpoint', tolerated: [400] },
    [{ status: 422, message: 'endpoint is required.' }],
    [
      internal(),
      { status: 400, body: apiError(400, 'endpoint is required.'), level: 'decision' },
      { status: 200, body: { data: { id: USER_ID, organization_id: ORG_ID } } },
    ],
  ),
  user_organization_scope: statusCase(
    {
      operation: 'list',
      resource: 'users',
      mode: 'apiKey',
      path: `/api/organizations/${OTHER_ID}/users`,
    },
    { statuses: [403, 404], why: "another organization's users", successLevel: 'safety' },
    [
      { status: 403, message: 'Forbidden.' },
      { status: 404, message: 'Organization not found.' },
    ],
    [{ status: 200, body: { data: [] }, level: 'safety' }, internal()],
  ),
};
