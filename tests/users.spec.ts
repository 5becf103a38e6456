import { randomBytes } from 'node:crypto';
import { UNREACHABLE_USER_STATUSES } from '../contract/decisions';
import {
  type EndpointRow,
  endpoint,
  modeAllowed,
  type Operation,
  rowLevel,
} from '../contract/endpoints';
import type { RuleName } from '../contract/rules';
import type { FieldExpectation } from '../harness/checks/types';
import { test } from '../harness/fixtures';
import { bearer } from '../harness/http/auth';
import type { SendOptions } from '../harness/http/client';
import { randomId } from '../harness/http/requests';
import type { JudgedApi } from '../harness/judge/judged-api';
import { endpointLabels, family } from '../harness/report/test-identity';
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

/** What Polytomic's Terraform provider sends beside auth and version (internal/providerclient). */
const TERRAFORM_HEADERS = { 'user-agent': 'polytomic-terraform-provider' } as const;

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

/** A key issue carrying an Idempotency-Key (SDK-HEAD sends one): accepted as without it. */
async function issueKeyWith(
  api: JudgedApi,
  org_id: string,
  id: string,
  headers: Record<string, string>,
): Promise<void> {
  await api.check(toUsers(api, 'issueKey', org_id, { id, headers }), {
    rule: 'idempotency_header_accepted',
    statuses: row(api, 'issueKey').success,
    why: 'a key issue with an Idempotency-Key',
  });
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
  if (!key) api.cannotGoOn(exchange, 'The key issue answered no key value');
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
    annotation: endpointLabels('POST /api/organizations/{org_id}/users', 'partner'),
  }, async ({ api, users, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    await api.about('create', 'users');
    const level = rowLevel(row(api, 'create'), api.version);
    const org_id = await users.organization();
    const made = await users.create(org_id, { body: users.body({ role: 'admin' }) });
    const { id } = made;
    const { email } = made.body;
    const judge = (rule: RuleName, operation: Operation, why: string, more = {}) => ({
      rule,
      statuses: row(api, operation).success,
      why,
      level,
      ...more,
    });
    // `role` is deprecated for role_ids: when the answer carries it, it is the one sent.
    const asUpdated = (role: string) => ({
      id,
      ...writtenUserFields({ email }, org_id),
      role: [role, undefined],
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
    // The update changes role assignments only (REF-2025, SDK-1.18): it sends the e-mail
    // as it is, as Terraform's provider does, and a new role.
    await api.check(
      toUsers(api, 'update', org_id, { id, body: { email, role: 'user' } }),
      judge('user_lifecycle', 'update', 'update of the role', { fields: asUpdated('user') }),
    );
    await api.check(
      toUsers(api, 'get', org_id, { id }),
      judge('user_lifecycle', 'get', 'get after update', { fields: asUpdated('user') }),
    );
    // An e-mail sent with it changes nothing: the user keeps the address it was made with.
    await api.check(
      toUsers(api, 'update', org_id, { id, body: { email: users.email(), role: 'admin' } }),
      judge('user_update_roles_only', 'update', 'an update that sends another e-mail', {
        fields: asUpdated('admin'),
      }),
    );
    await api.check(
      toUsers(api, 'get', org_id, { id }),
      judge('user_update_roles_only', 'get', 'get after an update that sent another e-mail', {
        fields: asUpdated('admin'),
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
        fields: { id, organization_id: org_id },
      }),
    );
    await api.check(
      toUsers(api, 'list', org_id),
      judge('user_lifecycle', 'list', 'list after its keys were issued', { listIncludes: [id] }),
    );

    // The remove answers the user it removed (SDK-1.18 UserEnvelope; the Go, Python and
    // Java SDKs decode it).
    const removed = await api.check(
      toUsers(api, 'remove', org_id, { id }),
      judge('user_lifecycle', 'remove', 'remove', { fields: { id, email } }),
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
    annotation: endpointLabels('POST /api/organizations/{org_id}/users', 'partner'),
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

  test('Idempotency-Key on the Users writes: a retried create replays the first, the others accept it', {
    annotation: endpointLabels('POST /api/organizations/{org_id}/users', 'partner'),
  }, async ({ api, users, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    await api.about('create', 'users');
    const org_id = await users.organization();
    // GUIDE-IDEMPOTENCY: a POST's key replays its first outcome; SDK-HEAD sends one on a
    // user's create, update, delete and key issue.
    const keyed = () => ({ 'Idempotency-Key': `conformance-${randomBytes(8).toString('hex')}` });
    const headers = keyed();
    const body = users.body({ role: 'user' });
    const first = await users.create(org_id, { body, headers });
    await api.check(toUsers(api, 'create', org_id, { body, headers }), {
      rule: 'idempotent_replay',
      statuses: row(api, 'create').success,
      why: 'the same Idempotency-Key again',
      replayOf: first.exchange,
    });
    const { id } = first;
    const accepted = (operation: Operation, why: string, more: { body?: UserBody } = {}) =>
      api.check(toUsers(api, operation, org_id, { id, headers: keyed(), ...more }), {
        rule: 'idempotency_header_accepted',
        statuses: row(api, operation).success,
        why,
      });
    await accepted('update', 'an update with its own key', {
      body: { email: body.email, role: 'admin' },
    });
    await issueKeyWith(api, org_id, id, keyed());
    const removed = await accepted('remove', 'a remove with its own key');
    if (removed.response.status < 300) users.forget(id);
  });

  // Polytomic's sources conflict on who may manage users (docs/CONTRACT.md § Users): the
  // provider does it with an organization's API key, or acting as it. Judged as a decision,
  // each step as the provider sends it, in an organization this run made.
  for (const [mode, how] of [
    ['apiKey', 'an API key of the organization'],
    ['actingAs', 'a partner key acting as the organization (Basic <org id>:<key>)'],
  ] as const) {
    test(`the Terraform provider's user flow · ${mode}`, {
      annotation: endpointLabels('POST /api/organizations/{org_id}/users', mode),
    }, async ({ api, users, needs, needsWrites }) => {
      needs('partner');
      needsWrites();
      await api.about('create', 'users');
      const org_id = await users.organization();
      const credential: Pick<SendOptions, 'mode' | 'actAs' | 'headers'> =
        mode === 'apiKey'
          ? {
              mode,
              headers: {
                ...TERRAFORM_HEADERS,
                authorization: bearer(await users.apiKeyIn(org_id)),
              },
            }
          : { mode, actAs: org_id, headers: TERRAFORM_HEADERS };
      const step = (
        operation: Operation,
        why: string,
        options: { id?: string; body?: UserBody },
        fields?: Record<string, FieldExpectation>,
      ) =>
        api.check(
          { ...toUsers(api, operation, org_id, options), ...credential },
          { rule: 'own_organization_users', statuses: row(api, operation).success, why, fields },
        );
      const body = users.body({ role: 'user' });
      const created = await step(
        'create',
        `create with ${how}`,
        { body },
        writtenUserFields(body, org_id),
      );
      const id =
        users.taken(created, org_id) ??
        api.cannotGoOn(created, 'The user create returned no user id');
      const { email } = body;
      await step('get', 'read it back', { id }, { id, email });
      await step(
        'update',
        'update its role, the e-mail as it is',
        { id, body: { email, role: 'admin' } },
        { id, email, role: ['admin', undefined] },
      );
      const removed = await step('remove', 'remove it', { id }, { id, email });
      if (removed.response.status < 300) users.forget(id);
    });
  }

  test(`another organization's users · API key and acting as → ${UNREACHABLE_USER_STATUSES.join('|')}`, {
    annotation: endpointLabels('GET /api/organizations/{org_id}/users', 'apiKey'),
  }, async ({ api, users, organizations, needs, needsWrites }) => {
    needs('partner');
    needsWrites();
    await api.about('list', 'users');
    const own = await users.organization();
    const other = (await organizations.create(organizations.body('users-other'))).id;
    const stranger = await users.create(other);
    const key = await users.apiKeyIn(own);
    const credentials: [string, Pick<SendOptions, 'mode' | 'actAs' | 'headers'>][] = [
      [
        'an API key of another organization',
        { mode: 'apiKey', headers: { authorization: bearer(key) } },
      ],
      ['acting as another organization', { mode: 'actingAs', actAs: own }],
    ];
    // Reads only: nothing is written with a credential into an organization it is not.
    for (const [who, credential] of credentials)
      for (const [operation, id] of [
        ['list', undefined],
        ['get', stranger.id],
      ] as const)
        await api.check(
          { ...toUsers(api, operation, other, { id }), ...credential },
          {
            rule: 'user_organization_scope',
            statuses: UNREACHABLE_USER_STATUSES,
            why: `${operation} with ${who}`,
            successLevel: 'safety',
          },
        );
  });

  test(`users of an organization that does not exist → ${UNREACHABLE_USER_STATUSES.join('|')}`, {
    annotation: endpointLabels('GET /api/organizations/{org_id}/users', 'partner'),
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
