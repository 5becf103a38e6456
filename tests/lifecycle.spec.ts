import { endpoint, label } from '../contract/endpoints';
import { versionRow } from '../contract/versions';
import { test } from '../harness/fixtures';
import { createdId, pathFor } from '../harness/requests';
import { versionTags } from '../harness/version-tags';

/** create → get → list → update → get → remove → get, and the documented 409 and 422. */
test.describe('lifecycle', () => {
  test('create, read back, update, remove · partner', async ({
    api,
    organizations,
    needs,
    needsWrites,
  }) => {
    needs('partner');
    needsWrites();
    const v = api.version;
    const [get, list, update, remove] = (['get', 'list', 'update', 'remove'] as const).map((op) =>
      endpoint(v, op),
    );
    await api.endpoint(label(endpoint(v, 'create')));
    const written = organizations.body('lifecycle', {
      issuer: 'https://idp.example.com',
      sso_domain: 'example.com',
      sso_org_id: 'sso-123',
      client_id: 'client-123',
      client_secret: 'conformance-secret-not-returned',
    });
    const { id } = await organizations.create(written);
    const { client_id: _id, client_secret: _secret, ...readable } = written;
    const path = pathFor(get, id);

    await api.check(
      { method: get.method, path, operation: 'get', mode: 'partner' },
      {
        rule: 'create_visible',
        statuses: get.success,
        why: 'get after create',
        organization: { id, ...readable },
      },
    );
    await api.check(
      { method: list.method, path: list.path, operation: 'list', mode: 'partner' },
      {
        rule: 'create_visible',
        statuses: list.success,
        why: 'list after create',
        listIncludes: [id],
      },
    );

    // Update replaces SSO/OIDC settings in full: what is not sent is cleared.
    const replacement = { name: organizations.name('updated'), sso_org_id: 'sso-456' };
    const expected = { id, ...replacement, issuer: undefined, sso_domain: undefined };
    await api.check(
      { method: update.method, path, operation: 'update', mode: 'partner', body: replacement },
      {
        rule: 'update_persists',
        statuses: update.success,
        why: 'the update answers with what it stored',
        organization: expected,
      },
    );
    await api.check(
      { method: get.method, path, operation: 'get', mode: 'partner' },
      {
        rule: 'update_persists',
        statuses: get.success,
        why: 'a fresh get after update',
        organization: expected,
      },
    );

    await api.check(
      { method: remove.method, path, operation: 'remove', mode: 'partner' },
      {
        rule: 'auth_accepted',
        statuses: remove.success,
        why: 'the partner removes an organization it created',
      },
    );
    await api.check(
      { method: get.method, path, operation: 'get', mode: 'partner' },
      { rule: 'delete_removes', statuses: [404], why: 'get after remove' },
    );
  });

  test('duplicate name → 409 on create and update', async ({
    api,
    organizations,
    needs,
    needsWrites,
  }) => {
    needs('partner');
    needsWrites();
    const [create, update] = [endpoint(api.version, 'create'), endpoint(api.version, 'update')];
    await api.endpoint(label(create));
    const first = await organizations.create(organizations.body('taken'));
    const second = await organizations.create(organizations.body('other'));
    const duplicate = await api.check(
      {
        method: create.method,
        path: create.path,
        operation: 'create',
        mode: 'partner',
        body: { name: first.body.name },
      },
      {
        rule: 'duplicate_name_conflict',
        statuses: [409],
        why: 'the name is already used in this partner account',
      },
    );
    const stray = createdId(duplicate.response.json);
    if (stray && stray !== first.id) organizations.track(stray);
    await api.check(
      {
        method: update.method,
        path: pathFor(update, second.id),
        operation: 'update',
        mode: 'partner',
        body: { name: first.body.name },
      },
      {
        rule: 'duplicate_name_conflict',
        statuses: [409],
        why: 'renaming to a name another organization has',
      },
    );
  });

  test('missing or non-string name → 422 on create and update', async ({
    api,
    organizations,
    needs,
    needsWrites,
  }) => {
    needs('partner');
    needsWrites();
    const [create, update] = [endpoint(api.version, 'create'), endpoint(api.version, 'update')];
    await api.endpoint(label(create));
    const existing = await organizations.create(organizations.body('named'));
    const bodies: [string, unknown][] = [
      ['no name', { sso_domain: 'example.com' }],
      ['a numeric name', { name: 42 }],
      ['a null name', { name: null }],
    ];
    for (const [why, body] of bodies) {
      const exchange = await api.check(
        { method: create.method, path: create.path, operation: 'create', mode: 'partner', body },
        { rule: 'name_required', statuses: [422], why: `create with ${why}` },
      );
      const stray = createdId(exchange.response.json);
      if (stray) organizations.track(stray);
      await api.check(
        {
          method: update.method,
          path: pathFor(update, existing.id),
          operation: 'update',
          mode: 'partner',
          body,
        },
        { rule: 'name_required', statuses: [422], why: `update with ${why}` },
      );
    }
  });

  test('owner organization first in the list · partner', {
    tag: versionTags((version) => versionRow(version).ownerFirstInList),
  }, async ({ api, needs }) => {
    needs('partner');
    const list = endpoint(api.version, 'list');
    await api.endpoint(label(list));
    const owner = api.directory.partnerOwnerId;
    if (!owner)
      throw new Error("The partner key's owner organization was not found through /api/me.");
    await api.check(
      { method: list.method, path: list.path, operation: 'list', mode: 'partner' },
      {
        rule: 'owner_first',
        statuses: list.success,
        why: 'the owner organization first',
        listFirst: owner,
      },
    );
  });
});
