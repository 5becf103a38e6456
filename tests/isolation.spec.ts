import { endpoint, label, type Operation } from '../contract/endpoints';
import { test } from '../harness/fixtures';
import { pathFor } from '../harness/requests';

/**
 * Another partner's organizations are invisible to the partner key. Update and
 * remove are tried only on an organization this run created with the other
 * partner's key, so a wrong answer never touches a customer's organization.
 */
test.describe('isolation', () => {
  test.beforeEach(({ needs, config }) => {
    needs('partner');
    test.skip(
      !config.keys.otherPartner,
      'second partner key not configured (POLYTOMIC_OTHER_PARTNER_KEY): skipped',
    );
  });

  test("another partner's organizations are not listed", async ({ api }) => {
    const list = endpoint(api.version, 'list');
    await api.endpoint(label(list));
    const others = api.directory.otherOrganizationIds;
    test.skip(others.length === 0, 'the second partner key lists no organization: skipped');
    await api.check(
      { method: list.method, path: list.path, operation: 'list', mode: 'partner' },
      {
        rule: 'tenant_isolation',
        statuses: list.success,
        why: "another partner's organizations",
        listExcludes: others,
      },
    );
  });

  test("get of another partner's organization → 403|404", async ({ api }) => {
    const get = endpoint(api.version, 'get');
    await api.endpoint(label(get));
    const other = api.directory.otherOwnerId;
    test.skip(!other, "the second partner key's organization was not found: skipped");
    await api.check(
      {
        method: get.method,
        path: pathFor(get, other as string),
        operation: 'get',
        mode: 'partner',
      },
      {
        rule: 'tenant_isolation',
        statuses: [403, 404],
        why: "another partner's owner organization",
      },
    );
  });

  test("update and remove of another partner's organization → 403|404", async ({
    api,
    organizations,
    needsWrites,
  }) => {
    needsWrites();
    const create = endpoint(api.version, 'create');
    await api.endpoint(label(create));
    const { keys } = api.config;
    const made = await api.send({
      method: create.method,
      path: create.path,
      operation: 'create',
      mode: 'custom',
      authorization: `Bearer ${keys.otherPartner}`,
      body: organizations.body('other-partner'),
    });
    const id = (made.response.json as { data?: { id?: string } } | undefined)?.data?.id;
    if (!id)
      throw new Error(
        `The second partner key could not create an organization (HTTP ${made.response.status}).`,
      );
    organizations.trackWith(id, `Bearer ${keys.otherPartner}`);
    for (const operation of ['update', 'remove'] as Operation[]) {
      const row = endpoint(api.version, operation);
      await api.check(
        {
          method: row.method,
          path: pathFor(row, id),
          operation,
          mode: 'partner',
          body: row.hasBody ? organizations.body('trespass') : undefined,
        },
        {
          rule: 'tenant_isolation',
          statuses: [403, 404],
          why: 'an organization of another partner',
        },
      );
    }
  });
});
