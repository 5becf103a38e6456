import type { AuthMode, EndpointRow } from '../../contract/endpoints';
import { createdId, needsId, pathFor, randomId } from '../http/requests';
import type { JudgedApi } from '../judge/judged-api';
import type { ResourceAdapter, ResourceFixtures, Subject } from './adapter';
import { writtenFields } from './organizations';

/** No name: documented 422 (docs/CONTRACT.md § 401, 403, 404). */
const NAMELESS = { sso_domain: 'example.com' } as const;

/** An organization the mode can read: the partner's owner, or the first the mode lists. */
async function readableId(api: JudgedApi, mode: AuthMode): Promise<string> {
  if (api.reach.partnerOwnerId) return api.reach.partnerOwnerId;
  const list = await api.send({ method: 'GET', path: '/api/organizations', mode });
  const id = (list.response.json as { data?: { id?: string }[] } | undefined)?.data?.[0]?.id;
  if (!id)
    throw new Error(`No organization is visible to the ${mode} key, so get cannot be checked.`);
  return id;
}

/** Organizations: read what exists, write only what the test created (organizations.ts). */
export function organizationsAdapter({ api, organizations }: ResourceFixtures): ResourceAdapter {
  return {
    needsWrites: (row) => row.writes,

    async subject(row: EndpointRow, mode: AuthMode): Promise<Subject> {
      const ownId = api.reach.apiKeyOrganizationId;
      switch (row.operation) {
        case 'list':
          // SDK-1.18: "User-scoped callers receive their current organization" — and only it.
          return mode === 'apiKey' && ownId
            ? {
                path: row.path,
                expectation: { rule: 'list_own_organization', listExactly: ownId },
              }
            : { path: row.path };
        case 'create': {
          const body = organizations.body(mode);
          return {
            path: row.path,
            body,
            expectation: { rule: 'write_answer', organization: writtenFields(body) },
            after: (exchange) => {
              const id = createdId(exchange.response.json);
              if (id) organizations.track(id, mode);
            },
          };
        }
        case 'update': {
          const { id } = await organizations.create(organizations.body(mode), mode);
          const body = organizations.body(`${mode}-renamed`);
          return {
            path: pathFor(row, id),
            body,
            expectation: { rule: 'write_answer', organization: { id, ...writtenFields(body) } },
          };
        }
        case 'remove': {
          const { id } = await organizations.create(organizations.body(mode), mode);
          return {
            path: pathFor(row, id),
            // Left for the cleanup unless it is gone.
            after: (exchange) => {
              if (exchange.response.status < 300) organizations.forget(id);
            },
          };
        }
        case 'get':
          return { path: pathFor(row, await readableId(api, mode)) };
        default:
          return { path: row.path };
      }
    },

    authSubject(row: EndpointRow, refusable: boolean): Subject {
      return {
        path: needsId(row) ? pathFor(row, randomId()) : row.path,
        body: refusable ? NAMELESS : row.hasBody ? organizations.body('auth') : undefined,
        // A wrongly accepted create made an organization: remove it with the run's others.
        after: (exchange) => {
          const id =
            row.operation === 'create' && exchange.response.status < 300
              ? createdId(exchange.response.json)
              : undefined;
          if (id) organizations.track(id, 'partner');
        },
      };
    },
  };
}
