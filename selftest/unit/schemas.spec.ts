import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { SchemaName } from '../../contract/endpoints';
import { SDK_SCHEMA_NAMES } from '../../contract/sdk-schema-names';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { SCHEMA_ID_BASE, SCHEMA_NAMES, SCHEMAS_DIR, schemaId } from '../../harness/schema/files';
import {
  createSchemaRegistry,
  hasSchema,
  REDACTED,
  schemaVersions,
  unknownProperties,
  validate,
} from '../../harness/schema/schemas';

const ID = '248df4b7-aa70-47b8-a036-33ac447e668d';
const SEED_PAGE_EXAMPLE = {
  data: {
    id: ID,
    issuer: 'https://example.com',
    name: 'My Organization',
    sso_domain: 'example.com',
    sso_org_id: '123456',
  },
};
const org = (fields: Record<string, unknown> = {}) => ({ id: ID, name: 'Acme', ...fields });
const identity = (fields: Record<string, unknown> = {}) => ({
  organization_id: ID,
  is_partner: false,
  is_organization: true,
  is_user: false,
  is_system: false,
  ...fields,
});
const OLDER_ERROR = { error: 'Not Found', status: 'Not Found', code: 404, context: { id: ID } };
const LEGACY_ERROR = { error: { message: 'not found' } };
const OLDER = ['2022-12-12', '2023-04-25'];
const RESTERR_401 = { error: 'unauthorized', status: 'Unauthorized', code: 401, context: {} };

const O = 'organization.envelope';
const L = 'organizations.envelope';
const I = 'identity.envelope';
const E = 'error';

/** [schema, label, body, what unknownProperties finds in it]: valid in every version. */
const VALID: readonly [SchemaName, string, unknown, string[]][] = [
  [O, 'the seed page example', SEED_PAGE_EXAMPLE, []],
  [O, 'only id and name', { data: org() }, []],
  // SDK-1.18 types them optional: required_fields warns, the schema takes them.
  [O, 'no name', { data: { id: ID } }, []],
  [O, 'no id', { data: { name: 'Acme' } }, []],
  [O, 'no data', {}, []],
  [L, 'no data', {}, []],
  [I, 'no data', {}, []],
  [O, 'empty optional strings', { data: org({ issuer: '', sso_domain: '', sso_org_id: '' }) }, []],
  [
    O,
    'null optional strings',
    { data: org({ issuer: null, sso_domain: null, sso_org_id: null }) },
    [],
  ],
  [
    O,
    'extra fields',
    { data: org({ created_at: 'x', _links: {} }), meta: { page: 1 } },
    ['/meta', '/data/created_at', '/data/_links'],
  ],
  [L, 'an empty list', { data: [] }, []],
  [
    L,
    'two organizations',
    { data: [SEED_PAGE_EXAMPLE.data, org({ issuer: '', extra: 1 })] },
    ['/data/1/extra'],
  ],
  [L, 'data null: nothing to list (REF-2023 "list of objects or null")', { data: null }, []],
  [I, 'an API key', { data: identity() }, []],
  [
    I,
    "a user's API key (REF-2025's example)",
    { data: identity({ is_user: true, is_organization: false }) },
    [],
  ],
  [I, 'every field absent (all optional, SDK-1.18)', { data: {} }, []],
  [
    I,
    'no is_partner, no organization_id',
    { data: identity({ is_partner: undefined, organization_id: undefined }) },
    [],
  ],
  [I, 'a deployment key (null organization)', { data: identity({ organization_id: null }) }, []],
  [
    I,
    'optional fields, empty organization_id',
    { data: identity({ organization_id: '', email: 'a@example.com', role: 'admin', extra: 1 }) },
    ['/data/extra'],
  ],
  [E, 'message only', { message: 'not found' }, []],
  [
    E,
    'status, metadata and an extra field',
    { message: 'x', status: 404, metadata: { id: ID }, trace_id: 't' },
    ['/trace_id'],
  ],
];

