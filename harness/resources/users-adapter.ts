import type { AuthMode, EndpointRow } from '../../contract/endpoints';
import { pathFor, randomId } from '../http/requests';
import type { ResourceAdapter, ResourceFixtures, Subject } from './adapter';
import { writtenUserFields } from './users';

/**
 * Users: every call is in an organization this run created (there is none to read
 * otherwise without touching a customer's users), with a user made for it.
 */
export function usersAdapter({ users }: ResourceFixtures): ResourceAdapter {
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

    // A made-up organization: nothing can be created or reached in it, whatever the answer.
    probe(row: EndpointRow): Subject {
      return {
        path: pathFor(row, { org_id: randomId(), id: randomId() }),
        body: row.hasBody ? users.body() : undefined,
      };
    },
  };
}
