import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { REDACTION_MASK as MASK, redact, registerSecret } from '../../harness/secrets/redact';
import { holdsSecret, secretForms } from '../../harness/secrets/secret-forms';
import { needlesFor, scanText } from '../../scripts/lib/ops/leak-scan';
import { percentEncoded, unicodeEscaped } from '../hostile/transport-server';

/** A key echoed escaped character by character is masked, found by the scan and by the check alike. */
const newKey = () => `pk-${randomBytes(9).toString('base64url')}`;

const forms = (key: string): [string, string][] => [
  ['\\u-escaped', unicodeEscaped(key)],
  ['\\u-escaped, upper-case hex', unicodeEscaped(key).toUpperCase().replace(/\\U/g, '\\u')],
  ['\\u-escaped inside JSON (\\\\u)', JSON.stringify(unicodeEscaped(key)).slice(1, -1)],
  ['every other character percent-encoded', percentEncoded(key)],
  ['fully percent-encoded', [...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')],
];

test('redact masks each escaped form; the text around it is kept', () => {
  const key = newKey();
  registerSecret(key);
  for (const [name, form] of forms(key)) {
    expect(redact(`before ${form} after`), name).toBe(`before ${MASK} after`);
  }
});

test('the leak scan and error_no_internals find each escaped form', () => {
  const key = newKey();
  const needles = needlesFor([{ variable: 'POLYTOMIC_PARTNER_KEY', value: key }], []);
  for (const [name, form] of forms(key)) {
    expect(scanText(`{"message":"${form}"}`, needles).length, name).toBeGreaterThan(0);
    expect(holdsSecret(`error: ${form}`, key), name).toBe(true);
  }
  expect(scanText('%41%42 \\u0041 nothing here', needles)).toEqual([]);
  expect(holdsSecret('%41%42 \\u0041 nothing here', key)).toBe(false);
});

test('every form the leak scan searches for is masked by redaction: base64 of the key too', () => {
  // A quote and a backslash give the JSON-escaped form a text of its own.
  const key = `${newKey()}"\\/x`;
  registerSecret(key);
  const needles = needlesFor([{ variable: 'POLYTOMIC_PARTNER_KEY', value: key }], []);
  const searched = needles.plain.map((needle) => needle.form);
  expect(searched).toEqual(secretForms(key).map(({ form }) => form));
  expect(searched).toContain('base64 of the key');
  for (const { form, text } of secretForms(key)) {
    const echoed = `{"message":"before ${text} after"}`;
    expect(scanText(echoed, needles).length, form).toBeGreaterThan(0);
    expect(redact(echoed), form).toBe(`{"message":"before ${MASK} after"}`);
  }
});
