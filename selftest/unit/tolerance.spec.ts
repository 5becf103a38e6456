import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { type Expectation, runChecks, type Violation } from '../../harness/checks';
import { parseConfig } from '../../harness/config/env';
import { ApiClient } from '../../harness/http/client';
import type { Exchange } from '../../harness/http/exchange';
import {
  apiError,
  context,
  exchange,
  getOrganization,
  identity,
  ORG_ID,
  OTHER_ID,
  SEED_ORGANIZATION,
} from './exchanges';

/** Variations the contract tolerates (docs/CONTRACT.md § Schemas): none is an error. */

function judge(ex: Exchange, strict = false): Violation[] {
  const expect: Expectation = {
    rule: 'auth_accepted',
    statuses: [ex.response.status],
    why: 'as sent',
  };
  return runChecks(ex, context(expect, { strict }));
}
const errorsOf = (violations: Violation[]) => violations.filter((v) => v.severity === 'error');

test.describe('tolerated variations', () => {
  for (const contentType of [
    'application/json; charset=utf-8',
    'Application/JSON',
    'APPLICATION/JSON;Charset=UTF-8',
    'application/json ; charset="utf-8"',
  ]) {
    test(`Content-Type: ${contentType}`, () => {
      const headers = { 'content-type': contentType };
      expect(judge(getOrganization({ headers }))).toEqual([]);
      expect(judge(exchange({ status: 404, headers, body: apiError(404, 'Not found.') }))).toEqual(
        [],
      );
    });
  }

  test('extra properties: a warning from unknown_properties only; an error when strict', () => {
    const ex = getOrganization({
      body: { data: { ...SEED_ORGANIZATION, created_at: '2024-02-08T10:00:00Z' }, meta: {} },
    });
    const lenient = judge(ex);
    expect(lenient.map((v) => [v.check, v.severity])).toEqual([['unknown_properties', 'warning']]);
    expect(lenient[0]?.received).toBe('undeclared /meta, /data/created_at');
    const strict = judge(ex, true);
    expect(strict.map((v) => [v.check, v.severity])).toEqual([['unknown_properties', 'error']]);
  });

  test('extra properties in errors and identities are warnings too', () => {
    const error = exchange({ status: 409, body: { ...apiError(409, 'Taken.'), trace_id: 'abc' } });
    const me = exchange({
      operation: 'identity',
      path: '/api/me',
      status: 200,
      body: { data: identity({ user_id: 'u_1' }) },
    });
    for (const ex of [error, me]) {
      expect(errorsOf(judge(ex))).toEqual([]);
      expect(judge(ex).map((v) => v.check)).toEqual(['unknown_properties']);
    }
  });

  test('key order', () => {
    const reversed = Object.fromEntries(Object.entries(SEED_ORGANIZATION).reverse());
    const bodyText = `{"data":${JSON.stringify(reversed)}}`;
    expect(bodyText.indexOf('"sso_org_id"')).toBeLessThan(bodyText.indexOf('"id"'));
    expect(judge(getOrganization({ bodyText }))).toEqual([]);
  });

  test('empty, null and absent optional strings', () => {
    const variants = [
      { id: ORG_ID, name: 'Acme', issuer: '', sso_domain: '', sso_org_id: '' },
      { id: ORG_ID, name: 'Acme', issuer: null, sso_domain: null, sso_org_id: null },
      { id: ORG_ID, name: 'Acme' },
    ];
    for (const data of variants) expect(judge(getOrganization({ body: { data } }))).toEqual([]);
    const list = exchange({
      operation: 'list',
      path: '/api/organizations',
      status: 200,
      body: { data: variants.map((org, i) => ({ ...org, id: i ? OTHER_ID : ORG_ID })) },
    });
    expect(judge(list)).toEqual([]);
    const deploymentKey = identity({ organization_id: null, is_system: true });
    const me = exchange({
      operation: 'identity',
      path: '/api/me',
      status: 200,
      body: { data: deploymentKey },
    });
    expect(judge(me)).toEqual([]);
  });
});

test.describe('error bodies in plain words', () => {
  test('messages that name an action are not internals', () => {
    const ex = exchange({ status: 409, body: apiError(409, 'Organization name already in use.') });
    expect(judge(ex)).toEqual([]);
  });

  // Regression: English sentences were taken for SQL text.
  test('"Cannot delete an organization from an active sync." is not SQL', () => {
    const message = 'Cannot delete an organization from an active sync.';
    expect(judge(exchange({ status: 409, body: apiError(409, message) }))).toEqual([]);
  });
});

test.describe('header names', () => {
  test('the checks read lower-case names only: client.ts must lower-case them', () => {
    const capitalised = getOrganization({
      headers: { 'content-type': undefined, 'Content-Type': 'application/json' },
    });
    expect(judge(capitalised).map((v) => v.check)).toEqual(['json_content_type']);
  });

  let server: Server;
  let baseUrl: string;
  test.beforeAll(async () => {
    server = createServer((_request, response) => {
      // Raw header pairs keep their case on the wire.
      response.writeHead(200, [
        'CONTENT-TYPE',
        'Application/JSON; Charset=UTF-8',
        'X-POLYTOMIC-VERSION',
        '2025-09-18',
      ]);
      response.end(JSON.stringify({ data: SEED_ORGANIZATION }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('ApiClient records request and response header names lower-case, whatever their case on the wire', async () => {
    const config = parseConfig({
      POLYTOMIC_DEPLOYMENT_URL: baseUrl,
      POLYTOMIC_PARTNER_KEY: 'pk-test-LowerCase42',
    });
    const client = new ApiClient(config, '2025-09-18');
    const ex = await client.send({
      method: 'GET',
      path: `/api/organizations/${ORG_ID}`,
      operation: 'get',
      mode: 'partner',
      headers: { 'X-Request-Source': 'selftest' },
    });
    const names = [...Object.keys(ex.response.headers), ...Object.keys(ex.request.headers)];
    expect(names.filter((name) => name !== name.toLowerCase())).toEqual([]);
    expect(ex.request.headers['x-request-source']).toBe('selftest');
    expect(ex.version).toBe('2025-09-18');
    expect(judge(ex)).toEqual([]);
  });
});
