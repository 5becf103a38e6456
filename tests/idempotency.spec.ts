import { randomBytes } from 'node:crypto';
import { MALFORMED_IDEMPOTENCY_KEY_STATUSES } from '../contract/decisions';
import { endpoint, label } from '../contract/endpoints';
import { versionRow } from '../contract/versions';
import { test } from '../harness/fixtures';
import { createdId } from '../harness/requests';
import { versionTags } from '../harness/version-tags';

/** Idempotency-Key on create (2024-02-08 and later). Source: CONTRACT.md § Idempotency. */
const tag = versionTags((version) => versionRow(version).idempotency);

function newKey(): string {
  return `conformance-${randomBytes(8).toString('hex')}`;
}

test.describe('lifecycle', () => {
  test.describe('idempotency', () => {
    test.beforeEach(async ({ needs, needsWrites }) => {
      needs('partner');
      needsWrites();
    });

    test('a retried create replays the first outcome and creates nothing', { tag }, async ({
      api,
      organizations,
    }) => {
      const [create, list] = [endpoint(api.version, 'create'), endpoint(api.version, 'list')];
      await api.endpoint(label(create));
      const body = organizations.body('idempotent');
      const request = {
        method: create.method,
        path: create.path,
        operation: 'create' as const,
        mode: 'partner' as const,
        body,
        headers: { 'Idempotency-Key': newKey() },
      };
      const first = await organizations.createWith(request);
      const again = await api.check(request, {
        rule: 'idempotent_replay',
        statuses: create.success,
        why: 'the same Idempotency-Key again',
        replayOf: first,
      });
      const stray = createdId(again.response.json);
      if (stray) organizations.track(stray);
      await api.check(
        { method: list.method, path: list.path, operation: 'list', mode: 'partner' },
        {
          rule: 'idempotent_replay',
          statuses: list.success,
          why: 'one create for one key',
          nameCount: { name: body.name, count: 1 },
        },
      );
    });

    test('concurrent creates with one key make one organization', { tag }, async ({
      api,
      organizations,
    }) => {
      const [create, list] = [endpoint(api.version, 'create'), endpoint(api.version, 'list')];
      await api.endpoint(label(create));
      const body = organizations.body('concurrent');
      const request = {
        method: create.method,
        path: create.path,
        operation: 'create' as const,
        mode: 'partner' as const,
        body,
        headers: { 'Idempotency-Key': newKey() },
      };
      // Either the replay of the first outcome, or 409 while the first is still in flight.
      const exchanges = await Promise.all(
        [0, 1, 2].map(() =>
          api.check(request, {
            rule: 'idempotent_replay',
            statuses: [...create.success, 409],
            why: 'one key sent three times at once',
          }),
        ),
      );
      for (const exchange of exchanges) {
        const id = createdId(exchange.response.json);
        if (id) organizations.track(id);
      }
      await api.check(
        { method: list.method, path: list.path, operation: 'list', mode: 'partner' },
        {
          rule: 'idempotent_replay',
          statuses: list.success,
          why: 'one create for one key',
          nameCount: { name: body.name, count: 1 },
        },
      );
    });

    for (const [why, key] of [
      ['too short', 'short'],
      ['illegal characters', 'bad key with spaces!'],
      ['too long', 'k'.repeat(256)],
    ] as const) {
      test(`a malformed key (${why}) → ${MALFORMED_IDEMPOTENCY_KEY_STATUSES.join('|')}, nothing created`, {
        tag,
      }, async ({ api, organizations }) => {
        const [create, list] = [endpoint(api.version, 'create'), endpoint(api.version, 'list')];
        await api.endpoint(label(create));
        const body = organizations.body('badkey');
        const exchange = await api.check(
          {
            method: create.method,
            path: create.path,
            operation: 'create',
            mode: 'partner',
            body,
            headers: { 'Idempotency-Key': key },
          },
          {
            rule: 'idempotency_key_validation',
            statuses: MALFORMED_IDEMPOTENCY_KEY_STATUSES,
            why: `an Idempotency-Key ${why}`,
          },
        );
        const stray = createdId(exchange.response.json);
        if (stray) organizations.track(stray);
        await api.check(
          { method: list.method, path: list.path, operation: 'list', mode: 'partner' },
          {
            rule: 'idempotency_key_validation',
            statuses: list.success,
            why: 'a refused key creates nothing',
            nameCount: { name: body.name, count: 0 },
          },
        );
      });
    }
  });
});
