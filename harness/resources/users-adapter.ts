import type { AuthMode, EndpointRow } from '../../contract/endpoints';
import { bearer } from '../http/auth';
import { pathFor, randomId } from '../http/requests';
import type { JudgedApi } from '../judge/judged-api';
import type { ResourceAdapter, ResourceFixtures, Subject } from './adapter';
import { type Users, writtenUserFields } from './users';

/** No email: documented 422 (SDK-1.18 request docs). */
const NO_EMAIL = { role: 'user' } as const;

/**
 * A user made for the test with role `admin`, so an update to `user` is seen (the
 * deprecated `role` is what every version takes; a target may leave it out of answers).
 */
const FIRST_ROLE = 'admin';
const NEW_ROLE = 'user';

/**
 * Users: every call is in an organization this run created (there is none to read
 * otherwise without touching a customer's users), with a user made for it.
 */
export function usersAdapter({ api, users }: ResourceFixtures): ResourceAdapter {
  return {
    needsWrites: () => true,

    async subject(row: EndpointRow, mode: AuthMode): Promise<Subject> {
      const org_id = await users.organization();
      switch (row.operation) {
        case 'list':
          return { path: pathFor(row, { org_id }) };
        case 'create': {
          const body = users.body();
          return {
            path: pathFor(row, { org_id }),
            body,
            expectation: { rule: 'user_lifecycle', fields: writtenUserFields(body, org_id) },
            after: (exchange) => {
              users.taken(exchange, org_id, mode);
            },
          };
        }
        default: {
          const made = await users.create(org_id, { body: users.body({ role: FIRST_ROLE }) });
          return madeUserSubject(
            row,
            users,
            made.id,
            made.body.email,
            pathFor(row, { org_id, id: made.id }),
            org_id,
          );
        }
      }
    },

    // A write goes to a made-up organization: nothing can be created or reached in it,
    // whatever the answer; where no write may be sent, its body has no email (422). A read
    // by an organization-level mode goes to the mode's own organization, where a lookup
    // would find it: only the scope can refuse it (SDK-1.18: partner keys only).
    authSubject(row: EndpointRow, refusable: boolean, mode?: AuthMode): Subject {
      const own = row.writes ? undefined : ownOrganization(api, mode);
      return {
        path: pathFor(row, { org_id: own ?? randomId(), id: randomId() }),
        body: refusable ? NO_EMAIL : row.hasBody ? users.body() : undefined,
      };
    },
  };
}

/**
 * What get, update, remove and a key's issue of a user the test made judge: an update
 * sends the user's e-mail as it is and a new role (the update changes role assignments
 * only, REF-2025), and a remove answers the user removed.
 */
function madeUserSubject(
  row: EndpointRow,
  users: Users,
  id: string,
  email: string | undefined,
  path: string,
  org_id: string,
): Subject {
  switch (row.operation) {
    case 'update': {
      const roles = { role: NEW_ROLE };
      // The current organization's update takes role assignments only (no email).
      const body = row.resource === 'currentUsers' ? roles : { email, ...roles };
      return {
        path,
        body,
        expectation: {
          rule: 'user_lifecycle',
          fields: { id, email, organization_id: org_id, role: [NEW_ROLE, undefined] },
        },
      };
    }
    case 'remove':
      return {
        path,
        expectation: { rule: 'user_lifecycle', fields: { id, organization_id: org_id } },
        after: (exchange) => {
          if (exchange.response.status < 300) users.forget(id);
        },
      };
    case 'get':
      return {
        path,
        expectation: { rule: 'user_lifecycle', fields: { id, email, organization_id: org_id } },
      };
    default:
      return { path };
  }
}

/**
 * The current organization's users (REF-2025 `/api/organization/users`): an API key, or a
 * key acting as an organization. Both are made to stand for an organization this run
 * created — acting as it, or with an API key the run issued to a user of it — so nothing
 * is read or written in a customer's organization.
 */
export function currentUsersAdapter({ users }: ResourceFixtures): ResourceAdapter {
  const credential = async (mode: AuthMode, org_id: string): Promise<Subject['send']> =>
    mode === 'actingAs'
      ? { actAs: org_id }
      : { headers: { authorization: bearer(await users.apiKeyIn(org_id)) } };
  return {
    needsWrites: () => true,

    async subject(row: EndpointRow, mode: AuthMode): Promise<Subject> {
      const org_id = await users.organization();
      const send = await credential(mode, org_id);
      switch (row.operation) {
        case 'list': {
          const made = await users.create(org_id);
          return {
            path: row.path,
            send,
            expectation: { rule: 'user_lifecycle', listIncludes: [made.id] },
          };
        }
        case 'create': {
          const body = users.body({ role: NEW_ROLE });
          return {
            path: row.path,
            body,
            send,
            expectation: { rule: 'user_lifecycle', fields: writtenUserFields(body, org_id) },
            after: (exchange) => {
              users.taken(exchange, org_id);
            },
          };
        }
        default: {
          const made = await users.create(org_id, { body: users.body({ role: FIRST_ROLE }) });
          const path = pathFor(row, { id: made.id });
          return { ...madeUserSubject(row, users, made.id, made.body.email, path, org_id), send };
        }
      }
    },

    // Whoever calls, nothing can be touched: a made-up user id, and a create whose body
    // has no email (every version refuses it, 422), since a wrongly admitted create would
    // go to the caller's own, pre-existing organization.
    authSubject(row: EndpointRow): Subject {
      return {
        path: row.path.includes('{id}') ? pathFor(row, { id: randomId() }) : row.path,
        body: row.operation === 'create' ? NO_EMAIL : row.hasBody ? { role: NEW_ROLE } : undefined,
      };
    },
  };
}

/** The organization an API key belongs to, or the one acted as. */
function ownOrganization(api: JudgedApi, mode: AuthMode | undefined): string | undefined {
  if (mode === 'apiKey') return api.reach.apiKeyOrganizationId;
  if (mode === 'actingAs') return api.reach.actAsId;
  return undefined;
}
