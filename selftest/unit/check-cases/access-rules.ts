import { LEGACY_VERSION, SUPPORTED_VERSIONS } from '../../../contract/versions';
import type { CredentialKind } from '../../../harness/checks/types';
import {
  apiError,
  CURRENT,
  exchange,
  getOrganization,
  identity,
  listOrganizations as list,
  ORG_ID,
  OTHER,
  OTHER_ID,
  OWNER,
  OWNER_ID,
  organization,
  SEED_ORGANIZATION,
} from '../exchanges';
import type { CheckCase } from './case';

/** The rules about who is asking and what they may see: version, identity, isolation, safety. */

const me = (data: unknown, mode: 'partner' | 'actingAs' = 'partner') =>
  exchange({ operation: 'identity', path: '/api/me', mode, status: 200, body: { data } });
const kind = (credential: CredentialKind, why: string) => ({
  statuses: [200],
  why,
  identity: { kind: credential },
});
const actingAs = {
  statuses: [200],
  why: 'Basic <id>:<key>',
  identity: { kind: 'actingAs', organizationId: ORG_ID },
} as const;

const LIST = { operation: 'list', path: '/api/organizations' } as const;
/** The versions in which an API key lists its own organization (SDK-1.18): before the current. */
const BEFORE_CURRENT = SUPPORTED_VERSIONS.at(-2) as string;
const OLDEST = SUPPORTED_VERSIONS[0] as string;
const apiKeyList = (data: unknown[] | null) =>
  exchange({ ...LIST, mode: 'apiKey', version: BEFORE_CURRENT, status: 200, body: { data } });
const ownList = { statuses: [200], why: "an API key's list", listExactly: ORG_ID };

/** A request without X-Polytomic-Version, served as `served` and saying so. */
const headerless = (served: string) =>
  getOrganization({ version: null, headers: { 'x-polytomic-version': served } });
const unknownVersion = { statuses: [400], why: 'an unknown version' };

