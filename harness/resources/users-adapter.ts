import type { AuthMode, EndpointRow } from '../../contract/endpoints';
import type { JudgedApi } from '../fixtures/judged-api';
import { pathFor, randomId } from '../http/requests';
import type { ResourceAdapter, ResourceFixtures, Subject } from './adapter';
import { writtenUserFields } from './users';

/** No email: documented 422 (SDK-1.18 request docs). */
const NO_EMAIL = { role: 'user' } as const;

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
          const { id } = await users.create(org_id);
          const path = pathFor(row, { org_id, id });
          if (row.operation === 'update') {
            const body = users.body();
            return {
              path,
              body,
              expectation: {
                rule: 'user_lifecycle',
                fields: { id, ...writtenUserFields(body, org_id) },
              },
            };
          }
          if (row.operation === 'remove')
            return {
              path,
              after: (exchange) => {
                if (exchange.response.status < 300) users.forget(id);
              },
            };
          return { path };
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

/** The organization an API key belongs to, or the one acted as. */
function ownOrganization(api: JudgedApi, mode: AuthMode | undefined): string | undefined {
  if (mode === 'apiKey') return api.reach.apiKeyOrganizationId;
  if (mode === 'actingAs') return api.reach.actAsId;
  return undefined;
}