/** [schema, label, body, an expected error as "instancePath (keyword)"]: invalid in every version. */
const INVALID: readonly [SchemaName, string, unknown, string][] = [
  [
    O,
    "id not a UUID (the seed page's placeholder)",
    { data: org({ id: 'string' }) },
    '/data/id (format)',
  ],
  [O, 'id as a urn:uuid: URN', { data: org({ id: `urn:uuid:${ID}` }) }, '/data/id (format)'],
  [O, 'id not a string', { data: org({ id: 42 }) }, '/data/id (type)'],
  [O, 'empty name', { data: org({ name: '' }) }, '/data/name (minLength)'],
  [O, 'name not a string', { data: org({ name: 7 }) }, '/data/name (type)'],
  [O, 'sso_org_id not a string', { data: org({ sso_org_id: 123456 }) }, '/data/sso_org_id (type)'],
  [O, 'issuer not a URI', { data: org({ issuer: 'example dot com' }) }, '/data/issuer (format)'],
  [
    O,
    'sso_domain not a host name',
    { data: org({ sso_domain: 'not a host' }) },
    '/data/sso_domain (format)',
  ],
  [
    O,
    'client_secret present',
    { data: org({ client_secret: 's3cr3t' }) },
    '/data/client_secret (not)',
  ],
  [O, 'sent bare: its id at the top level', org(), '(root) (not)'],
  [O, 'data null', { data: null }, '/data (type)'],
  [L, 'list not an array', { data: org() }, '/data (type)'],
  [L, 'missing envelope', [org()], '(root) (type)'],
  [L, 'a bad item', { data: [org(), org({ id: 'nope' })] }, '/data/1/id (format)'],
  [
    L,
    'client_secret in an item',
    { data: [org({ client_secret: 's' })] },
    '/data/0/client_secret (not)',
  ],
  [I, 'is_user not a boolean', { data: identity({ is_user: 'false' }) }, '/data/is_user (type)'],
  [
    I,
    'organization_id not a UUID',
    { data: identity({ organization_id: 'org-1' }) },
    '/data/organization_id (format)',
  ],
  [E, 'a JSON string', 'Not Found', '(root) (type)'],
  [E, 'a list of errors', [{ message: 'x' }], '(root) (type)'],
];

/**
 * [label, error body, the versions that accept it] (docs/CONTRACT.md § Schemas): 2025-09-18's
 * ApiError has every field optional (SDK-HEAD), and so has 2024-02-08's (SDK-1.18; a missing
 * message is error_message's, a decision); the older versions take RestErrResponse, ApiError,
 * GO-2023's or the legacy shape.
 */
const ERROR_SHAPES: readonly [string, unknown, readonly string[]][] = [
  [
    'key (declared in 2025-09-18 and 2024-02-08, an extra field before)',
    { message: 'x', key: 'k' },
    SUPPORTED_VERSIONS,
  ],
  ['the older RestErrResponse', OLDER_ERROR, OLDER],
  ['the older shape, error only', { error: 'Not Found' }, SUPPORTED_VERSIONS],
  ['the legacy {"error": {"message"}}', LEGACY_ERROR, SUPPORTED_VERSIONS],
  ['metadata that is not an object', { message: 'x', metadata: 'details' }, SUPPORTED_VERSIONS],
  [
    "GO-2023's {message, status_code, metadata}",
    { message: 'x', status_code: 404, metadata: {} },
    SUPPORTED_VERSIONS,
  ],
  [
    'no message (every ApiError field optional)',
    { status: 404, key: 'not_found' },
    SUPPORTED_VERSIONS,
  ],
  ['status as a string (RestErrResponse status text)', { message: 'x', status: '404' }, OLDER],
  ['the older shape with an integer status', { error: 'x', status: 404 }, SUPPORTED_VERSIONS],
  ['an empty object', {}, SUPPORTED_VERSIONS],
  ['a string', 'Not Found', []],
  ['an array', [], []],
];

/** [label, 401 body, the versions that accept it]: 2024-02-08 types a 401 as RestErrResponse. */
const ERROR_401_SHAPES: readonly [string, unknown, readonly string[]][] = [
  ['RestErrResponse (SDK-1.18, GO-2024)', RESTERR_401, [...OLDER, '2024-02-08']],
  ['the message shape', { message: 'Unauthorized', status: 401 }, SUPPORTED_VERSIONS],
  ['RestErrResponse with a numeric error', { ...RESTERR_401, error: 401 }, []],
  ['a string', 'Unauthorized', []],
];

