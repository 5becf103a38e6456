import {
  MISSING_VERSION_HEADER,
  UNROUTED_UPDATE_STATUSES,
  UNSUPPORTED_VERSION_STATUSES,
} from '../contract/decisions';
import { endpoint, label, unroutedUpdateMethod } from '../contract/endpoints';
import { test } from '../harness/fixtures';
import { pathFor, UNSUPPORTED_VERSIONS } from '../harness/requests';

/**
 * The X-Polytomic-Version rules beyond the echo (which every exchange of every
 * spec is checked for): a missing header, unknown and malformed versions, and
 * the update method of the other versions.
 */
test.describe('version-header', () => {
  for (const operation of ['list', 'identity'] as const) {
    test(`${operation} without X-Polytomic-Version → ${MISSING_VERSION_HEADER.rejectStatuses.join('|')} or served as the default`, async ({
      api,
      needs,
    }) => {
      needs('partner');
      const row = endpoint(api.version, operation);
      await api.endpoint(label(row));
      await api.check(
        { method: row.method, path: row.path, operation, mode: 'partner', version: null },
        { rule: 'missing_version_header', statuses: [], why: 'no X-Polytomic-Version header' },
      );
    });

    test(`${operation} with an unknown or malformed version → ${UNSUPPORTED_VERSION_STATUSES.join('|')}`, async ({
      api,
      needs,
    }) => {
      needs('partner');
      const row = endpoint(api.version, operation);
      await api.endpoint(label(row));
      for (const version of UNSUPPORTED_VERSIONS) {
        await api.check(
          { method: row.method, path: row.path, operation, mode: 'partner', version },
          {
            rule: 'unsupported_version',
            statuses: UNSUPPORTED_VERSION_STATUSES,
            why: `X-Polytomic-Version: ${JSON.stringify(version)} is not a supported version`,
          },
        );
      }
    });
  }

  test(`the other versions' update method → ${UNROUTED_UPDATE_STATUSES.join('|')}`, async ({
    api,
    organizations,
    needs,
    needsWrites,
  }) => {
    needs('partner');
    needsWrites();
    const method = unroutedUpdateMethod(api.version);
    const get = endpoint(api.version, 'get');
    await api.endpoint(`${method} ${get.path}`);
    // A real organization: on a random id a routed update would also answer 404.
    const { id } = await organizations.create(organizations.body('routing'));
    await api.check(
      { method, path: pathFor(get, id), mode: 'partner', body: organizations.body('routed') },
      {
        rule: 'update_method_routing',
        statuses: UNROUTED_UPDATE_STATUSES,
        why: `${method} is not the update method of ${api.version}`,
      },
    );
  });
});
