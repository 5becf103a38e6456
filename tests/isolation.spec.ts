import { OTHER_TENANT_STATUSES, UNREACHABLE_USER_STATUSES } from '../contract/decisions';
import { endpoint, type Operation } from '../contract/endpoints';
import type { HarnessConfig } from '../harness/config/env';
import { test } from '../harness/fixtures';
import type { SendAs } from '../harness/http/auth';
import { createdId } from '../harness/http/requests';
import type { JudgedApi } from '../harness/judge/judged-api';
import { endpointLabels, family } from '../harness/report/test-identity';
import type { Organizations } from '../harness/resources/organizations';
import type { Users } from '../harness/resources/users';

/**
 * Another partner's organizations are invisible to the partner key. Update and
 * remove are tried only on an organization this run created with the other
 * partner's key, so a wrong answer never touches a customer's organization. The same
 * for users: each partner's users live in an organization this run created with its key.
 */

/** Every user endpoint of one user, tried as `mode`: each hidden (user_isolation). */
async function trespass(
  api: JudgedApi,
  users: Users,
  mode: SendAs,
  org_id: string,
  id: string,
  why: string,
) {
  const tries: [Operation, string | undefined, unknown][] = [
    ['list', undefined, undefined],
    ['get', id, undefined],
    ['update', id, users.body()],
    ['issueKey', id, undefined],
    ['remove', id, undefined],
  ];
  for (const [operation, userId, body] of tries) {
    await api.check(
      api.to(operation, { resource: 'users', params: { org_id }, id: userId, mode, body }),
      { rule: 'user_isolation', statuses: UNREACHABLE_USER_STATUSES, why: `${operation}: ${why}` },
    );
  }
}

test.describe('isolation', family('isolation'), () => {
  // Skipped in each test, not in a beforeEach: a skip raised in a hook is a report's global error.
  const needsBoth = (needs: (mode: 'partner') => void, config: HarnessConfig) => {
    needs('partner');
    const reason = 'second partner key not configured (POLYTOMIC_OTHER_PARTNER_KEY): skipped';
    test.skip(!config.keys.otherPartner, reason);
  };

  test("another partner's organizations are not listed", {
    annotation: endpointLabels('GET /api/organizations', 'partner'),
  }, async ({ api, needs, config }) => {
    needsBoth(needs, config);
    const list = await api.about('list');
    const others = api.reach.otherOrganizationIds;
    test.skip(others.length === 0, 'the second partner key lists no organization: skipped');
    await api.check(api.to('list', { mode: 'partner' }), {
      rule: 'tenant_isolation',
      statuses: list.success,
      why: "another partner's organizations",
      listExcludes: others,
    });
  });

  test("get of another partner's organization → 403|404", {
    annotation: endpointLabels('GET /api/organizations/{id}', 'partner'),
  }, async ({ api, needs, config }) => {
    needsBoth(needs, config);
    await api.about('get');
    const other = api.reach.otherOwnerId;
    test.skip(!other, "the second partner key's organization was not found: skipped");
    await api.check(api.to('get', { id: other as string, mode: 'partner' }), {
      rule: 'tenant_isolation',
      statuses: OTHER_TENANT_STATUSES,
      why: "another partner's owner organization",
    });
  });

  test("update and remove of another partner's organization → 403|404", {
    annotation: endpointLabels('update /api/organizations/{id}', 'partner'),
  }, async ({ api, organizations, needs, config, needsWrites }) => {
    needsBoth(needs, config);
    needsWrites();
    await api.about('update');
    const id = await otherPartnerOrganization(api, organizations, 'other-partner');
    const why = 'an organization of another partner';
    const body = organizations.body('trespass');
    await api.check(api.to('update', { id, mode: 'partner', body }), {
      rule: 'tenant_isolation',
      statuses: OTHER_TENANT_STATUSES,
      why,
    });
    await api.check(api.to('remove', { id, mode: 'partner' }), {
      rule: 'tenant_isolation',
      statuses: OTHER_TENANT_STATUSES,
      why,
    });
  });

  test("another partner's key does not reach our users → 403|404", {
    annotation: endpointLabels('GET /api/organizations/{org_id}/users', 'otherPartner'),
  }, async ({ api, users, needs, needsWrites, config }) => {
    needsBoth(needs, config);
    needsWrites();
    await api.about('list', 'users');
    const org_id = await users.organization();
    const made = await users.create(org_id);
    await trespass(api, users, 'otherPartner', org_id, made.id, 'a user of another partner');
    // Still there: a remove that was wrongly served shows here too.
    await api.check(
      api.to('get', { resource: 'users', params: { org_id }, id: made.id, mode: 'partner' }),
      {
        rule: 'user_isolation',
        statuses: endpoint(api.version, 'get', 'users').success,
        why: 'our user after the other partner tried it',
      },
    );
  });

  test("the partner key does not reach another partner's users → 403|404", {
    annotation: endpointLabels('GET /api/organizations/{org_id}/users', 'partner'),
  }, async ({ api, organizations, users, needs, needsWrites, config }) => {
    needsBoth(needs, config);
    needsWrites();
    await api.about('list', 'users');
    const org_id = await otherPartnerOrganization(api, organizations, 'other-users');
    const theirs = await users.create(org_id, { mode: 'otherPartner' });
    await trespass(
      api,
      users,
      'partner',
      org_id,
      theirs.id,
      "a user of another partner's organization",
    );
  });
});

/** An organization the second partner creates (plumbing, not judged), removed with the run's. */
async function otherPartnerOrganization(
  api: JudgedApi,
  organizations: Organizations,
  label: string,
): Promise<string> {
  const made = await api.send(
    api.to('create', { mode: 'otherPartner', body: organizations.body(label) }),
  );
  const id = createdId(made.response.json);
  if (!id) {
    throw new Error(
      `The second partner key could not create an organization (HTTP ${made.response.status}).`,
    );
  }
  organizations.track(id, 'otherPartner');
  return id;
}
