import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SDK_SCHEMA_NAMES } from '../../contract/sdk-schema-names';
import { SCHEMAS_DIR } from '../../harness/schema/files';
import { createSchemaRegistry, unknownProperties, validate } from '../../harness/schema/schemas';
import { bodyErrors } from '../../reference/request-schemas';
import { installedSdkSchemas } from '../../scripts/lib/sdk-schemas/sources';

/**
 * The schemas made from Polytomic's SDK types (`npm run schemas:sdk`): the committed 1.18.1
 * files are exactly what the script makes from the installed package, so a new release
 * (or a hand edit) shows as a difference here; and they judge as the types say.
 */

test('schemas/<version>/sdk/ of SDK 1.18.1 is what npm run schemas:sdk makes from the installed SDK', () => {
  test.setTimeout(120_000);
  const made = installedSdkSchemas();
  const versions = new Set([...made.keys()].map((file) => file.split('/')[0] ?? ''));
  expect([...versions]).toEqual(['2022-12-12', '2023-04-25', '2024-02-08']);
  for (const version of versions) {
    const committed = readdirSync(path.join(SCHEMAS_DIR, version, 'sdk')).map(
      (name) => `${version}/sdk/${name}`,
    );
    const expected = [...made.keys()].filter((file) => file.startsWith(`${version}/`));
    expect(committed.sort()).toEqual(expected.sort());
  }
  for (const [file, text] of made) {
    // Compared as parsed JSON with its key order (Biome lays the committed files out).
    const committed = JSON.stringify(
      JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')),
    );
    expect(committed, file).toBe(JSON.stringify(JSON.parse(text)));
  }
});

const WEBHOOK = {
  data: {
    id: '248df4b7-aa70-47b8-a036-33ac447e668d',
    endpoint: 'https://example.com/webhook',
    organization_id: '248df4b7-aa70-47b8-a036-33ac447e668d',
    created_at: '2024-01-01T00:00:00Z',
    disabled: false,
  },
};

test('an SDK schema judges: a valid WebhookEnvelope passes, a wrong type fails at its path', () => {
  expect(validate('2024-02-08', 'sdk/WebhookEnvelope', WEBHOOK)).toEqual([]);
  const errors = validate('2024-02-08', 'sdk/WebhookEnvelope', { data: { id: 5 } });
  expect(errors.map((error) => `${error.instancePath} ${error.keyword}`)).toContain(
    '/data/id type',
  );
});

test('an SDK schema allows extra fields, and the unknown-properties check still lists them', () => {
  const body = { data: { ...WEBHOOK.data, _links: {} }, meta: 1 };
  expect(validate('2022-12-12', 'sdk/WebhookEnvelope', body)).toEqual([]);
  expect(unknownProperties('2022-12-12', 'sdk/WebhookEnvelope', body)).toEqual([
    '/meta',
    '/data/_links',
  ]);
});

test('an optional field may be null (the SDK returns bodies unchecked); a required one may not', () => {
  const nulls = { data: { ...WEBHOOK.data, endpoint: null, secret: null } };
  expect(validate('2023-04-25', 'sdk/WebhookEnvelope', nulls)).toEqual([]);
  expect(validate('2024-02-08', 'sdk/WebhookEnvelope', { data: null })).toEqual([]);
  // CreateWebhooksSchema types endpoint and secret as required.
  expect(
    bodyErrors('2024-02-08', 'sdk/CreateWebhooksSchema', { endpoint: 'https://e.x', secret: 's' }),
  ).toEqual([]);
  const missing = bodyErrors('2024-02-08', 'sdk/CreateWebhooksSchema', { endpoint: null });
  expect(missing.map(({ field, keyword }) => `${field} ${keyword}`).sort()).toEqual([
    'endpoint type',
    'secret required',
  ]);
});

test('the SDK-HEAD files (2025-09-18) parse, compile and name commit 39153bc', () => {
  // Making them again needs a clone of polytomic-typescript, which CI has not: regenerate
  // with `npm run schemas:sdk -- --git <clone>`.
  const names = SDK_SCHEMA_NAMES['2025-09-18'] ?? [];
  test.skip(names.length === 0, 'no SDK-HEAD schemas are committed');
  for (const name of names) {
    const file = path.join(SCHEMAS_DIR, '2025-09-18', `${name}.json`);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
    expect(schema.description, name).toContain('polytomic/polytomic-typescript 39153bc');
    expect(validate('2025-09-18', name, null).length, name).toBeGreaterThan(0);
  }
});

test('a misnamed SDK schema file stops loading with one sentence naming it', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sdk-schemas-layout-'));
  try {
    cpSync(SCHEMAS_DIR, root, { recursive: true });
    const from = path.join(root, '2024-02-08', 'sdk', 'WebhookEnvelope.json');
    // Its $id follows the name, so it is the layout that is wrong, not the $id.
    const text = readFileSync(from, 'utf8').replace(
      'sdk/WebhookEnvelope.json',
      'sdk/WebhookEnvelop.json',
    );
    writeFileSync(path.join(root, '2024-02-08', 'sdk', 'WebhookEnvelop.json'), text);
    rmSync(from);
    expect(() => createSchemaRegistry(root)).toThrow(
      /schemas\/2024-02-08\/sdk\/ must hold .*missing 2024-02-08\/sdk\/WebhookEnvelope\.json; unexpected 2024-02-08\/sdk\/WebhookEnvelop\.json\./,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
