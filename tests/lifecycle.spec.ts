import { endpoint } from '../contract/endpoints';
import { versionRow } from '../contract/versions';
import { test } from '../harness/fixtures';
import { createdId } from '../harness/requests';
import { versionTags } from '../harness/version-tags';

/** create → get → list → update → get → remove → get, and the documented 409 and 422. */
test.describe('lifecycle', () => {
  test.beforeEach(({ needs }) => needs('partner'));

  test('create, read back, update, remove · partner', async ({
    api,
    organizations,
    needsWrites,
  }) => {
    needsWrites();
    await api.about('create');
    const success = (operation: 'get' | 'list' | 'update' | 'remove') =>
      endpoint(api.version, operation).success;
    const written = organizations.body('lifecycle', {
      issuer: 'https://idp.example.com',
      sso_domain: 'example.com',
      sso_org_id: 'sso-123',
      client_id: 'client-123',
      client_secret: 'conformance-secret-not-returned',
    });
    const { id } = await organizations.create(written);
    const { client_id: _id, client_secret: _secret, ...readable } = written;
    const mode = 'partner';

    await api.check(api.to('get', { id, mode }), {
      rule: 'create_visible',
      statuses: success('get'),
      why: 'get after create',
      organization: { id, ...readable },
    });
    await api.check(api.to('list', { mode }), {
      rule: 'create_visible',
      statuses: success('list'),
      why: 'list after create',
      listIncludes: [id],
    });

    // Update replaces SSO/OIDC settings in full: what is not sent is cleared.
    const replacement = { name: organizations.name('updated'), sso_org_id: 'sso-456' };
    const expected = { id, ...replacement, issuer: undefined, sso_domain: undefined };
    await api.check(api.to('update', { id, mode, body: replacement }), {
      rule: 'update_persists',
      statuses: success('update'),
      why: 'the update answers with what it stored',
      organization: expected,
    });
    await api.check(api.to('get', { id, mode }), {
      rule: 'update_persists',
      statuses: success('get'),
      why: 'a fresh get after update',
      organization: expected,
    });

    await api.check(api.to('remove', { id, mode }), {
      rule: 'auth_accepted',
      statuses: success('remove'),
      why: 'the partner removes an organization it created',
    });
    await api.check(api.to('get', { id, mode }), {
      rule: 'delete_removes',
      statuses: [404],
      why: 'get after remove',
    });
  });

  test('duplicate name → 409 on create and update', async ({ api, organizations, needsWrites }) => {
    needsWrites();
    await api.about('create');
    const first = await organizations.create(organizations.body('taken'));
    const second = await organizations.create(organizations.body('other'));
    const taken = { name: first.body.name };
    const duplicate = await api.check(api.to('create', { mode: 'partner', body: taken }), {
      rule: 'duplicate_name_conflict',
      statuses: [409],
      why: 'the name is already used in this partner account',
    });
    const stray = createdId(duplicate.response.json);
    if (stray && stray !== first.id) organizations.track(stray);
    await api.check(api.to('update', { id: second.id, mode: 'partner', body: taken }), {
      rule: 'duplicate_name_conflict',
      statuses: [409],
      why: 'renaming to a name another organization has',
    });
  });

  test('missing or non-string name → 422 on create and update', async ({
    api,
    organizations,
    needsWrites,
  }) => {
    needsWrites();
    await api.about('create');
    const existing = await organizations.create(organizations.body('named'));
    const bodies: [string, unknown][] = [
      ['no name', { sso_domain: 'example.com' }],
      ['a numeric name', { name: 42 }],
      ['a null name', { name: null }],
    ];
    // Six requests that do not depend on each other: sent together.
    await Promise.all(
      bodies.flatMap(([why, body]) => [
        api
          .check(api.to('create', { mode: 'partner', body }), {
            rule: 'name_required',
            statuses: [422],
            why: `create with ${why}`,
          })
          .then((created) => {
            const stray = createdId(created.response.json);
            if (stray) organizations.track(stray);
          }),
        api.check(api.to('update', { id: existing.id, mode: 'partner', body }), {
          rule: 'name_required',
          statuses: [422],
          why: `update with ${why}`,
        }),
      ]),
    );
  });

  test('owner organization first in the list · partner', {
    tag: versionTags((version) => versionRow(version).ownerFirstInList),
  }, async ({ api }) => {
    const list = await api.about('list');
    const owner = api.directory.partnerOwnerId;
    if (!owner)
      throw new Error("The partner key's owner organization was not found through /api/me.");
    await api.check(api.to('list', { mode: 'partner' }), {
      rule: 'owner_first',
      statuses: list.success,
      why: 'the owner organization first',
      listFirst: owner,
    });
  });
});
