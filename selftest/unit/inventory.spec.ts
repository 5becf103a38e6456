import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { INVENTORIES, type Inventory, inventoryFor } from '../../contract/inventory';
import { SDK_1_18 } from '../../contract/inventory/sdk-1.18';
import { SDK_HEAD } from '../../contract/inventory/sdk-head';
import { ORGANIZATION_READS, type OrganizationRead } from '../../contract/resources/reads';
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

test('every operation names its response type (all but the void ones) and its body type', () => {
  const typed = (inventory: typeof SDK_1_18) => ({
    responses: inventory.operations.filter((operation) => operation.responseType).length,
    bodies: inventory.operations.filter((operation) => operation.requestType).length,
  });
  expect(typed(SDK_1_18)).toEqual({ responses: 98, bodies: 37 });
  expect(typed(SDK_HEAD)).toEqual({ responses: 111, bodies: 39 });
  const webhooks = SDK_1_18.operations.filter((operation) => operation.resource === 'webhooks');
  expect(
    webhooks.map(({ sdkMethod, responseType, requestType }) => ({
      sdkMethod,
      responseType,
      requestType,
    })),
  ).toEqual([
    { sdkMethod: 'list', responseType: 'WebhookListEnvelope', requestType: undefined },
    { sdkMethod: 'create', responseType: 'WebhookEnvelope', requestType: 'CreateWebhooksSchema' },
    { sdkMethod: 'get', responseType: 'WebhookEnvelope', requestType: undefined },
    { sdkMethod: 'update', responseType: 'WebhookEnvelope', requestType: 'UpdateWebhooksSchema' },
    { sdkMethod: 'remove', responseType: undefined, requestType: undefined },
    { sdkMethod: 'disable', responseType: 'WebhookEnvelope', requestType: undefined },
    { sdkMethod: 'enable', responseType: 'WebhookEnvelope', requestType: undefined },
  ]);
});

/** The compiled client's declarations, and a source with each way a body is made. */
const COMPILED_DECLARATIONS = `
export declare class Jobs {
  get(type: string, id: string, requestOptions?: Jobs.RequestOptions): Promise<Polytomic.JobResponseEnvelope>;
}`;
const TYPED_SOURCE = `
export class ModelsClient {
  public create(request: Polytomic.ModelsCreateRequest): core.HttpResponsePromise<Polytomic.ModelResponseEnvelope> {
    return core.HttpResponsePromise.fromPromise(this.__create(request));
  }
  private async __create(request: Polytomic.ModelsCreateRequest): Promise<unknown> {
    const { async, body: _body } = request;
    const _response = await core.fetcher({ url: core.url.join(base, "api/models"), method: "POST", body: _body });
  }
  public update(id: string, request: Polytomic.UpdateModelRequest): core.HttpResponsePromise<Polytomic.ModelResponseEnvelope> {
    return core.HttpResponsePromise.fromPromise(this.__update(id, request));
  }
  private async __update(id: string, request: Polytomic.UpdateModelRequest): Promise<unknown> {
    const { async, ..._body } = request;
    const _response = await core.fetcher({ url: core.url.join(base, \`api/models/\${core.url.encodePathParam(id)}\`), method: "PUT", body: _body });
  }
  public remove(id: string, request: Polytomic.ModelsRemoveRequest = {}): core.HttpResponsePromise<void> {
    return core.HttpResponsePromise.fromPromise(this.__remove(id, request));
  }
  private async __remove(id: string, request: Polytomic.ModelsRemoveRequest = {}): Promise<unknown> {
    const _response = await core.fetcher({ url: core.url.join(base, \`api/models/\${core.url.encodePathParam(id)}\`), method: "DELETE" });
  }
}`;

test('the types: from Client.d.ts beside Client.js, or the source; a body member or the request less its query', () => {
  const root = sdkTree({
    'jobs/client/Client.js': COMPILED,
    'jobs/client/Client.d.ts': COMPILED_DECLARATIONS,
    'models/client/Client.ts': TYPED_SOURCE,
    'models/client/requests/ModelsCreateRequest.ts':
      'export interface ModelsCreateRequest {\n  async?: boolean;\n  body: Polytomic.CreateModelRequest;\n}\n',
  });
  const types = extractInventory(root, 'SDK-HEAD').map(
    ({ sdkMethod, responseType, requestType }) => ({
      sdkMethod,
      responseType,
      requestType,
    }),
  );
  expect(types).toEqual([
    { sdkMethod: 'get', responseType: 'JobResponseEnvelope', requestType: undefined },
    {
      sdkMethod: 'create',
      responseType: 'ModelResponseEnvelope',
      requestType: 'CreateModelRequest',
    },
    {
      sdkMethod: 'update',
      responseType: 'ModelResponseEnvelope',
      requestType: 'UpdateModelRequest',
    },
    { sdkMethod: 'remove', responseType: undefined, requestType: undefined },
  ]);
});

test('a Polytomic type in another form stops the extraction, naming it', () => {
  const root = sdkTree({
    'jobs/client/Client.js': COMPILED,
    'jobs/client/Client.d.ts': COMPILED_DECLARATIONS.replace(
      'Promise<Polytomic.JobResponseEnvelope>',
      'Promise<Polytomic.JobResponseEnvelope[]>',
    ),
  });
  expect(() => extractInventory(root, 'SDK-1.18')).toThrow(/Polytomic\.JobResponseEnvelope\[\]/);
});

test('each read of an organization is the method its SDK calls, with the type that method gives', () => {
  const typeOf = (inventory: Inventory, read: OrganizationRead) => {
    const found = inventory.operations.find(
      (op) => op.resource === read.sdk.resource && op.sdkMethod === read.sdk.method,
    );
    return found && { path: found.path, schema: `sdk/${found.responseType}` };
  };
  for (const read of ORGANIZATION_READS) {
    expect(typeOf(SDK_1_18, read), read.path).toEqual({
      path: read.path,
      schema: read.schema.sdk118,
    });
    expect(typeOf(SDK_HEAD, read), read.path).toEqual({
      path: read.path,
      schema: read.schema.head,
    });
  }
});
