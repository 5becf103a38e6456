import { expect, test } from '@playwright/test';
import { UNAUTHENTICATED_VARIANTS } from '../../contract/inputs';
import { wrongCredentials } from '../../harness/http/auth';

/**
 * The 401 variants of contract/inputs.ts as sent: each is a credential no deployment
 * may take, and a configured key appears only under a scheme that must not take it.
 */
const KEYS = { partner: 'wrong-credentials-partner-key', deployment: 'wrong-credentials-deploy' };

function sent(why: string): string | undefined {
  const variant = UNAUTHENTICATED_VARIANTS.find((candidate) => candidate.why === why);
  if (!variant) throw new Error(`no 401 variant "${why}" in contract/inputs.ts`);
  const credentials = wrongCredentials(variant.sends, KEYS);
  return credentials.mode === 'none' ? undefined : credentials.authorization;
}

const decoded = (authorization: string | undefined) =>
  Buffer.from((authorization ?? '').replace(/^Basic /, ''), 'base64').toString();

test('every variant sends a different Authorization, none of them a configured key as Bearer or Basic', () => {
  const values = UNAUTHENTICATED_VARIANTS.map(({ why }) => sent(why));
  expect(new Set(values).size).toBe(values.length);
  for (const value of values) {
    expect(value).not.toBe(`Bearer ${KEYS.partner}`);
    expect(decoded(value)).not.toContain(KEYS.partner);
  }
});

test('what each variant sends', () => {
  expect(sent('no Authorization header')).toBeUndefined();
  expect(sent('unknown bearer token')).toMatch(/^Bearer conformance-unknown-[0-9a-f-]{36}$/);
  expect(sent('empty bearer token')).toBe('Bearer ');
  expect(sent('unknown scheme')).toBe(`Token ${KEYS.partner}`);
  expect(decoded(sent('Basic with an unknown key'))).toMatch(
    /^conformance-unknown-[0-9a-f-]{36}:$/,
  );
  expect(sent('Basic that is not base64')).toBe('Basic %%%not-base64%%%');
  expect(decoded(sent('Basic without a colon'))).toBe('no-colon-here');
  expect(decoded(sent('Basic acting with an unknown key'))).toMatch(
    /^[0-9a-f-]{36}:conformance-unknown-[0-9a-f-]{36}$/,
  );
});

test('an unknown key is new each time: no deployment can have learnt it', () => {
  expect(sent('unknown bearer token')).not.toBe(sent('unknown bearer token'));
});

test('with no key configured, the unknown scheme still carries a key-like value', () => {
  const variant = UNAUTHENTICATED_VARIANTS.find(({ why }) => why === 'unknown scheme');
  const credentials = variant && wrongCredentials(variant.sends, {});
  expect(credentials).toEqual({
    mode: 'custom',
    authorization: 'Token conformance-placeholder-key',
  });
});
