import {
  apiError,
  exchange,
  getOrganization,
  listOrganizations as list,
  ORG_ID,
  OTHER_ID,
  OWNER,
  OWNER_ID,
  organization,
  SEED_ORGANIZATION,
} from '../exchanges';
import type { CheckCase } from './case';

/** The rules that read back what was written: lifecycle and idempotency. */

const created = { statuses: [200], why: 'the organization just created' };
const written = {
  ...created,
  organization: { id: ORG_ID, name: 'My Organization', issuer: 'https://login.example.com' },
};
const renamed = {
  statuses: [200],
  why: 'a fresh get after the update',
  organization: { name: 'Renamed Org', issuer: undefined, sso_domain: undefined },
};
const createAnswer = (data: unknown) =>
  exchange({
    method: 'POST',
    operation: 'create',
    path: '/api/organizations',
    requestBody: { name: 'My Organization' },
    status: 200,
    body: { data },
  });
const patchAnswer = (data: unknown) =>
  exchange({
    method: 'PATCH',
    operation: 'update',
    version: '2023-04-25',
    requestBody: { name: 'Renamed Org' },
    status: 200,
    body: { data },
  });
/** A PATCH version: a field left out may be kept or cleared (partial update). */
const partial = {
  statuses: [200],
  why: 'the update answers with what it wrote',
  organization: { id: ORG_ID, name: 'Renamed Org', issuer: [SEED_ORGANIZATION.issuer, undefined] },
};
const createWithKey = (data: unknown) =>
  exchange({
    method: 'POST',
    operation: 'create',
    path: '/api/organizations',
    requestHeaders: { 'idempotency-key': 'conformance-key-0001' },
    status: 200,
    body: { data },
  });
const first = createWithKey(SEED_ORGANIZATION);
const replay = { statuses: [200], why: 'the same Idempotency-Key again', replayOf: first };
const once = {
  statuses: [200],
  why: 'one create per Idempotency-Key',
  nameCount: { name: 'My Organization', count: 1 },
};

