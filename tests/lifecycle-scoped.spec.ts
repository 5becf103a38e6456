import { MISSING_REQUIRED_FIELD_STATUSES } from '../contract/decisions';
import { endpoint, label, type Operation } from '../contract/endpoints';
import { SCOPED_RESOURCES, type ScopedResource } from '../contract/resources/scoped';
import type { RuleName } from '../contract/rules';
import type { Expectation } from '../harness/checks/types';
import { test } from '../harness/fixtures';
import { randomId } from '../harness/http/requests';
import type { JudgedApi } from '../harness/judge/judged-api';
import { endpointLabels, family } from '../harness/report/test-identity';
import { ScopedItems, writtenFields } from '../harness/resources/scoped';
import type { Users } from '../harness/resources/users';

/**
 * Webhooks, roles and policies (contract/resources/scoped.ts), each through its life as an
 * organization this run made, acting as it: create, read back, update, the resource's
 * actions, remove, and then 404. A body without its required field, and an id no one
 * issued, are refused. Every resource of that shape gets these tests from its description.
 */
const MODE = 'actingAs';

function judge(
  api: JudgedApi,
  description: ScopedResource,
  rule: RuleName,
  operation: Operation,
  why: string,
  more: Partial<Expectation> = {},
): Expectation {
  return {
    rule,
    statuses: endpoint(api.version, operation, description.resource).success,
    why,
    ...more,
  };
}

interface SetUpFixtures {
  readonly api: JudgedApi;
  readonly users: Users;
  readonly needs: (mode: typeof MODE) => void;
  readonly needsWrites: () => void;
}

/**
 * A test's start: skipped unless acting as an organization and writing are possible,
 * labelled with the operation's endpoint, in an organization this run made.
 */
async function setUp(
  { api, users, needs, needsWrites }: SetUpFixtures,
  resource: ScopedResource['resource'],
  operation: Operation,
): Promise<{ items: ScopedItems; org: string }> {
  needs(MODE);
  needsWrites();
  await api.endpoint(label(endpoint(api.version, operation, resource)));
  const items = new ScopedItems(api, users);
  return { items, org: await items.organization() };
}

test.describe('lifecycle', family('lifecycle'), () => {
  for (const description of SCOPED_RESOURCES) {
    const { resource, noun } = description;

    test(`${noun}: create, read back, update, remove · ${MODE}`, {
      annotation: endpointLabels(`POST ${description.collection}`, MODE),
    }, async ({ api, users, needs, needsWrites }) => {
      const { items, org } = await setUp({ api, users, needs, needsWrites }, resource, 'create');
      const made = await items.create(resource, MODE, org);
      const { id } = made;
      const to = (operation: Operation, body?: unknown) =>
        items.request(resource, operation, MODE, org, { id, body });
      const list = () => items.request(resource, 'list', MODE, org);
      const step = (operation: Operation, why: string, more: Partial<Expectation> = {}) =>
        judge(api, description, 'scoped_lifecycle', operation, why, more);

      await api.check(
        await to('get'),
        step('get', 'get after create', {
          fields: { id, ...writtenFields(description, made.body, org) },
        }),
      );
      await api.check(await list(), step('list', 'list after create', { listIncludes: [id] }));

      const update = items.body(description, 'update');
      const updated = { id, ...writtenFields(description, update, org) };
      await api.check(await to('update', update), step('update', 'update', { fields: updated }));
      await api.check(await to('get'), step('get', 'get after update', { fields: updated }));

      for (const action of description.actions ?? []) {
        const fields = { id, ...action.sets };
        await api.check(
          await to(action.operation),
          step(action.operation, action.operation, { fields }),
        );
        await api.check(await to('get'), step('get', `get after ${action.operation}`, { fields }));
      }

      await api.check(await to('remove'), step('remove', 'remove'));
      await api.check(await to('get'), step('get', 'get after remove', { statuses: [404] }));
      await api.check(await list(), step('list', 'list after remove', { listExcludes: [id] }));
    });

    test(`${noun}: get, update and remove of an id no one issued · ${MODE} → 404`, {
      annotation: endpointLabels(`GET ${description.item}`, MODE),
    }, async ({ api, users, needs, needsWrites }) => {
      const { items, org } = await setUp({ api, users, needs, needsWrites }, resource, 'get');
      const byId = (operation: Operation, body?: unknown) =>
        items.request(resource, operation, MODE, org, { id: randomId(), body });
      const notFound = {
        rule: 'not_found',
        statuses: [404],
        why: 'a random v4 UUID no deployment issued',
      } as const;
      await api.check(await byId('get'), notFound);
      // SDK-1.18 declares NotFoundError on get and remove, not on update: a decision there,
      // and a 2xx (an update of nothing) still fails.
      await api.check(await byId('update', items.body(description, 'update')), {
        ...notFound,
        level: 'decision',
        successLevel: 'documented',
      });
      await api.check(await byId('remove'), notFound);
    });

    test(`${noun}: create and update without ${description.required} · ${MODE} → ${description.refusedStatus}`, {
      annotation: endpointLabels(`POST ${description.collection}`, MODE),
    }, async ({ api, users, needs, needsWrites }) => {
      const { items, org } = await setUp({ api, users, needs, needsWrites }, resource, 'create');
      const refused = (why: string): Expectation => ({
        rule: 'scoped_body_required',
        statuses: [description.refusedStatus],
        // decision: the SDKs declare 400 and 422 alike; the other one is tolerated.
        tolerated: MISSING_REQUIRED_FIELD_STATUSES.filter(
          (status) => status !== description.refusedStatus,
        ),
        why,
      });
      const sent = await api.check(
        await items.request(resource, 'create', MODE, org, { body: items.refusable(description) }),
        refused(`a create without ${description.required}`),
      );
      // A wrongly accepted create made something: it is this run's, in its organization.
      items.taken(sent, org);
      const made = await items.create(resource, MODE, org);
      await api.check(
        await items.request(resource, 'update', MODE, org, {
          id: made.id,
          body: items.refusable(description, 'update'),
        }),
        refused(`an update without ${description.required}`),
      );
    });
  }
});