/** [version, schema, body, what unknownProperties finds]. */
const UNKNOWN: readonly [string, SchemaName, unknown, string[]][] = [
  ['2025-09-18', O, { data: org({ 'a/b': 1 }) }, ['/data/a~1b']],
  [
    '2023-04-25',
    L,
    { data: [org(), org({ _links: { self: '/x' } })], next: null },
    ['/next', '/data/1/_links'],
  ],
  ['2024-02-08', I, { data: identity({ email: 'a@example.com', scopes: [] }) }, ['/data/scopes']],
  ['2025-09-18', E, { message: 'x', key: 'k', trace_id: 't' }, ['/trace_id']],
  ['2024-02-08', E, { message: 'x', key: 'k' }, []],
  ['2024-02-08', E, { message: 'x', code: 5 }, ['/code']],
  ['2024-02-08', 'error.401', { ...RESTERR_401, trace_id: 't' }, ['/trace_id']],
  ['2023-04-25', E, { message: 'x', key: 'k' }, []],
  ['2022-12-12', E, { ...OLDER_ERROR, request_id: 'r' }, ['/request_id']],
  ['2022-12-12', E, OLDER_ERROR, []],
  ['2023-04-25', E, LEGACY_ERROR, []],
  [
    '2022-12-12',
    E,
    { error: { message: 'x', code: 5 }, trace_id: 't' },
    ['/trace_id', '/error/code'],
  ],
  ['2025-09-18', E, { message: 'x', metadata: { anything: { goes: true } } }, []],
  ['2025-09-18', O, { data: { extra: 1 } }, ['/data/extra']],
];

test('a schema folder exists for every supported version, and only those', () => {
  expect(schemaVersions()).toEqual([...SUPPORTED_VERSIONS].sort());
});

for (const version of SUPPORTED_VERSIONS) {
  test.describe(version, () => {
    test('has every schema name', () => {
      for (const name of SCHEMA_NAMES) expect(hasSchema(version, name), name).toBe(true);
    });

    for (const [schema, label, body, unknown] of VALID) {
      test(`${schema} accepts ${label}`, () => {
        expect(validate(version, schema, body)).toEqual([]);
        expect(unknownProperties(version, schema, body)).toEqual(unknown);
      });
    }

    for (const [schema, label, body, expected] of INVALID) {
      test(`${schema} rejects ${label}`, () => {
        const errors = validate(version, schema, body);
        expect(errors.map((e) => `${e.instancePath || '(root)'} (${e.keyword})`)).toContain(
          expected,
        );
      });
    }

    for (const [label, body, validIn] of ERROR_SHAPES) {
      const valid = validIn.includes(version);
      test(`error ${valid ? 'accepts' : 'rejects'} ${label}`, () => {
        expect(validate(version, 'error', body).length === 0).toBe(valid);
      });
    }

    for (const [label, body, validIn] of ERROR_401_SHAPES) {
      const valid = validIn.includes(version);
      test(`error.401 ${valid ? 'accepts' : 'rejects'} ${label}`, () => {
        expect(validate(version, 'error.401', body).length === 0).toBe(valid);
      });
    }
  });
}

test.describe('validate explains the failure', () => {
  test('each error names the path, keyword, message, rule and value', () => {
    expect(validate('2025-09-18', 'organization.envelope', { data: org({ id: 'x' }) })).toEqual([
      {
        instancePath: '/data/id',
        keyword: 'format',
        message: 'must match format "uuid"',
        schemaPath: 'common/organization.json#/properties/id/format',
        value: 'x',
      },
    ]);
  });

  test('every violation is reported once', () => {
    const errors = validate('2024-02-08', 'organization.envelope', {
      data: { id: 'x', name: '', issuer: 'nope', sso_domain: 'a b' },
    });
    expect(errors.map((e) => `${e.instancePath} (${e.keyword})`)).toEqual([
      '/data/id (format)',
      '/data/name (minLength)',
      '/data/issuer (format)',
      '/data/sso_domain (format)',
    ]);
  });

  test('client_secret is reported without its value', () => {
    const [error] = validate('2025-09-18', 'organization.envelope', {
      data: org({ client_secret: 's3cr3t' }),
    });
    expect(error).toMatchObject({ message: 'must not be present', value: REDACTED });
  });

  test('a failed union names its shapes and keeps only the closest one', () => {
    const errors = validate('2024-02-08', 'error.401', { ...RESTERR_401, error: 401 });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ instancePath: '', keyword: 'anyOf' });
    expect(errors[0]?.message).toContain('must match one of RestErrResponse');
    expect(errors[0]?.message).toContain('closest is RestErrResponse');
    expect(errors[1]).toMatchObject({
      instancePath: '/error',
      keyword: 'type',
      message: 'must be string',
    });
  });

  test('an unknown version or name is an error, not an empty list', () => {
    expect(() => validate('2020-01-01', 'error', {})).toThrow(
      /No schema error for API version 2020-01-01/,
    );
  });
});

