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
import type { CheckCase } from './case';

/**
 * The rules judged by status alone (harness/checks/status-rules.ts): one request
 * the contract answers with an error, and the same request wrongly answered.
 */
function statusCase(
  request: Omit<ExchangeSpec, 'status'>,
  expect: Pick<Expectation, 'statuses' | 'why'>,
  good: { status: number; message: string },
  wrong: Pick<ExchangeSpec, 'status' | 'body' | 'version'>,
): CheckCase {
  const [first] = expect.statuses;
  return {
    clean: [
      {
        label: `${good.status} (${expect.why})`,
        exchange: exchange({
          ...request,
          status: good.status,
          body: apiError(good.status, good.message),
        }),
        expect,
      },
    ],
    bad: [
      {
        label: `${wrong.status} instead of ${expect.statuses.join('/')}`,
        exchange: exchange({ ...request, ...wrong }),
        expect,
        received: String(wrong.status),
        documented: `${first}${expect.statuses.length > 1 ? ' or' : ''}`,
      },
    ],
  };
}

const LIST = { operation: 'list', path: '/api/organizations' } as const;
const seed = { status: 200, body: { data: SEED_ORGANIZATION } };
const seedList = { status: 200, body: { data: [SEED_ORGANIZATION] } };
const internal = { status: 500, body: apiError(500, 'Internal server error.', 'internal') };
const create = {
  method: 'POST',
  path: '/api/organizations',
  operation: 'create',
  requestBody: { name: 'My Organization' },
} as const;

export const STATUS_RULE_CASES: Readonly<Record<string, CheckCase>> = {
  auth_required: statusCase(
    { ...LIST, mode: 'none' },
    { statuses: [401], why: 'no Authorization header, checked before lookup' },
    { status: 401, message: 'Unauthorized: no credentials.' },
    seedList,
  ),
  auth_scope: statusCase(
    { ...LIST, mode: 'apiKey' },
    { statuses: [403], why: "apiKey is outside this endpoint's scope, checked before lookup" },
    { status: 403, message: 'Forbidden: requires a partner key.' },
    seedList,
  ),
  auth_accepted: {
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
    bad: [
      {
        label: 'a valid partner key refused',
        exchange: exchange({
          operation: 'identity',
          path: '/api/me',
          status: 401,
          body: apiError(401, 'Unauthorized: unknown credential.'),
        }),
        expect: { statuses: [200], why: 'a partner key within its scope' },
        received: '401',
        documented: '200 (a partner key within its scope)',
      },
    ],
  },
  not_found: statusCase(
    { operation: 'get', path: `/api/organizations/${OTHER_ID}` },
    { statuses: [404], why: 'a never-issued UUID' },
    { status: 404, message: 'Organization not found.' },
    { status: 200, body: { data: { id: OTHER_ID, name: 'Ghost' } } },
  ),
  invalid_id: statusCase(
    { operation: 'get', path: '/api/organizations/not-a-uuid' },
    { statuses: [400, 404, 422], why: 'a non-UUID id' },
    { status: 400, message: 'id must be a UUID.' },
    internal,
  ),
  delete_removes: statusCase(
    { operation: 'get' },
    { statuses: [404], why: 'removed earlier in this test' },
    { status: 404, message: 'Organization not found.' },
    seed,
  ),
  update_method_routing: statusCase(
    { method: 'PATCH', requestBody: { name: 'Renamed' } },
    { statuses: [404, 405], why: 'PUT is the update method of 2025-09-18' },
    { status: 405, message: 'Method not allowed.' },
    seed,
  ),
  unsupported_version: statusCase(
    { operation: 'get', version: '2020-01-01' },
    { statuses: [400], why: 'an unknown version' },
    { status: 400, message: 'Unsupported X-Polytomic-Version.' },
    seed,
  ),
  owner_delete_forbidden: statusCase(
    { method: 'DELETE', operation: 'remove', path: `/api/organizations/${OWNER_ID}` },
    { statuses: [403], why: 'a partner may not remove its owner organization' },
    {
      status: 403,
      message: 'Forbidden: partner callers cannot delete their own owner organization.',
    },
    { status: 204 },
  ),
  duplicate_name_conflict: statusCase(
    create,
    { statuses: [409], why: 'the name is already used' },
    { status: 409, message: 'An organization named My Organization already exists.' },
    { status: 200, body: { data: { id: ORG_ID, name: 'My Organization' } } },
  ),
  name_required: statusCase(
    { ...create, requestBody: { name: 42 } },
    { statuses: [422], why: 'name is not a string' },
    { status: 422, message: 'name must be a string.' },
    internal,
  ),
};