export const LIFECYCLE_RULE_CASES: Readonly<Record<string, CheckCase>> = {
  create_visible: {
    clean: [
      {
        label: 'get shows the values written; an unwritten sso_org_id may be ""',
        exchange: getOrganization({
          body: { data: organization({ issuer: 'https://login.example.com', sso_org_id: '' }) },
        }),
        expect: { ...written, organization: { ...written.organization, sso_org_id: undefined } },
      },
      {
        label: 'the list holds it',
        exchange: list([OWNER, SEED_ORGANIZATION]),
        expect: { ...created, listIncludes: [ORG_ID] },
      },
    ],
    bad: [
      {
        label: 'get shows another issuer',
        exchange: getOrganization(),
        expect: written,
        received: 'issuer: "https://example.com" (expected "https://login.example.com")',
        documented: 'the values written (the organization just created)',
      },
      {
        label: 'the list lacks it',
        exchange: list([OWNER]),
        expect: { ...created, listIncludes: [ORG_ID] },
        received: `a list of 1 without ${ORG_ID}`,
        documented: 'the created organization in the list',
      },
    ],
  },
  write_answer: {
    clean: [
      {
        label: "a create's answer: the fields sent, an id, an unsent sso_org_id absent",
        exchange: createAnswer(
          organization({ issuer: 'https://login.example.com', sso_org_id: undefined }),
        ),
        expect: {
          ...written,
          organization: {
            name: 'My Organization',
            issuer: 'https://login.example.com',
            sso_org_id: undefined,
          },
        },
      },
      {
        label: 'a PATCH answer that kept a field left out',
        exchange: patchAnswer(organization({ name: 'Renamed Org' })),
        expect: partial,
      },
      {
        label: 'a PATCH answer that cleared a field left out',
        exchange: patchAnswer(organization({ name: 'Renamed Org', issuer: null })),
        expect: partial,
      },
    ],
    bad: [
      {
        label: 'a create answered with another name than the one sent',
        exchange: createAnswer(organization({ name: 'Something Else' })),
        expect: { ...written, organization: { name: 'My Organization' } },
        received: 'name: "Something Else" (expected "My Organization")',
        documented: 'the values written (the organization just created)',
      },
      {
        label: 'an update answered for another organization',
        exchange: patchAnswer(organization({ id: OTHER_ID, name: 'Renamed Org' })),
        expect: partial,
        received: `id: "${OTHER_ID}" (expected "${ORG_ID}")`,
        documented: 'the values written (the update answers with what it wrote)',
      },
      {
        label: 'a PATCH answer that changed a field left out',
        exchange: patchAnswer(
          organization({ name: 'Renamed Org', issuer: 'https://other.example.com' }),
        ),
        expect: partial,
        received: 'issuer: "https://other.example.com" (expected "https://example.com" or null)',
        documented: 'the values written',
      },
      {
        label: 'a create answered 500',
        exchange: exchange({
          method: 'POST',
          operation: 'create',
          path: '/api/organizations',
          status: 500,
          body: apiError(500, 'Internal server error.'),
        }),
        expect: written,
        received: '500',
        documented: '200 (the organization just created)',
        level: 'safety',
      },
    ],
  },
  update_persists: {
    clean: [
      {
        label: 'the new name, SSO settings cleared (null)',
        exchange: getOrganization({
          body: { data: { id: ORG_ID, name: 'Renamed Org', issuer: null, sso_domain: null } },
        }),
        expect: renamed,
      },
    ],
    bad: [
      {
        label: 'the old values',
        exchange: getOrganization(),
        expect: renamed,
        received: 'name: "My Organization" (expected "Renamed Org")',
        documented: 'the values written (a fresh get after the update)',
      },
    ],
  },
  owner_first: {
    clean: [
      {
        label: 'owner first',
        exchange: list([OWNER, SEED_ORGANIZATION]),
        expect: { statuses: [200], why: 'list', listFirst: OWNER_ID },
      },
    ],
    bad: [
      {
        label: 'owner second',
        exchange: list([SEED_ORGANIZATION, OWNER]),
        expect: { statuses: [200], why: 'list', listFirst: OWNER_ID },
        received: `first id "${ORG_ID}"`,
        documented: `first id ${OWNER_ID} (the owner organization)`,
      },
    ],
  },
  idempotent_replay: {
    clean: [
      { label: 'the first outcome replayed', exchange: first, expect: replay },
      {
        label: 'one organization of that name',
        exchange: list([OWNER, SEED_ORGANIZATION]),
        expect: once,
      },
    ],
    bad: [
      {
        label: 'a second organization created',
        exchange: createWithKey(organization({ id: OTHER_ID })),
        expect: replay,
        received: `200 with id "${OTHER_ID}"`,
        documented: `the first outcome replayed: 200 with id "${ORG_ID}"`,
      },
      {
        label: 'two organizations of that name',
        exchange: list([SEED_ORGANIZATION, organization({ id: OTHER_ID })]),
        expect: once,
        received: '2 organizations named My Organization',
        documented: '1 (one create per Idempotency-Key)',
      },
    ],
  },
  idempotency_key_validation: {
    clean: [
      {
        label: 'a 7-character key: 422',
        exchange: exchange({
          method: 'POST',
          path: '/api/organizations',
          status: 422,
          body: apiError(422, 'Idempotency-Key must be 8-255 characters.'),
        }),
        expect: { statuses: [400, 422], why: 'a malformed Idempotency-Key' },
      },
      {
        label: 'nothing of that name created',
        exchange: list([OWNER]),
        expect: {
          statuses: [200],
          why: 'nothing created',
          nameCount: { name: 'My Organization', count: 0 },
        },
      },
    ],
    bad: [
      {
        label: 'a malformed key accepted',
        exchange: exchange({
          method: 'POST',
          path: '/api/organizations',
          status: 200,
          body: { data: SEED_ORGANIZATION },
        }),
        expect: { statuses: [400, 422], why: 'a malformed Idempotency-Key' },
        received: '200',
        documented: '400 or 422 (a malformed Idempotency-Key)',
      },
      {
        label: 'an organization created anyway',
        exchange: list([OWNER, SEED_ORGANIZATION]),
        expect: {
          statuses: [200],
          why: 'nothing created',
          nameCount: { name: 'My Organization', count: 0 },
        },
        received: '1 organizations named My Organization',
        documented: '0 (nothing created)',
      },
    ],
  },
  write_guard: {
    clean: [
      {
        label: 'a create answers with a new organization',
        exchange: createWithKey(SEED_ORGANIZATION),
        expect: { statuses: [200], why: 'a create', notIds: [OWNER_ID, OTHER_ID] },
      },
      {
        label: 'a refused create is not judged',
        exchange: exchange({
          method: 'POST',
          path: '/api/organizations',
          status: 422,
          body: apiError(422, 'name is required'),
        }),
        expect: { statuses: [422], why: 'no name', notIds: [OWNER_ID] },
      },
    ],
    bad: [
      {
        label: 'a create answers with an organization that existed before the run',
        exchange: createWithKey(organization({ id: OTHER_ID })),
        expect: { statuses: [200], why: 'a create', notIds: [OWNER_ID, OTHER_ID] },
        received: `a create answered with ${OTHER_ID}`,
        documented: 'not in the pre-run snapshot',
      },
    ],
  },
};
