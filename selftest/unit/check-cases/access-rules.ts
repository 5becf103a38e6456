import {
  apiError,
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

export const ACCESS_RULE_CASES: Readonly<Record<string, CheckCase>> = {
  missing_version_header: {
    clean: [
      {
        label: '400 with a JSON error',
        exchange: exchange({
          version: null,
          status: 400,
          body: apiError(400, 'X-Polytomic-Version is required.'),
        }),
      },
      {
        label: 'served as the default version, and said so',
        exchange: getOrganization({ version: null }),
      },
    ],
    bad: [
      {
        label: 'served silently as the legacy version',
        exchange: getOrganization({
          version: null,
          headers: { 'x-polytomic-version': '2021-05-23' },
        }),
        received: '200 with X-Polytomic-Version: 2021-05-23',
        documented: '400, or 2xx with X-Polytomic-Version: 2025-09-18',
      },
      {
        label: 'a 500',
        exchange: exchange({
          version: null,
          status: 500,
          body: apiError(500, 'Internal server error.'),
        }),
        received: '500',
        documented: '400, or 2xx with X-Polytomic-Version: 2025-09-18',
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
  credential_kind: {
    clean: [
      {
        label: 'the partner key is a partner key',
        exchange: me(
          identity({ organization_id: OWNER_ID, is_partner: true, is_organization: false }),
        ),
        expect: { statuses: [200], why: 'POLYTOMIC_PARTNER_KEY', identity: { kind: 'partner' } },
      },
    ],
    bad: [
      {
        label: 'the "partner key" is an API key',
        exchange: me(identity()),
        expect: { statuses: [200], why: 'POLYTOMIC_PARTNER_KEY', identity: { kind: 'partner' } },
        received: `organization for organization "${ORG_ID}"`,
        documented: 'partner (POLYTOMIC_PARTNER_KEY)',
      },
    ],
  },
  acting_as_organization: {
    clean: [
      {
        label: '/api/me names the organization acted as',
        exchange: me(identity(), 'actingAs'),
        expect: {
          statuses: [200],
          why: 'Basic <id>:<key>',
          identity: { kind: 'organization', organizationId: ORG_ID },
        },
      },
    ],
    bad: [
      {
        label: "/api/me names the partner's OWNER instead",
        exchange: me(identity({ organization_id: OWNER_ID }), 'actingAs'),
        expect: {
          statuses: [200],
          why: 'Basic <id>:<key>',
          identity: { kind: 'organization', organizationId: ORG_ID },
        },
        received: `organization for organization "${OWNER_ID}"`,
        documented: `organization for organization ${ORG_ID} (Basic <id>:<key>)`,
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
