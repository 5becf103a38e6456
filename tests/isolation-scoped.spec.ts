import { OTHER_ORGANIZATION_ITEM_TOLERATED } from '../contract/decisions';
import { endpoint, label, type Operation } from '../contract/endpoints';
import { SCOPED_RESOURCES } from '../contract/resources/scoped';
import { test } from '../harness/fixtures';
import { endpointLabels, family } from '../harness/report/test-identity';
import { ScopedItems } from '../harness/resources/scoped';

/**
 * An organization's webhooks, roles and policies are its own (safety): acting as a second
 * organization this run made, an item of the first is not listed, and get, update and
 * remove of it are 404 — never a 2xx, which would show or change another organization's
 * data. Both organizations are the run's, so nothing of a customer's is touched even when
 * the target is wrong.
 */
const MODE = 'actingAs';

test.describe('isolation', family('isolation'), () => {
  for (const description of SCOPED_RESOURCES) {
    const { resource, noun } = description;
    test(`${noun} of another organization · ${MODE} → 404`, {
      annotation: endpointLabels(`GET ${description.item}`, MODE),
    }, async ({ api, users, organizations, needs, needsWrites }) => {
      needs(MODE);
      needsWrites();
      await api.endpoint(label(endpoint(api.version, 'get', resource)));
      const items = new ScopedItems(api, users);
      const owner = await items.organization();
      const { id } = await items.create(resource, MODE, owner);
      const other = (await organizations.create(organizations.body('scoped-other'))).id;
      const expectation = (why: string, statuses: readonly number[] = [404]) => ({
        rule: 'scoped_isolation' as const,
        statuses,
        tolerated: OTHER_ORGANIZATION_ITEM_TOLERATED,
        why,
      });
      const as = (operation: Operation, body?: unknown) =>
        items.request(resource, operation, MODE, other, { id, body });
      await api.check(await items.request(resource, 'list', MODE, other), {
        ...expectation(`the list of another organization, acting as ${other}`),
        statuses: endpoint(api.version, 'list', resource).success,
        tolerated: [],
        listExcludes: [id],
      });
      await api.check(await as('get'), expectation(`a ${noun} of ${owner}, read as ${other}`));
      await api.check(
        await as('update', items.body(description, 'update')),
        expectation(`a ${noun} of ${owner}, updated as ${other}`),
      );
      await api.check(
        await as('remove'),
        expectation(`a ${noun} of ${owner}, removed as ${other}`),
      );
    });
  }
});
