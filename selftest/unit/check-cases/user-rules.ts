import { apiError, exchange, identity, ORG_ID, OTHER_ID } from '../exchanges';
import type { CheckCase } from './case';

/** The Users rules that read bodies: a user's life, the key shown once, the issued key's identity. */

const USER_ID = '5d2a8c1e-3f4b-4a6d-9e8f-0a1b2c3d4e5f';
const OTHER_USER_ID = '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968';
const EMAIL = 'conformance-run-1@example.com';
const KEY = 'issued-key-4f9a0c2e8b7d';
const USERS = `/api/organizations/${ORG_ID}/users`;

const user = (fields: Record<string, unknown> = {}) => ({
  id: USER_ID,
  email: EMAIL,
  organization_id: ORG_ID,
  role: 'admin',
  ...fields,
});
const getUser = (data: unknown) =>
  exchange({
    operation: 'get',
    resource: 'users',
    path: `${USERS}/${USER_ID}`,
    status: 200,
    body: { data },
  });
const listUsers = (data: unknown[]) =>
  exchange({ operation: 'list', resource: 'users', path: USERS, status: 200, body: { data } });
const written = {
  statuses: [200],
  why: 'the user just created',
  fields: { id: USER_ID, email: EMAIL, organization_id: ORG_ID },
};
const rolesOnly = {
  statuses: [200],
  why: 'an update that sent another e-mail',
  fields: { id: USER_ID, email: EMAIL, role: ['user', undefined] },
};
const listed = { statuses: [200], why: 'the list after create', listIncludes: [USER_ID] };
const removed = { statuses: [200], why: 'the list after remove', listExcludes: [USER_ID] };
const me = (data: unknown) =>
  exchange({ operation: 'identity', path: '/api/me', mode: 'custom', status: 200, body: { data } });
const userKey = {
  statuses: [200],
  why: 'the key just issued',
  identity: { kind: 'userKey', organizationId: ORG_ID },
} as const;

const ITEM_ID = '2f6e9a1c-7b3d-4c8e-a5f0-6d1b2c3e4f5a';
const ROLES = '/api/permissions/roles';
const role = (fields: Record<string, unknown> = {}) => ({
  id: ITEM_ID,
  name: 'second',
  organization_id: ORG_ID,
  system: false,
  ...fields,
});
const getRole = (data: unknown) =>
  exchange({
    operation: 'get',
    resource: 'roles',
    mode: 'actingAs',
    path: `${ROLES}/${ITEM_ID}`,
    status: 200,
    body: { data },
  });
const getWebhook = (data: unknown) =>
  exchange({
    operation: 'get',
    resource: 'webhooks',
    mode: 'actingAs',
    path: `/api/webhooks/${ITEM_ID}`,
    status: 200,
    body: { data },
  });
const listRoles = (data: unknown[]) =>
  exchange({
    operation: 'list',
    resource: 'roles',
    mode: 'actingAs',
    path: ROLES,
    status: 200,
    body: { data },
  });
const roleWritten = {
  statuses: [200],
  why: 'get after update',
  fields: { id: ITEM_ID, name: 'second', organization_id: ORG_ID },
};
const disabledSet = {
  statuses: [200],
  why: 'get after disable',
  fields: { id: ITEM_ID, disabled: true },
};
const roleListed = { statuses: [200], why: 'the list after create', listIncludes: [ITEM_ID] };
const roleRemoved = { statuses: [200], why: 'the list after remove', listExcludes: [ITEM_ID] };
const notTheirs = { statuses: [200], why: "another organization's list", listExcludes: [ITEM_ID] };

