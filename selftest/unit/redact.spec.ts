import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { basic } from '../../harness/http/auth';
import { describeRequest, describeResponse } from '../../harness/report/exchange-text';
import {
  REDACTION_MASK as MASK,
  redact,
  redactHeaders,
  registerSecret,
  secretValues,
} from '../../harness/secrets/redact';
import { exchange, ORG_ID } from './exchanges';

/** A fresh key per test: the registry is process-wide, so tests must not share values. */
const newKey = (prefix = 'pk') => `${prefix}-${randomBytes(9).toString('base64url')}`;
const base64 = (text: string) => Buffer.from(text).toString('base64');

test.describe('registered secrets', () => {
  test('the key, base64(key:) and the URL-encoded key are masked', () => {
    const key = `${newKey()}+/=`;
    registerSecret(key);
    const text = `bearer=${key} basic=${base64(`${key}:`)} query=?k=${encodeURIComponent(key)}`;
    expect(encodeURIComponent(key)).not.toBe(key);
    expect(redact(text)).toBe(`bearer=${MASK} basic=${MASK} query=?k=${MASK}`);
  });

  test('every occurrence, anywhere in the text', () => {
    const key = newKey();
    registerSecret(key);
    expect(redact(`{"message":"bad key ${key}","echo":"${key}${key}"}`)).toBe(
      `{"message":"bad key ${MASK}","echo":"${MASK}${MASK}"}`,
    );
  });

  test('values shorter than 6 characters are not registered', () => {
    registerSecret('ab12c');
    registerSecret('');
    registerSecret(undefined);
    expect(secretValues()).not.toContain('ab12c');
    expect(redact('ab12c is a word')).toBe('ab12c is a word');
    registerSecret('ab12cd');
    expect(secretValues()).toContain('ab12cd');
  });

  test('the longest secret is masked first, so a longer one is masked whole', () => {
    const short = newKey('sk');
    const long = `${short}-with-a-longer-tail`;
    registerSecret(short);
    registerSecret(long);
    const values = secretValues();
    expect(values.indexOf(long)).toBeLessThan(values.indexOf(short));
    const lengths = values.map((value) => value.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    expect(redact(`${long} ${short}`)).toBe(`${MASK} ${MASK}`);
  });
});

test.describe('Authorization in text (AUTH_HEADER)', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${MASK}`],
    ['authorization: bearer abc', `authorization: bearer ${MASK}`],
    ['AUTHORIZATION: BASIC dXNlcjpwYXNz', `AUTHORIZATION: BASIC ${MASK}`],
    ['{"authorization":"Basic dXNlcjpwYXNz","x":1}', `{"authorization":"Basic ${MASK}","x":1}`],
    ["{'Authorization': 'Token t0k3n'}", `{'Authorization': 'Token ${MASK}'}`],
    ['Authorization=rawvalue next=1', `Authorization=${MASK} next=1`],
    ['Authorization: Bearer', `Authorization: ${MASK}`],
  ];
  for (const [text, masked] of cases) {
    test(JSON.stringify(text), () => {
      expect(redact(text)).toBe(masked);
    });
  }

  test('text without an Authorization header is unchanged', () => {
    const text = '{"message":"Unauthorized: unknown credential.","status":401}';
    expect(redact(text)).toBe(text);
  });
});

test.describe('redactHeaders', () => {
  test('Authorization is masked whatever its value or case; the scheme stays', () => {
    expect(
      redactHeaders({
        authorization: 'Bearer not-registered-anywhere',
        'x-polytomic-version': '2025-09-18',
      }),
    ).toEqual({ authorization: `Bearer ${MASK}`, 'x-polytomic-version': '2025-09-18' });
    expect(redactHeaders({ Authorization: 'opaque-token-value' })).toEqual({
      Authorization: MASK,
    });
    expect(redactHeaders({ AUTHORIZATION: 'Basic Zm9vOg==' })).toEqual({
      AUTHORIZATION: `Basic ${MASK}`,
    });
  });

  test('other headers lose registered secrets', () => {
    const key = newKey();
    registerSecret(key);
    expect(redactHeaders({ 'x-api-key': key, 'set-cookie': `session=${key}; Path=/` })).toEqual({
      'x-api-key': MASK,
      'set-cookie': `session=${MASK}; Path=/`,
    });
  });
});

test.describe('describeRequest and describeResponse', () => {
  test('never show a registered key or the Basic value built by basic(orgId, key)', () => {
    const key = newKey('dk');
    registerSecret(key);
    const authorization = basic(ORG_ID, key);
    const basicValue = authorization.slice('Basic '.length);
    const ex = exchange({
      method: 'POST',
      path: '/api/organizations',
      mode: 'actingAs',
      requestHeaders: { authorization, 'x-echo': key },
      requestBody: { name: 'Acme', client_id: key },
      status: 401,
      headers: { 'www-authenticate': `Basic realm="${basicValue}"` },
      body: {
        message: `Unauthorized: ${ORG_ID}:${key} was refused`,
        sent: authorization,
        encoded: encodeURIComponent(basicValue),
      },
    });
    for (const text of [describeRequest(ex), describeResponse(ex)]) {
      expect(text).toContain(MASK);
      expect(text).not.toContain(key);
      expect(text).not.toContain(basicValue);
      expect(text).not.toContain(encodeURIComponent(basicValue));
    }
    expect(describeRequest(ex)).toContain('POST /api/organizations');
    expect(describeRequest(ex)).toContain(`authorization: Basic ${MASK}`);
    expect(describeResponse(ex)).toMatch(/^HTTP 401 \(12 ms\)/);
  });

  // Regression: the body was cut to 64 KB before redaction, leaving part of a key.
  test('a key at the 64 KB cut is not shown in part', () => {
    const key = newKey('pk');
    registerSecret(key);
    const bodyText = `${'x'.repeat(64 * 1024 - 8)}${key} trailing`;
    const text = describeResponse(exchange({ status: 500, bodyText }));
    expect(text).not.toContain(key.slice(0, 8));
  });
});
