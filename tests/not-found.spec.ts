import { NON_UUID_ID_STATUSES } from '../contract/decisions';
import { type AuthMode, endpoint, label, type Operation } from '../contract/endpoints';
import { test } from '../harness/fixtures';
import { NON_UUID_IDS, pathFor, randomId } from '../harness/requests';

/** 404 for ids that were never issued or are gone; non-UUID ids never 2xx or 5xx. */
const BY_ID: readonly Operation[] = ['get', 'update', 'remove'];
const MODES: readonly AuthMode[] = ['partner', 'deployment'];

test.describe('not-found', () => {
  for (const operation of BY_ID) {
    for (const mode of MODES) {
      test(`${operation} a never-issued id · ${mode} → 404`, async ({
        api,
        organizations,
        needs,
      }) => {
        needs(mode);
        const row = endpoint(api.version, operation);
        await api.endpoint(label(row));
        await api.check(
          {
            method: row.method,
            path: pathFor(row, randomId()),
            operation,
            mode,
            body: row.hasBody ? organizations.body('missing') : undefined,
          },
          { rule: 'not_found', statuses: [404], why: 'a random v4 UUID no deployment issued' },
        );
      });
    }

    test(`${operation} a non-UUID id · partner → ${NON_UUID_ID_STATUSES.join('|')}`, async ({
      api,
      organizations,
      needs,
    }) => {
      needs('partner');
      const row = endpoint(api.version, operation);
      await api.endpoint(label(row));
      for (const id of NON_UUID_IDS) {
        await api.check(
          {
            method: row.method,
            path: pathFor(row, id),
            operation,
            mode: 'partner',
            body: row.hasBody ? organizations.body('malformed') : undefined,
          },
          {
            rule: 'invalid_id',
            statuses: NON_UUID_ID_STATUSES,
            why: `${JSON.stringify(id)} is not a UUID`,
          },
        );
      }
    });
  }

  test('get, update and remove after remove · partner → 404', async ({
    api,
    organizations,
    needs,
    needsWrites,
  }) => {
    needs('partner');
    needsWrites();
    const remove = endpoint(api.version, 'remove');
    await api.endpoint(label(remove));
    const { id } = await organizations.create(organizations.body('removed'));
    await api.check(
      { method: remove.method, path: pathFor(remove, id), operation: 'remove', mode: 'partner' },
      {
        rule: 'auth_accepted',
        statuses: remove.success,
        why: 'the partner removes an organization it created',
      },
    );
    for (const operation of BY_ID) {
      const row = endpoint(api.version, operation);
      await api.check(
        {
          method: row.method,
          path: pathFor(row, id),
          operation,
          mode: 'partner',
          body: row.hasBody ? organizations.body('revived') : undefined,
        },
        {
          rule: 'delete_removes',
          statuses: [404],
          why: 'the organization was removed earlier in this test',
        },
      );
    }
  });
});