export const ACCESS_RULE_CASES: Readonly<Record<string, CheckCase>> = {
  missing_version_header: {
    clean: [
      {
        label: 'served as POLYTOMIC_DEFAULT_VERSION, and said so',
        exchange: getOrganization({ version: null }),
      },
      {
        label: 'default unset: served as the legacy 2021-05-23, and said so',
        exchange: headerless(LEGACY_VERSION),
        defaultVersion: null,
      },
      {
        label: 'default unset: served as the oldest supported version, and said so',
        exchange: headerless(OLDEST),
        defaultVersion: null,
      },
    ],
    bad: [
      {
        label: 'a 400: breaks SDK-1.18 and the Terraform provider, which send no header',
        exchange: exchange({
          version: null,
          status: 400,
          body: apiError(400, 'X-Polytomic-Version is required.'),
        }),
        received: '400',
        documented: `a normal answer with X-Polytomic-Version: ${CURRENT}`,
      },
      {
        label: 'a 400 with the default unset',
        exchange: exchange({
          version: null,
          status: 400,
          body: apiError(400, 'X-Polytomic-Version is required.'),
        }),
        defaultVersion: null,
        received: '400',
        documented: `one of ${[...SUPPORTED_VERSIONS, LEGACY_VERSION].join(', ')}`,
      },
      {
        label: 'served as the legacy version where POLYTOMIC_DEFAULT_VERSION names the current one',
        exchange: headerless(LEGACY_VERSION),
        defaultVersion: CURRENT,
        received: `200 with X-Polytomic-Version: ${LEGACY_VERSION}`,
        documented: `a normal answer with X-Polytomic-Version: ${CURRENT}`,
      },
      {
        label: 'default unset: a version that does not exist named',
        exchange: headerless('2020-01-01'),
        defaultVersion: null,
        received: '200 with X-Polytomic-Version: 2020-01-01',
        documented: 'one of ',
      },
      {
        label: 'served without saying which version',
        exchange: getOrganization({ version: null, headers: { 'x-polytomic-version': undefined } }),
        received: '200 with X-Polytomic-Version: (none)',
        documented: `a normal answer with X-Polytomic-Version: ${CURRENT}`,
        alsoFires: ['version_header_echo'],
      },
      {
        label: 'a 500',
        exchange: exchange({
          version: null,
          status: 500,
          body: apiError(500, 'Internal server error.'),
        }),
        received: '500',
        documented: `a normal answer with X-Polytomic-Version: ${CURRENT}`,
        level: 'safety',
      },
    ],
  },
  unsupported_version: {
    clean: [
      {
        label: 'an unknown version: 400',
        exchange: exchange({
          version: '2020-01-01',
          status: 400,
          body: apiError(400, 'Unsupported X-Polytomic-Version.'),
        }),
        expect: unknownVersion,
      },
      {
        label: 'a malformed version ("latest"): 400',
        exchange: exchange({
          version: 'latest',
          status: 400,
          body: apiError(400, 'Unsupported X-Polytomic-Version.'),
        }),
        expect: unknownVersion,
      },
    ],
    bad: [
      {
        label: 'a 2xx whose header names the unknown version: no such version served it',
        exchange: getOrganization({
          version: '2020-01-01',
          headers: { 'x-polytomic-version': '2020-01-01' },
        }),
        expect: unknownVersion,
        received: '200 with X-Polytomic-Version: "2020-01-01"',
        documented: 'a served response names a version that exists',
        level: 'documented',
      },
      {
        label: 'a 500',
        exchange: exchange({
          version: '2020-01-01',
          status: 500,
          body: apiError(500, 'Internal server error.'),
        }),
        expect: unknownVersion,
        received: '500',
        documented: '400 (an unknown version)',
        level: 'safety',
      },
      {
        label: 'served as the current version, and said so: a decision departed from',
        exchange: getOrganization({ version: '2020-01-01' }),
        expect: unknownVersion,
        received: '200',
        documented: '400 (an unknown version)',
      },
      {
        label: 'a 404: a decision departed from',
        exchange: exchange({
          version: 'latest',
          status: 404,
          body: apiError(404, 'Not found.'),
        }),
        expect: unknownVersion,
        received: '404',
        documented: '400 (an unknown version)',
      },
    ],
  },
  tenant_isolation: {
    clean: [
      {
        label: "a list without the OTHER partner's organization",
        exchange: list([OWNER, SEED_ORGANIZATION]),
        expect: { statuses: [200], why: 'list', listExcludes: [OTHER_ID] },
      },
      {
        label: "get of the OTHER partner's organization: 404",
        exchange: exchange({
          path: `/api/organizations/${OTHER_ID}`,
          status: 404,
          body: apiError(404, 'Organization not found.'),
        }),
        expect: { statuses: [403, 404], why: "another partner's organization" },
      },
    ],
    bad: [
      {
        label: "the list leaks the OTHER partner's organization",
        exchange: list([OWNER, SEED_ORGANIZATION, OTHER]),
        expect: { statuses: [200], why: 'list', listExcludes: [OTHER_ID] },
        received: `the list holds ${OTHER_ID}`,
        documented: 'no organization of another partner',
      },
      {
        label: "get of the OTHER partner's organization: 200",
        exchange: getOrganization({
          path: `/api/organizations/${OTHER_ID}`,
          body: { data: OTHER },
        }),
        expect: { statuses: [403, 404], why: "another partner's organization" },
        received: '200',
        documented: "403 or 404 (another partner's organization)",
      },
    ],
  },
  list_own_organization: {
    clean: [
      {
        label: "exactly the API key's own organization",
        exchange: apiKeyList([SEED_ORGANIZATION]),
        expect: ownList,
      },
    ],
    bad: [
      {
        label: "another tenant's organization beside its own",
        exchange: apiKeyList([SEED_ORGANIZATION, OTHER]),
        expect: ownList,
        received: `the list also holds "${OTHER_ID}"`,
        documented: `only the key's own organization ${ORG_ID}`,
        level: 'safety',
      },
      {
        label: 'an empty list',
        exchange: apiKeyList([]),
        expect: ownList,
        received: `a list of 0 without ${ORG_ID}`,
        documented: `the key's own organization ${ORG_ID}`,
      },
      {
        label: 'data null: nothing listed',
        exchange: apiKeyList(null),
        expect: ownList,
        received: `a list of 0 without ${ORG_ID}`,
        documented: `the key's own organization ${ORG_ID}`,
      },
      {
        label: 'refused as before 2025-09-18 it is documented to answer',
        exchange: exchange({
          ...LIST,
          mode: 'apiKey',
          version: BEFORE_CURRENT,
          status: 403,
          body: { message: 'Forbidden: requires a partner key.', status: 403 },
        }),
        expect: ownList,
        received: '403',
        documented: "200 (an API key's list)",
      },
    ],
  },
  credential_kind: {
    clean: [
      {
        label: 'the partner key is a partner key',
        exchange: me(
          identity({ organization_id: OWNER_ID, is_partner: true, is_organization: false }),
        ),
        expect: kind('partner', 'POLYTOMIC_PARTNER_KEY'),
      },
      {
        label: 'every identity field is optional: only is_partner',
        exchange: me({ is_partner: true }),
        expect: kind('partner', 'POLYTOMIC_PARTNER_KEY'),
      },
      {
        label: "the API key is a user's (REF-2025's identity example)",
        exchange: me(identity({ is_user: true, is_organization: false })),
        expect: kind('apiKey', 'POLYTOMIC_API_KEY'),
      },
      {
        label: "the API key is an organization's",
        exchange: me(identity()),
        expect: kind('apiKey', 'POLYTOMIC_API_KEY'),
      },
      {
        label: 'the deployment key is no user and no organization',
        exchange: me(identity({ organization_id: null, is_organization: false, is_system: true })),
        expect: kind('deployment', 'POLYTOMIC_DEPLOYMENT_KEY'),
      },
    ],
    bad: [
      {
        label: 'the "partner key" is an API key',
        exchange: me(identity()),
        expect: kind('partner', 'POLYTOMIC_PARTNER_KEY'),
        received: `is_organization, organization_id "${ORG_ID}"`,
        documented: 'is_partner: true (POLYTOMIC_PARTNER_KEY)',
      },
      {
        label: 'the "API key" is a partner key',
        exchange: me(identity({ is_partner: true, is_organization: false })),
        expect: kind('apiKey', 'POLYTOMIC_API_KEY'),
        received: 'is_partner, organization_id',
        documented: 'is_user: true or is_organization: true (POLYTOMIC_API_KEY)',
      },
      {
        label: 'the "API key" says nothing of what it is',
        exchange: me({ organization_id: ORG_ID }),
        expect: kind('apiKey', 'POLYTOMIC_API_KEY'),
        received: 'no is_* flag',
        documented: 'is_user: true or is_organization: true',
      },
      {
        label: 'the "deployment key" is a user\'s: a decision departed from',
        exchange: me(identity({ is_user: true, is_organization: false })),
        expect: kind('deployment', 'POLYTOMIC_DEPLOYMENT_KEY'),
        received: 'is_user',
        documented: 'not is_user (POLYTOMIC_DEPLOYMENT_KEY)',
        level: 'decision',
      },
    ],
  },
  acting_as_organization: {
    clean: [
      {
        label: '/api/me names the organization acted as',
        exchange: me(identity(), 'actingAs'),
        expect: actingAs,
      },
    ],
    bad: [
      {
        label: "/api/me names the partner's OWNER instead",
        exchange: me(identity({ organization_id: OWNER_ID }), 'actingAs'),
        expect: actingAs,
        received: `organization_id "${OWNER_ID}"`,
        documented: `the organization acted as, organization_id ${ORG_ID} (Basic <id>:<key>)`,
      },
    ],
  },
  current_organization: {
    clean: [
      {
        label: "the API key's own organization",
        exchange: getOrganization({
          operation: 'current',
          path: '/api/organization',
          mode: 'apiKey',
        }),
        expect: { statuses: [200], why: "the API key's own", organization: { id: ORG_ID } },
      },
    ],
    bad: [
      {
        label: 'another organization',
        exchange: getOrganization({
          operation: 'current',
          path: '/api/organization',
          mode: 'apiKey',
          body: { data: OWNER },
        }),
        expect: { statuses: [200], why: "the API key's own", organization: { id: ORG_ID } },
        received: `organization "${OWNER_ID}"`,
        documented: `organization ${ORG_ID} (the API key's own)`,
      },
    ],
  },
  no_collateral_damage: {
    clean: [
      {
        label: 'both still there: "" and null alike, keys reordered, the run\'s own added',
        exchange: list([
          {
            sso_org_id: '123456',
            sso_domain: 'example.com',
            name: 'My Organization',
            issuer: 'https://example.com',
            id: ORG_ID,
          },
          { ...OTHER, issuer: null },
          { id: '0b7e6f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'conformance-run-1-a' },
        ]),
        expect: {
          statuses: [200],
          why: 'after the run',
          unchanged: [SEED_ORGANIZATION, { ...OTHER, issuer: '' }],
        },
      },
    ],
    bad: [
      {
        label: 'one renamed',
        exchange: list([organization({ name: 'Hijacked' }), OTHER]),
        expect: { statuses: [200], why: 'after the run', unchanged: [SEED_ORGANIZATION, OTHER] },
        received: `${ORG_ID} changed from`,
        documented: 'the 2 organizations that existed before the run, unchanged',
      },
      {
        label: 'one gone',
        exchange: list([SEED_ORGANIZATION]),
        expect: { statuses: [200], why: 'after the run', unchanged: [SEED_ORGANIZATION, OTHER] },
        received: `${OTHER_ID} ("Other Org") is gone`,
        documented: 'the 2 organizations that existed before the run, unchanged',
      },
    ],
  },
};
