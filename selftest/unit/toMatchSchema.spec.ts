import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Exchange } from '../../harness/http/exchange';
import {
  formatSchemaErrors,
  expect as schemaExpect,
  schemaRef,
  toMatchSchemaMatchers,
} from '../../harness/matchers/toMatchSchema';

const ID = '248df4b7-aa70-47b8-a036-33ac447e668d';
const ORGANIZATION = schemaRef('2025-09-18', 'organization.envelope');
const API_KEY = schemaRef('2025-09-18', 'apikey.envelope');

function exchange(status: number, bodyText: string): Exchange {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  return {
    request: { method: 'GET', path: `/api/organizations/${ID}`, headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, bodyText, json },
    version: '2025-09-18',
    mode: 'partner',
    operation: 'get',
    durationMs: 1,
  };
}

const body = (data: unknown) => JSON.stringify({ data });

/** The message of the assertion error, or '' when the assertion passed. */
async function failure(assertion: Promise<unknown>): Promise<string> {
  try {
    await assertion;
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

test('schemaRef builds the matcher id', () => {
  expect(ORGANIZATION).toBe('2025-09-18/organization.envelope');
  expect(Object.keys(toMatchSchemaMatchers)).toEqual(['toMatchSchema']);
});

test('passes for a valid body', async () => {
  const valid = exchange(200, body({ id: ID, name: 'Acme', issuer: '', extra: 1 }));
  expect(await failure(schemaExpect(valid).toMatchSchema(ORGANIZATION))).toBe('');
});

test('the failure lists path, keyword, message and value, then the status and the body', async () => {
  const bodyText = body({ id: 'not-a-uuid', name: '' });
  const message = await failure(schemaExpect(exchange(200, bodyText)).toMatchSchema(ORGANIZATION));
  expect(message).toContain('toMatchSchema');
  expect(message).toContain(`The body does not match ${ORGANIZATION}.`);
  expect(message).toContain('Schema violations (2):');
  expect(message).toContain('/data/id (format): must match format "uuid"\n    value: "not-a-uuid"');
  expect(message).toContain('/data/name (minLength): must NOT have fewer than 1 characters');
  expect(message).toContain('Status: 200');
  expect(message).toContain(`Body: ${bodyText}`);
});

test('a missing property is reported at its parent, with the parent as the value', async () => {
  const message = await failure(
    schemaExpect(exchange(200, body({ shown: false }))).toMatchSchema(API_KEY),
  );
  expect(message).toContain(
    `/data (required): must have required property 'value'\n    value: {"shown":false}`,
  );
});

test('long values and bodies are truncated', async () => {
  const long = 'x'.repeat(1000);
  const message = await failure(
    schemaExpect(exchange(200, body({ id: long, name: 'Acme' }))).toMatchSchema(ORGANIZATION),
  );
  const valueLine = message.split('\n').find((line) => line.trim().startsWith('value:')) ?? '';
  expect(valueLine.length).toBeLessThan(260);
  expect(valueLine).toContain('… (1002 chars)');
  const bodyLine = message.split('\n').find((line) => line.startsWith('Body:')) ?? '';
  expect(bodyLine.length).toBeLessThan(560);
  expect(bodyLine).toContain('chars)');
});

test('the root is named, and an error body is checked against its version', async () => {
  const root = await failure(
    schemaExpect(exchange(404, '[]')).toMatchSchema(schemaRef('2024-02-08', 'error')),
  );
  expect(root).toContain('(root) (type): must be object');
  // 2024-02-08's status is an integer outside 401s; the older versions take RestErrResponse.
  const restErr = '{"error":"Not Found","status":"Not Found"}';
  const message = await failure(
    schemaExpect(exchange(404, restErr)).toMatchSchema(schemaRef('2024-02-08', 'error')),
  );
  expect(message).toContain('/status (type): must be integer');
  expect(message).toContain('Status: 404');
  expect(
    await failure(
      schemaExpect(exchange(404, restErr)).toMatchSchema(schemaRef('2022-12-12', 'error')),
    ),
  ).toBe('');
});

test('client_secret is never repeated', async () => {
  const message = await failure(
    schemaExpect(
      exchange(200, body({ id: ID, name: 'Acme', client_secret: 's3cr3t' })),
    ).toMatchSchema(ORGANIZATION),
  );
  expect(message).toContain('/data/client_secret (not): must not be present');
  expect(message).toContain('"client_secret":"[redacted]"');
  expect(message).not.toContain('s3cr3t');
});

test('.not passes for a body that does not match and fails for one that does', async () => {
  const invalid = exchange(200, body({ id: 'x', name: 'Acme' }));
  expect(await failure(schemaExpect(invalid).not.toMatchSchema(ORGANIZATION))).toBe('');
  const valid = exchange(200, body({ id: ID, name: 'Acme' }));
  const message = await failure(schemaExpect(valid).not.toMatchSchema(ORGANIZATION));
  expect(message).toContain(`Expected the body not to match ${ORGANIZATION}, but it does.`);
  expect(message).toContain('Status: 200');
});

test('a body that is not JSON fails with a clear message', async () => {
  const message = await failure(
    schemaExpect(exchange(502, '<html>Bad Gateway</html>')).toMatchSchema(ORGANIZATION),
  );
  expect(message).toContain(`The response body is not JSON (`);
  expect(message).toContain(`so it cannot match ${ORGANIZATION}.`);
  expect(message).toContain('Status: 502');
  expect(message).toContain('Body: <html>Bad Gateway</html>');
  const empty = await failure(schemaExpect(exchange(204, '')).toMatchSchema(ORGANIZATION));
  expect(empty).toContain('The response body is empty');
  expect(empty).toContain('Body: (empty)');
});

test('an unknown schema id is a usage error', async () => {
  const valid = exchange(200, body({ id: ID, name: 'Acme' }));
  const message = await failure(schemaExpect(valid).toMatchSchema('organization.envelope'));
  expect(message).toContain('toMatchSchema: unknown schema "organization.envelope"');
  expect(await failure(schemaExpect(valid).toMatchSchema('2020-01-01/error'))).toContain(
    'unknown schema',
  );
});

test('formatSchemaErrors is plain text', () => {
  const errors = [
    {
      instancePath: '/data/id',
      keyword: 'format',
      message: 'must match format "uuid"',
      schemaPath: 'common/organization.json#/properties/id/format',
      value: 'x',
    },
  ];
  expect(formatSchemaErrors(errors, 200, '{"data":{"id":"x"}}')).toBe(
    [
      'Schema violations (1):',
      '  /data/id (format): must match format "uuid"',
      '    value: "x"',
      'Status: 200',
      'Body: {"data":{"id":"x"}}',
    ].join('\n'),
  );
});

test.describe('with an APIResponse', () => {
  let server: Server;
  let base = '';
  test.beforeAll(async () => {
    server = createServer((request, response) => {
      const json = body({ id: ID, name: request.url === '/valid' ? 'Acme' : '' });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(request.url === '/text' ? 'plain text' : json);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('reads the body of a real response', async ({ request }) => {
    await schemaExpect(await request.get(`${base}/valid`)).toMatchSchema(ORGANIZATION);
    const message = await failure(
      schemaExpect(await request.get(`${base}/invalid`)).toMatchSchema(ORGANIZATION),
    );
    expect(message).toContain('/data/name (minLength): must NOT have fewer than 1 characters');
    expect(message).toContain('Status: 200');
    const text = await failure(
      schemaExpect(await request.get(`${base}/text`)).toMatchSchema(ORGANIZATION),
    );
    expect(text).toContain('The response body is not JSON');
    expect(text).toContain('Body: plain text');
  });
});
