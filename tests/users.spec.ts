import { UNREACHABLE_USER_STATUSES } from '../contract/decisions';
import {
  type EndpointRow,
  endpoint,
  modeAllowed,
  type Operation,
  rowLevel,
} from '../contract/endpoints';
import type { RuleName } from '../contract/rules';
import { test } from '../harness/fixtures';
import type { JudgedApi } from '../harness/fixtures/judged-api';
import { bearer } from '../harness/http/auth';
import type { SendOptions } from '../harness/http/client';
import { randomId } from '../harness/http/requests';
import { about, family } from '../harness/report/test-identity';
import { type UserBody, type Users, writtenUserFields } from '../harness/resources/users';
import { issuedKeyOf } from '../harness/safety/issued-keys';
import { validate } from '../harness/schema/schemas';

/**
 * A user's life in an organization the run created, the API keys issued to it used as
 * credentials, and the bodies the version's request schema refuses. Keys are issued
 * through `operation: 'issueKey'`, so each is masked before anything records its answer
 * and judged shown once (key_shown_once) on every later response.
 */
const row = (api: JudgedApi, operation: Operation): EndpointRow =>
  endpoint(api.version, operation, 'users');

/** A request to a user endpoint of `org_id` as the partner. */
function toUsers(
  api: JudgedApi,
  operation: Operation,
  org_id: string,
  options: Omit<SendOptions, 'method' | 'path' | 'operation' | 'mode'> & { id?: string } = {},
): SendOptions {
  return api.to(operation, { resource: 'users', params: { org_id }, mode: 'partner', ...options });
}

/** The issued key as a credential, built where every Authorization value is (auth.ts). */
function asKey(key: string): Pick<SendOptions, 'mode' | 'authorization'> {
  return { mode: 'custom', authorization: bearer(key) };
}

async function issueKey(
  api: JudgedApi,
  org_id: string,
  id: string,
  force: boolean,
): Promise<string> {
  const request = toUsers(api, 'issueKey', org_id, { id });
  const exchange = await api.check(
    force ? { ...request, path: `${request.path}?force=true` } : request,
    {
      rule: 'user_lifecycle',
      statuses: row(api, 'issueKey').success,
      why: force ? 'issue a key again, force=true' : "issue the user's key",
      level: rowLevel(row(api, 'issueKey'), api.version),
    },
  );
  const key = issuedKeyOf(exchange.response.json);
  if (!key)
    throw new Error(
      `The key issue answered no key value (HTTP ${exchange.response.status}); the test cannot go on.`,
    );
  return key;
}

/**
 * The bodies to refuse, drawn from the version's request schema: each candidate is sent
 * only where that schema refuses it (role_ids exists from 2024-02-08).
 */
function refusedBodies(version: string, users: Users): [RuleName, string, UserBody][] {
  const candidates: [RuleName, string, UserBody][] = [
    ['user_email_required', 'no email', { role: 'user' }],
    [
      'user_role_exclusive',
      'both role and role_ids',
      users.body({ role: 'user', role_ids: ['conformance-role'] }),
    ],
    ['user_role_ids_nonempty', 'role_ids: []', users.body({ role_ids: [] })],
  ];
  return candidates.filter(
    ([, , body]) => validate(version, 'user.create.request', body).length > 0,
  );
}

