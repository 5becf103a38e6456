import { NON_UUID_ID_STATUSES, UPDATE_UNKNOWN_ID_STATUSES } from '../contract/decisions';
import { type AuthMode, endpoint, type Operation } from '../contract/endpoints';
import { NON_UUID_IDS } from '../contract/inputs';
import { test } from '../harness/fixtures';
import { randomId } from '../harness/http/requests';
import type { JudgedApi } from '../harness/judge/judged-api';
import { endpointLabels, family } from '../harness/report/test-identity';
import type { Organizations } from '../harness/resources/organizations';

/** 404 for ids that were never issued or are gone; non-UUID ids never 2xx or 5xx. */
const BY_ID: readonly Operation[] = ['get', 'update', 'remove'];
const MODES: readonly AuthMode[] = ['partner', 'deployment'];

/** A request by id, with a valid body where the operation takes one. */
function byId(
  api: JudgedApi,
  organizations: Organizations,
  operation: Operation,
  id: string,
  mode: AuthMode,
) {
  const body = endpoint(api.version, operation).hasBody ? organizations.body('by-id') : undefined;
  return api.to(operation, { id, mode, body });
}

test.describe('not-found', family('not-found'), () => {
  for (const operation of BY_ID) {
    for (const mode of MODES) {
      test(`${operation} a never-issued id · ${mode} → 404`, {
        annotation: endpointLabels(`${operation} /api/organizations/{id}`, mode),
      }, async ({ api, organizations, needs }) => {
        needs(mode);
        await api.about(operation);
        // SDK-1.18 declares 404 on get and remove, none on update: there it is a decision,
        // and a 2xx (an update of nothing) still fails.
        const update = operation === 'update';
        await api.check(byId(api, organizations, operation, randomId(), mode), {
          rule: 'not_found',
          statuses: update ? UPDATE_UNKNOWN_ID_STATUSES : [404],
          why: 'a random v4 UUID no deployment issued',
          ...(update ? { level: 'decision', successLevel: 'documented' } : {}),
        });
      });
    }

    test(`${operation} a non-UUID id · partner → ${NON_UUID_ID_STATUSES.join('|')}`, {
      annotation: endpointLabels(`${operation} /api/organizations/{id}`, 'partner'),
    }, async ({ api, organizations, needs }) => {
      needs('partner');
      await api.about(operation);
      await Promise.all(
        NON_UUID_IDS.map((id) =>
          api.check(byId(api, organizations, operation, id, 'partner'), {
            rule: 'invalid_id',
            statuses: NON_UUID_ID_STATUSES,
            why: `${JSON.stringify(id)} is not a UUID`,
          }),
        ),
      );
    });
  }

  test('get, update and remove after remove · partner → 404', {
    annotation: endpointLabels('DELETE /api/organizations/{id}', 'partner'),
  }, async ({ api, organizations, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    const remove = await api.about('remove');
    const { id } = await organizations.create(organizations.body('removed'));
    await api.check(api.to('remove', { id, mode: 'partner' }), {
      rule: 'auth_accepted',
      statuses: remove.success,
      why: 'the partner removes an organization it created',
    });
    await Promise.all(
      BY_ID.map((operation) =>
        api.check(byId(api, organizations, operation, id, 'partner'), {
          rule: 'delete_removes',
          statuses: [404],
          why: 'the organization was removed earlier in this test',
        }),
      ),
    );
  });
});
