import { randomBytes } from 'node:crypto';
import {
  IDEMPOTENCY_IN_FLIGHT_STATUSES,
  MALFORMED_IDEMPOTENCY_KEY_STATUSES,
} from '../contract/decisions';
import { endpoint } from '../contract/endpoints';
import type { RuleName } from '../contract/rules';
import type { Expectation } from '../harness/checks/types';
import { test } from '../harness/fixtures';
import { createdId } from '../harness/http/requests';
import type { JudgedApi } from '../harness/judge/judged-api';
import { endpointLabels, family } from '../harness/report/test-identity';
import type { Organizations } from '../harness/resources/organizations';

/**
 * Idempotency-Key on create, in every version (GUIDE-IDEMPOTENCY is in the 2022-12-12 and
 * 2023-04-25 doc sets too, and the 2023 Go client sends it), and accepted on update and
 * remove (SDK-HEAD sends it there). Source: docs/CONTRACT.md § Idempotency.
 */
const annotation = endpointLabels('POST /api/organizations', 'partner');

function newKey(): string {
  return `conformance-${randomBytes(8).toString('hex')}`;
}

/** A partner's create carrying an Idempotency-Key. */
function keyedCreate(api: JudgedApi, body: unknown, key: string) {
  return {
    ...api.to('create', { mode: 'partner', body, headers: { 'Idempotency-Key': key } }),
    mode: 'partner' as const,
  };
}

/** After the creates: the list holds `count` organizations of that name (their ids tracked for cleanup). */
async function expectCount(
  api: JudgedApi,
  organizations: Organizations,
  rule: RuleName,
  name: string,
  count: number,
) {
  const list = await api.check(api.to('list', { mode: 'partner' }), {
    rule,
    statuses: endpoint(api.version, 'list').success,
    why: count === 0 ? 'a refused key creates nothing' : 'one create for one key',
    nameCount: { name, count },
  });
  const data = (list.response.json as { data?: { id?: string; name?: string }[] } | undefined)
    ?.data;
  for (const item of Array.isArray(data) ? data : [])
    if (item?.name === name && item.id) organizations.track(item.id);
}

test.describe('lifecycle', family('lifecycle'), () => {
  test.describe('idempotency', () => {
    // Skipped in each test, not in a beforeEach: a skip raised in a hook is a report's global error.
    test('a retried create replays the first outcome and creates nothing', { annotation }, async ({
      api,
      organizations,
      needs,
      needsWrites,
    }) => {
      needs('partner');
      needsWrites();
      const create = await api.about('create');
      const body = organizations.body('idempotent');
      const request = keyedCreate(api, body, newKey());
      const first = await organizations.createWith(request);
      await api.check(request, {
        rule: 'idempotent_replay',
        statuses: create.success,
        why: 'the same Idempotency-Key again',
        replayOf: first,
      });
      await expectCount(api, organizations, 'idempotent_replay', body.name, 1);
    });

    test('concurrent creates with one key make one organization', { annotation }, async ({
      api,
      organizations,
      needs,
      needsWrites,
    }) => {
      needs('partner');
      needsWrites();
      const create = await api.about('create');
      const body = organizations.body('concurrent');
      const request = keyedCreate(api, body, newKey());
      // Either the replay of the first outcome, or 409 while the first is still in flight.
      const expectation: Expectation = {
        rule: 'idempotent_replay',
        statuses: [...create.success, ...IDEMPOTENCY_IN_FLIGHT_STATUSES],
        why: 'one key sent three times at once',
      };
      const exchanges = await Promise.all([0, 1, 2].map(() => api.check(request, expectation)));
      for (const exchange of exchanges) {
        const id = createdId(exchange.response.json);
        if (id) organizations.track(id);
      }
      await expectCount(api, organizations, 'idempotent_replay', body.name, 1);
    });

    for (const [why, key] of [
      ['too short', 'short'],
      ['illegal characters', 'bad key with spaces!'],
      ['too long', 'k'.repeat(256)],
    ] as const) {
      const statuses = MALFORMED_IDEMPOTENCY_KEY_STATUSES;
      test(`a malformed key (${why}) → ${statuses.join('|')}, nothing created`, {
        annotation,
      }, async ({ api, organizations, needs, needsWrites }) => {
        needs('partner');
        needsWrites();
        await api.about('create');
        const body = organizations.body('badkey');
        await api.check(keyedCreate(api, body, key), {
          rule: 'idempotency_key_validation',
          statuses,
          why: `an Idempotency-Key ${why}`,
        });
        await expectCount(api, organizations, 'idempotency_key_validation', body.name, 0);
      });
    }

    test('update and remove carrying an Idempotency-Key are served as without it', {
      annotation: endpointLabels('update /api/organizations/{id}', 'partner'),
    }, async ({ api, organizations, needs, needsWrites }) => {
      needs('partner');
      needsWrites();
      const update = await api.about('update');
      const { id } = await organizations.create(organizations.body('keyed'));
      const renamed = organizations.body('keyed-renamed');
      await api.check(
        api.to('update', {
          id,
          mode: 'partner',
          body: renamed,
          headers: { 'Idempotency-Key': newKey() },
        }),
        {
          rule: 'idempotency_header_accepted',
          statuses: update.success,
          why: 'SDK-HEAD sends Idempotency-Key on update',
        },
      );
      const removed = await api.check(
        api.to('remove', { id, mode: 'partner', headers: { 'Idempotency-Key': newKey() } }),
        {
          rule: 'idempotency_header_accepted',
          statuses: endpoint(api.version, 'remove').success,
          why: 'SDK-HEAD sends Idempotency-Key on delete',
        },
      );
      // Left for the cleanup unless it is gone.
      if (removed.response.status < 300) organizations.forget(id);
    });
  });
});