test.describe('users', family('users'), () => {
  // Skipped in each test, not in a beforeEach: a skip raised in a hook is a report's global error.

  test('create, read back, update, issue and use keys, remove · partner', {
    annotation: about('POST /api/organizations/{org_id}/users', 'partner'),
  }, async ({ api, users, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    await api.about('create', 'users');
    const level = rowLevel(row(api, 'create'), api.version);
    const org_id = await users.organization();
    const made = await users.create(org_id);
    const { id } = made;
    const judge = (rule: RuleName, operation: Operation, why: string, more = {}) => ({
      rule,
      statuses: row(api, operation).success,
      why,
      level,
      ...more,
    });

    await api.check(
      toUsers(api, 'get', org_id, { id }),
      judge('user_lifecycle', 'get', 'get after create', {
        fields: { id, ...writtenUserFields(made.body, org_id) },
      }),
    );
    await api.check(
      toUsers(api, 'list', org_id),
      judge('user_lifecycle', 'list', 'list after create', { listIncludes: [id] }),
    );
    const changed = users.body();
    await api.check(
      toUsers(api, 'update', org_id, { id, body: changed }),
      judge('user_lifecycle', 'update', 'update', {
        fields: { id, ...writtenUserFields(changed, org_id) },
      }),
    );
    await api.check(
      toUsers(api, 'get', org_id, { id }),
      judge('user_lifecycle', 'get', 'get after update', {
        fields: { id, ...writtenUserFields(changed, org_id) },
      }),
    );

    const first = await issueKey(api, org_id, id, false);
    const identity = (key: string, why: string) =>
      api.check(api.to('identity', asKey(key)), {
        rule: 'issued_key_identity',
        statuses: endpoint(api.version, 'identity').success,
        why,
        level,
        identity: { kind: 'userKey', organizationId: org_id },
      });
    await identity(first, "/api/me with the user's key");
    // The key's Organization list is an API key's: its own organization only, 403 once
    // the version denies API keys the list.
    const list = endpoint(api.version, 'list');
    await api.check(
      api.to('list', asKey(first)),
      modeAllowed(list, 'apiKey', api.version)
        ? {
            rule: 'list_own_organization',
            statuses: list.success,
            why: "the user's key lists its organization",
            listExactly: org_id,
            level,
          }
        : {
            rule: 'auth_scope',
            statuses: [list.deniedStatus],
            why: "the user's key is an API key, outside the list's scope",
            level,
          },
    );

    const second = await issueKey(api, org_id, id, true);
    await api.check(api.to('identity', asKey(first)), {
      rule: 'key_force_revokes',
      statuses: [401],
      why: 'the key issued before force=true',
      level,
    });
    await identity(second, 'the key issued with force=true');

    // The key is shown once: the user's get and list after it are judged (key_shown_once).
    await api.check(
      toUsers(api, 'get', org_id, { id }),
      judge('user_lifecycle', 'get', 'get after its keys were issued', {
        fields: { id, ...writtenUserFields(changed, org_id) },
      }),
    );
    await api.check(
      toUsers(api, 'list', org_id),
      judge('user_lifecycle', 'list', 'list after its keys were issued', { listIncludes: [id] }),
    );

    const removed = await api.check(
      toUsers(api, 'remove', org_id, { id }),
      judge('user_lifecycle', 'remove', 'remove'),
    );
    if (removed.response.status < 300) users.forget(id);
    await api.check(toUsers(api, 'get', org_id, { id }), {
      ...judge('user_lifecycle', 'get', 'get after remove'),
      statuses: [404],
    });
    await api.check(
      toUsers(api, 'list', org_id),
      judge('user_lifecycle', 'list', 'list after remove', { listExcludes: [id] }),
    );
    await api.check(api.to('identity', asKey(second)), {
      rule: 'removed_user_key_revoked',
      statuses: [401],
      why: "the removed user's key",
    });
  });

  test('bodies the version’s request schema refuses → 422', {
    annotation: about('POST /api/organizations/{org_id}/users', 'partner'),
  }, async ({ api, users, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    await api.about('create', 'users');
    const level = rowLevel(row(api, 'create'), api.version);
    const org_id = await users.organization();
    for (const [rule, why, body] of refusedBodies(api.version, users)) {
      const exchange = await api.check(toUsers(api, 'create', org_id, { body }), {
        rule,
        statuses: [422],
        why,
        level,
      });
      // Wrongly accepted: a user of this run, removed with the others.
      users.taken(exchange, org_id);
    }
    const { id } = await users.create(org_id);
    await api.check(toUsers(api, 'update', org_id, { id, body: { role: 'user' } }), {
      rule: 'user_email_required',
      statuses: [422],
      why: 'an update without email',
      level,
    });
  });

  test(`users of an organization that does not exist → ${UNREACHABLE_USER_STATUSES.join('|')}`, {
    annotation: about('GET /api/organizations/{org_id}/users', 'partner'),
  }, async ({ api, needs }) => {
    needs('partner');
    await api.about('list', 'users');
    // Reads only: users are created in organizations this run made, never elsewhere.
    const org_id = randomId();
    for (const [operation, id] of [
      ['list', undefined],
      ['get', randomId()],
    ] as const) {
      await api.check(toUsers(api, operation, org_id, { id }), {
        rule: 'user_unknown_organization',
        statuses: UNREACHABLE_USER_STATUSES,
        why: `${operation} in a random organization id`,
        successLevel: 'safety',
      });
    }
  });
});
