import { OTHER_TENANT_STATUSES } from '../contract/decisions';
import type { HarnessConfig } from '../harness/config/env';
import { test } from '../harness/fixtures';
import { createdId } from '../harness/http/requests';
import { about, family } from '../harness/report/test-identity';

/**
 * Another partner's organizations are invisible to the partner key. Update and
 * remove are tried only on an organization this run created with the other
 * partner's key, so a wrong answer never touches a customer's organization.
 */

test.describe('isolation', family('isolation'), () => {
  // Skipped in each test, not in a beforeEach: a skip raised in a hook is a report's global error.
  const needsBoth = (needs: (mode: 'partner') => void, config: HarnessConfig) => {
    needs('partner');
    const reason = 'second partner key not configured (POLYTOMIC_OTHER_PARTNER_KEY): skipped';
    test.skip(!config.keys.otherPartner, reason);
  };

  test("another partner's organizations are not listed", {
    annotation: about('GET /api/organizations', 'partner'),
  }, async ({ api, needs, config }) => {
    needsBoth(needs, config);
    const list = await api.about('list');
    const others = api.directory.otherOrganizationIds;
    test.skip(others.length === 0, 'the second partner key lists no organization: skipped');
    await api.check(api.to('list', { mode: 'partner' }), {
      rule: 'tenant_isolation',
      statuses: list.success,
      why: "another partner's organizations",
      listExcludes: others,
    });
  });

  test("get of another partner's organization → 403|404", {
    annotation: about('GET /api/organizations/{id}', 'partner'),
  }, async ({ api, needs, config }) => {
    needsBoth(needs, config);
    await api.about('get');
    const other = api.directory.otherOwnerId;
    test.skip(!other, "the second partner key's organization was not found: skipped");
    await api.check(api.to('get', { id: other as string, mode: 'partner' }), {
      rule: 'tenant_isolation',
      statuses: OTHER_TENANT_STATUSES,
      why: "another partner's owner organization",
    });
  });

  test("update and remove of another partner's organization → 403|404", {
    annotation: about('update /api/organizations/{id}', 'partner'),
  }, async ({ api, organizations, needs, config, needsWrites }) => {
    needsBoth(needs, config);
    needsWrites();
    await api.about('update');
    const made = await api.send(
      api.to('create', { mode: 'otherPartner', body: organizations.body('other-partner') }),
    );
    const id = createdId(made.response.json);
    if (!id) {
      throw new Error(
        `The second partner key could not create an organization (HTTP ${made.response.status}).`,
      );
    }
    organizations.track(id, 'otherPartner');
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
});
