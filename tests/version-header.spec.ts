import { UNROUTED_UPDATE_STATUSES, UNSUPPORTED_VERSION_STATUSES } from '../contract/decisions';
import { endpoint, unroutedUpdateMethod } from '../contract/endpoints';
import { UNSUPPORTED_VERSIONS } from '../contract/inputs';
import { test } from '../harness/fixtures';
import { endpointLabels, family } from '../harness/report/test-identity';

/**
 * The X-Polytomic-Version rules beyond the echo (which every exchange of every
 * spec is checked for): a missing header, unknown and malformed versions, and
 * the update method of the other versions.
 */
const PATHS = { list: '/api/organizations', identity: '/api/me' } as const;

test.describe('version-header', family('version-header'), () => {
  // Skipped in each test, not in a beforeEach: a skip raised in a hook is a report's global error.

  for (const operation of ['list', 'identity'] as const) {
    const annotation = endpointLabels(`GET ${PATHS[operation]}`, 'partner');
    test(`${operation} without X-Polytomic-Version → served as the default version`, {
      annotation,
    }, async ({ api, needs }) => {
      needs('partner');
      const row = await api.about(operation);
      await api.check(api.to(operation, { mode: 'partner', version: null }), {
        rule: 'missing_version_header',
        statuses: row.success,
        why: 'no X-Polytomic-Version header (SDK-1.18 and the Terraform provider send none)',
      });
    });

    test(`${operation} with an unknown or malformed version → ${UNSUPPORTED_VERSION_STATUSES.join('|')}`, {
      annotation,
    }, async ({ api, needs }) => {
      needs('partner');
      await api.about(operation);
      await Promise.all(
        UNSUPPORTED_VERSIONS.map((version) =>
          api.check(api.to(operation, { mode: 'partner', version }), {
            rule: 'unsupported_version',
            statuses: UNSUPPORTED_VERSION_STATUSES,
            why: `X-Polytomic-Version: ${JSON.stringify(version)} is not a supported version`,
          }),
        ),
      );
    });
  }

  test(`the other versions' update method → ${UNROUTED_UPDATE_STATUSES.join('|')}`, {
    annotation: endpointLabels('other update method /api/organizations/{id}', 'partner'),
  }, async ({ api, organizations, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    const method = unroutedUpdateMethod(api.version);
    await api.endpoint(`${method} ${endpoint(api.version, 'update').path}`);
    // A real organization: on a random id a routed update would also answer 404.
    const { id } = await organizations.create(organizations.body('routing'));
    const update = api.to('update', { id, mode: 'partner', body: organizations.body('routed') });
    await api.check(
      // Not an operation of this version, so no success schema applies.
      { ...update, method, operation: undefined },
      {
        rule: 'update_method_routing',
        statuses: UNROUTED_UPDATE_STATUSES,
        why: `${method} is not the update method of ${api.version}`,
        // Its body and content type are not judged: a router may answer it, not the API.
        ruleOnly: true,
      },
    );
  });

  test(`a user: the other versions' update method → ${UNROUTED_UPDATE_STATUSES.join('|')}`, {
    annotation: endpointLabels(
      'other update method /api/organizations/{org_id}/users/{id}',
      'partner',
    ),
  }, async ({ api, users, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    const method = unroutedUpdateMethod(api.version, 'users');
    const row = endpoint(api.version, 'update', 'users');
    await api.endpoint(`${method} ${row.path}`);
    // A real user: on random ids a routed update would also answer 404.
    const org_id = await users.organization();
    const made = await users.create(org_id);
    const update = api.to('update', {
      resource: 'users',
      params: { org_id },
      id: made.id,
      mode: 'partner',
      body: { email: made.body.email, role: 'user' },
    });
    await api.check(
      { ...update, method, operation: undefined },
      {
        rule: 'update_method_routing',
        statuses: UNROUTED_UPDATE_STATUSES,
        why: `${method} is not the user update method of ${api.version}`,
        ruleOnly: true,
      },
    );
  });
});
