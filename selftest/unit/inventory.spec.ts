import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { INVENTORIES, inventoryFor } from '../../contract/inventory';
import { SDK_1_18 } from '../../contract/inventory/sdk-1.18';
import { SDK_HEAD } from '../../contract/inventory/sdk-head';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { extractInventory } from '../../scripts/lib/inventory/extract';
import { installedSdkInventory } from '../../scripts/lib/inventory/sources';

/**
 * The inventory of operations Polytomic's clients call is what `npm run inventory` reads
 * from them: a new SDK release (or a hand edit) shows as a difference here.
 */

test('contract/inventory/sdk-1.18.ts is what npm run inventory reads from the installed SDK', () => {
  expect(SDK_1_18).toEqual(installedSdkInventory());
});

test('the counts: 114 operations in SDK 1.18.1, 127 at the newest polytomic-typescript', () => {
  expect(SDK_1_18.readFrom).toBe('npm polytomic 1.18.1');
  expect(SDK_1_18.operations).toHaveLength(114);
  expect(SDK_HEAD.readFrom).toMatch(/^polytomic\/polytomic-typescript [0-9a-f]{40}$/);
  expect(SDK_HEAD.operations).toHaveLength(127);
  for (const { operations } of INVENTORIES) {
    const keys = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  }
});

test('every supported version has one inventory: SDK-1.18 before 2025, SDK-HEAD after', () => {
  expect(SUPPORTED_VERSIONS.map((version) => inventoryFor(version)?.source)).toEqual([
    'SDK-1.18',
    'SDK-1.18',
    'SDK-1.18',
    'SDK-HEAD',
  ]);
});

/** A resource client of each generator's shape: the compiled 1.18.1 and the newest source. */
const COMPILED = `
class Jobs {
  get(type, id, requestOptions) {
    return __awaiter(this, void 0, void 0, function* () {
      const _response = yield core.fetcher({
        url: (0, url_join_1.default)(base, \`api/jobs/\${encodeURIComponent(type)}/\${encodeURIComponent(jobId)}\`),
        method: "GET",
      });
    });
  }
}`;
const SOURCE = `
export class WebhooksClient {
  public list(requestOptions?: WebhooksClient.RequestOptions): core.HttpResponsePromise<unknown> {
    return core.HttpResponsePromise.fromPromise(this.__list(requestOptions));
  }
  private async __list(requestOptions?: WebhooksClient.RequestOptions): Promise<unknown> {
    const _response = await core.fetcher({
      url: core.url.join(await core.Supplier.get(this._options.baseUrl), "api/webhooks"),
      method: "GET",
    });
  }
  private async __enable(id: string): Promise<unknown> {
    const _response = await core.fetcher({
      url: core.url.join(base, \`api/webhooks/\${core.url.encodePathParam(id)}/enable\`),
      method: "POST",
    });
  }
}`;

function sdkTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'inventory-tree-'));
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, 'api', 'resources', path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

test('the extraction reads the compiled client and the TypeScript source alike', () => {
  const root = sdkTree({
    'jobs/client/Client.js': COMPILED,
    'permissions/resources/webhooks/client/Client.ts': SOURCE,
  });
  expect(extractInventory(root, 'SDK-HEAD')).toEqual(
    [
      { resource: 'jobs', sdkMethod: 'get', method: 'GET', path: '/api/jobs/{type}/{job_id}' },
      { resource: 'permissions.webhooks', sdkMethod: 'list', method: 'GET', path: '/api/webhooks' },
      {
        resource: 'permissions.webhooks',
        sdkMethod: 'enable',
        method: 'POST',
        path: '/api/webhooks/{id}/enable',
      },
    ].map((operation) => ({ ...operation, source: 'SDK-HEAD' })),
  );
});

test('a request of another shape stops the extraction, naming the file and the method', () => {
  const root = sdkTree({
    'jobs/client/Client.js': COMPILED.replace('method: "GET"', 'method: verb'),
  });
  expect(() => extractInventory(root, 'SDK-1.18')).toThrow(/Client\.js, method get/);
});