export const USER_RULE_CASES: Readonly<Record<string, CheckCase>> = {
  user_lifecycle: {
    clean: [
      { label: 'get shows the user created', exchange: getUser(user()), expect: written },
      {
        label: 'every optional field may be absent but those sent',
        exchange: getUser({ id: USER_ID, email: EMAIL, organization_id: ORG_ID }),
        expect: written,
      },
      { label: 'the list holds the user', exchange: listUsers([user()]), expect: listed },
      {
        label: 'the list after remove does not',
        exchange: listUsers([user({ id: OTHER_USER_ID })]),
        expect: removed,
      },
    ],
    bad: [
      {
        label: 'another e-mail',
        exchange: getUser(user({ email: 'someone@example.com' })),
        expect: written,
        received: 'email: "someone@example.com"',
        documented: 'the values written',
      },
      {
        label: 'another organization',
        exchange: getUser(user({ organization_id: OTHER_ID })),
        expect: written,
        received: `organization_id: "${OTHER_ID}"`,
        documented: 'the values written',
      },
      {
        label: 'the list without the user',
        exchange: listUsers([]),
        expect: listed,
        received: `without ${USER_ID}`,
        documented: 'in the list',
      },
      {
        label: 'the removed user still listed',
        exchange: listUsers([user()]),
        expect: removed,
        received: `with ${USER_ID}`,
        documented: 'not those it removed',
      },
    ],
  },
  key_shown_once: {
    clean: [
      {
        label: 'a later get without the key',
        exchange: getUser(user()),
        expect: { statuses: [200], why: 'a read after the key was issued' },
        issuedKeys: [KEY],
      },
    ],
    bad: [
      {
        label: 'a later get carrying the key',
        exchange: getUser(user({ api_key: KEY })),
        expect: { statuses: [200], why: 'a read after the key was issued' },
        issuedKeys: [KEY],
        received: 'an issued key',
        documented: 'only',
      },
    ],
  },
  issued_key_identity: {
    clean: [
      {
        label: "the key is the user's, in the user's organization",
        exchange: me(identity({ is_user: true, is_organization: false })),
        expect: userKey,
      },
    ],
    bad: [
      {
        label: "an organization's key, not the user's",
        exchange: me(identity({ is_user: false, is_organization: true })),
        expect: userKey,
        received: 'is_organization',
        documented: 'is_user: true',
      },
      {
        label: 'another organization',
        exchange: me(identity({ is_user: true, organization_id: OTHER_ID })),
        expect: userKey,
        received: OTHER_ID,
        documented: ORG_ID,
      },
    ],
  },
  user_update_roles_only: {
    clean: [
      {
        label: 'the e-mail as it was, the role sent',
        exchange: getUser(user({ role: 'user' })),
        expect: rolesOnly,
      },
      {
        label: 'no role in the answer (deprecated for role_ids)',
        exchange: getUser({ id: USER_ID, email: EMAIL, organization_id: ORG_ID }),
        expect: rolesOnly,
      },
    ],
    bad: [
      {
        label: 'the e-mail the update sent',
        exchange: getUser(user({ email: 'moved@example.com', role: 'user' })),
        expect: rolesOnly,
        received: 'email: "moved@example.com"',
        documented: 'the values written',
      },
      {
        label: 'the role not changed',
        exchange: getUser(user({ role: 'admin' })),
        expect: rolesOnly,
        received: 'role: "admin"',
        documented: 'the values written',
      },
    ],
  },
  own_organization_users: {
    clean: [
      {
        label: 'the user the provider created, read back',
        exchange: getUser(user()),
        expect: written,
      },
    ],
    bad: [
      {
        label: 'refused: "only accessible using partner keys"',
        exchange: exchange({
          operation: 'create',
          resource: 'users',
          mode: 'apiKey',
          path: USERS,
          status: 403,
          body: { message: 'User endpoints are only accessible using partner keys', status: 403 },
        }),
        expect: written,
        received: '403',
        documented: '200',
      },
      {
        label: 'another e-mail',
        exchange: getUser(user({ email: 'someone@example.com' })),
        expect: written,
        received: 'email: "someone@example.com"',
        documented: 'the values written',
      },
    ],
  },
  scoped_lifecycle: {
    clean: [
      { label: 'get shows the role created', exchange: getRole(role()), expect: roleWritten },
      {
        label: "a webhook's disabled flag as set",
        exchange: getWebhook({ id: ITEM_ID, organization_id: ORG_ID, disabled: true }),
        expect: disabledSet,
      },
      { label: 'the list holds the role', exchange: listRoles([role()]), expect: roleListed },
      {
        label: 'the list after remove does not',
        exchange: listRoles([role({ id: OTHER_USER_ID })]),
        expect: roleRemoved,
      },
    ],
    bad: [
      {
        label: 'the old name after an update',
        exchange: getRole(role({ name: 'first' })),
        expect: roleWritten,
        received: 'name: "first"',
        documented: 'the values written',
      },
      {
        label: 'still enabled after disable',
        exchange: getWebhook({ id: ITEM_ID, organization_id: ORG_ID, disabled: false }),
        expect: disabledSet,
        received: 'disabled: false',
        documented: 'the values written',
      },
      {
        label: 'the list without the role',
        exchange: listRoles([]),
        expect: roleListed,
        received: `without ${ITEM_ID}`,
        documented: 'in the list',
      },
    ],
  },
  scoped_isolation: {
    clean: [
      {
        label: "another organization's list without the role",
        exchange: listRoles([role({ id: OTHER_USER_ID })]),
        expect: notTheirs,
      },
      {
        label: "a get of another organization's role is 404",
        exchange: exchange({
          operation: 'get',
          resource: 'roles',
          mode: 'actingAs',
          path: `${ROLES}/${ITEM_ID}`,
          status: 404,
          body: apiError(404, 'Role not found.'),
        }),
        expect: { statuses: [404], tolerated: [403], why: "another organization's role" },
      },
    ],
    bad: [
      {
        label: "another organization's list with the role",
        exchange: listRoles([role()]),
        expect: notTheirs,
        received: `with ${ITEM_ID}`,
        documented: 'no item of another organization',
      },
      {
        label: "a get of another organization's role answered",
        exchange: getRole(role()),
        expect: { statuses: [404], tolerated: [403], why: "another organization's role" },
        received: '200',
        documented: '404',
      },
    ],
  },
};