test.describe('unknownProperties', () => {
  for (const [version, schema, body, found] of UNKNOWN) {
    test(`${version} ${schema}: ${JSON.stringify(body)} → [${found.join(', ')}]`, () => {
      expect(unknownProperties(version, schema, body)).toEqual(found);
    });
  }
});

test.describe('the registry', () => {
  const ids = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.split(path.sep).join('/'),
        JSON.parse(readFileSync(path.join(dir, file), 'utf8')).$id,
      ]);

  test('every schema file has an $id that follows its path', () => {
    const found = ids(SCHEMAS_DIR);
    expect(found.length).toBe(
      SUPPORTED_VERSIONS.length * SCHEMA_NAMES.length +
        readdirSync(path.join(SCHEMAS_DIR, 'common')).length +
        Object.values(SDK_SCHEMA_NAMES).flat().length,
    );
    for (const [file, id] of found) expect(id, file).toBe(`${SCHEMA_ID_BASE}${file}`);
    expect(schemaId('2025-09-18', 'organization.envelope')).toBe(
      `${SCHEMA_ID_BASE}2025-09-18/organization.envelope.json`,
    );
  });

  /** A copy of schemas/ to change; removed after the test. */
  function copy(change: (root: string) => void): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'schemas-'));
    cpSync(SCHEMAS_DIR, root, { recursive: true });
    change(root);
    return root;
  }
  let root = '';
  test.afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = '';
  });

  test('a new version folder needs no code change', () => {
    root = copy((dir) => {
      cpSync(path.join(dir, '2025-09-18'), path.join(dir, '2026-01-01'), { recursive: true });
      // Its sdk/ folder is npm run schemas:sdk's to make, from the SDK that documents it.
      rmSync(path.join(dir, '2026-01-01', 'sdk'), { recursive: true, force: true });
      for (const name of SCHEMA_NAMES) {
        const file = path.join(dir, '2026-01-01', `${name}.json`);
        writeFileSync(file, readFileSync(file, 'utf8').replace('/2025-09-18/', '/2026-01-01/'));
      }
    });
    const registry = createSchemaRegistry(root);
    expect(registry.schemaVersions()).toContain('2026-01-01');
    expect(registry.validate('2026-01-01', 'organization.envelope', SEED_PAGE_EXAMPLE)).toEqual([]);
  });

  test('refuses duplicate ids at load', () => {
    root = copy((dir) =>
      cpSync(path.join(dir, '2025-09-18'), path.join(dir, '2026-01-01'), { recursive: true }),
    );
    // Whichever file of the copied folder is met first: each keeps its $id.
    expect(() => createSchemaRegistry(root)).toThrow(
      /Duplicate schema \$id \S*\/2025-09-18\/([a-z0-9.]+)\.json in schemas\/2025-09-18\/\1\.json and schemas\/2026-01-01\/\1\.json/,
    );
  });

  test('refuses a file without $id', () => {
    root = copy((dir) =>
      writeFileSync(path.join(dir, 'common', 'extra.json'), '{"type": "object"}'),
    );
    expect(() => createSchemaRegistry(root)).toThrow('schemas/common/extra.json has no "$id"');
  });

  test('refuses a version folder that lacks a schema', () => {
    root = copy((dir) => rmSync(path.join(dir, '2024-02-08', 'error.json')));
    expect(() => createSchemaRegistry(root)).toThrow(
      /schemas\/2024-02-08 must hold exactly .*missing 2024-02-08\/error\.json/,
    );
  });

  test('refuses a folder that is not a version', () => {
    root = copy((dir) =>
      cpSync(path.join(dir, 'common'), path.join(dir, 'latest'), { recursive: true }),
    );
    expect(() => createSchemaRegistry(root)).toThrow(
      'schemas/latest: expected a version folder (YYYY-MM-DD) or "common"',
    );
  });

  test('refuses a schema that is not valid JSON Schema', () => {
    root = copy((dir) => {
      const file = path.join(dir, 'common', 'identity.json');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('"type": "object"', '"type": "thing"'),
      );
    });
    expect(() => createSchemaRegistry(root)).toThrow(
      /schemas\/common\/identity\.json is not a valid JSON Schema/,
    );
  });
});
