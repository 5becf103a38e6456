import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import * as sdk118 from 'polytomic';
import { SDK_HEADERS } from '../../contract/client-headers';
import { parseConfig } from '../../harness/config/env';
import { ApiClient } from '../../harness/http/client';

/**
 * A deployment that routes, logs or rate-limits on the headers Polytomic's SDK sends must
 * see them from the harness too: the SDK (npm `polytomic` 1.18.1) and the harness ask a
 * raw server the same thing, and the harness sends every header the SDK does, with the
 * same value, apart from those each sets for itself (Authorization, the version, Accept,
 * the connection's own, and Accept-Encoding: the harness asks for identity so that its
 * body cap applies, harness/http/wire.ts).
 */
const OWN_HEADERS = new Set([
  'authorization',
  'x-polytomic-version',
  'accept',
  'accept-encoding',
  'host',
  'connection',
]);

let server: Server;
let baseUrl: string;
const seen: IncomingHttpHeaders[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The headers of the one request `send` makes, without those each client sets for itself. */
async function headersOf(send: () => Promise<unknown>): Promise<Record<string, unknown>> {
  seen.length = 0;
  await send();
  expect(seen).toHaveLength(1);
  return Object.fromEntries(
    Object.entries(seen[0] ?? {}).filter(([name]) => !OWN_HEADERS.has(name)),
  );
}

test('the harness sends the headers Polytomic SDK 1.18.1 sends, with their values', async () => {
  const key = 'pk-test-SdkHeaders42';
  const fromSdk = await headersOf(() =>
    new sdk118.PolytomicClient({ environment: baseUrl, token: key }).organization.list(),
  );
  const client = new ApiClient(
    parseConfig({ POLYTOMIC_DEPLOYMENT_URL: baseUrl, POLYTOMIC_PARTNER_KEY: key }),
    '2024-02-08',
  );
  const fromHarness = await headersOf(() =>
    client.send({ method: 'GET', path: '/api/organizations', operation: 'list', mode: 'partner' }),
  );
  expect(Object.keys(fromSdk)).toEqual(
    expect.arrayContaining(['x-fern-sdk-name', 'x-fern-sdk-version', 'user-agent']),
  );
  expect(fromHarness).toEqual(fromSdk);
  expect(fromHarness).toEqual(SDK_HEADERS);
});
