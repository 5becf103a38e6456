import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { compareSchemas } from '../../scripts/lib/compare/schema-diff';
import { runScript, tempDir, writeJson } from './helpers';

// The schema diff on pairs of folders made here: each change classified for the side that
// must cope with it (a response is read by clients, a request is written by them).

const OLD = '2030-01-01';
const NEW = '2030-06-01';

type Json = Record<string, unknown>;
const str = { type: 'string' };
const org = (properties: Json, required: string[] = ['id']): Json => ({
  type: 'object',
  required,
  properties: { id: { type: 'string', format: 'uuid' }, ...properties },
});

/** Two version folders (and common/), one file each side; returns [kind, breaking] pairs. */
function classify(file: string, before: Json, after: Json, common: Json = {}) {
  const root = tempDir('schema-diff');
  for (const [version, schema] of [
    [OLD, before],
    [NEW, after],
  ] as const) {
    mkdirSync(path.join(root, version));
    writeJson(path.join(root, version), file, schema);
  }
  mkdirSync(path.join(root, 'common'));
  for (const [name, schema] of Object.entries(common))
    writeJson(path.join(root, 'common'), name, schema);
  return compareSchemas(root, OLD, NEW).changes.map((c) => [c.path, c.kind, c.breaking]);
}

const R = 'organization.envelope.json';
const Q = 'organization.request.json';

test('removed field: breaking on both sides', () => {
  expect(classify(R, org({ name: str }), org({}))).toEqual([['/name', 'property_removed', true]]);
  expect(classify(Q, org({ name: str }), org({}))).toEqual([['/name', 'property_removed', true]]);
});

test('new optional field: not breaking; new required field: breaking in a request only', () => {
  expect(classify(R, org({}), org({ sso_org_id: str }))).toEqual([
    ['/sso_org_id', 'optional_property_added', false],
  ]);
  expect(classify(Q, org({}), org({ sso_org_id: str }))).toEqual([
    ['/sso_org_id', 'optional_property_added', false],
  ]);
  expect(classify(Q, org({}), org({ name: str }, ['id', 'name']))).toEqual([
    ['/name', 'required_property_added', true],
  ]);
  expect(classify(R, org({}), org({ name: str }, ['id', 'name']))).toEqual([
    ['/name', 'required_property_added', false],
  ]);
});

test('narrowed type breaks a request; widened type breaks a response', () => {
  const nullable = org({ issuer: { type: ['string', 'null'] } });
  const plain = org({ issuer: str });
  expect(classify(Q, nullable, plain)).toEqual([['/issuer', 'type_narrowed', true]]);
  expect(classify(R, nullable, plain)).toEqual([['/issuer', 'type_narrowed', false]]);
  expect(classify(R, plain, nullable)).toEqual([['/issuer', 'type_widened', true]]);
  expect(classify(R, org({ n: { type: 'number' } }), org({ n: { type: 'integer' } }))).toEqual([
    ['/n', 'type_narrowed', false],
  ]);
});

test('a required response field made optional breaks clients that relied on it', () => {
  expect(classify(R, org({ name: str }, ['id', 'name']), org({ name: str }))).toEqual([
    ['/name', 'became_optional', true],
  ]);
  expect(classify(Q, org({ name: str }), org({ name: str }, ['id', 'name']))).toEqual([
    ['/name', 'became_required', true],
  ]);
});

test('changes behind a $ref into common/ are found; annotations are not changes', () => {
  const envelope = (title: string) => ({
    title,
    type: 'object',
    properties: { data: { $ref: '../common/organization.json' } },
  });
  const common = (schema: Json) => ({ 'organization.json': schema });
  expect(
    classify(
      R,
      envelope('One'),
      envelope('Renamed'),
      common({ ...org({ name: str }), description: 'x' }),
    ),
  ).toEqual([]);
  // Both sides share common/, so a ref change is shown by pointing the new side elsewhere.
  const after = { type: 'object', properties: { data: { $ref: '../common/narrow.json' } } };
  const shared = { 'organization.json': org({ name: str }), 'narrow.json': org({}) };
  expect(classify(R, envelope('One'), after, shared)).toEqual([
    ['/data/name', 'property_removed', true],
  ]);
});

test('alternatives (anyOf), constraints, enums and a write-only field', () => {
  const a = { title: 'A', type: 'object', required: ['message'], properties: { message: str } };
  const b = { title: 'B', type: 'object', required: ['error'], properties: { error: str } };
  expect(classify('error.json', { anyOf: [a, b] }, a)).toEqual([
    ['{B}', 'alternative_removed', false],
  ]);
  expect(classify('error.json', a, { anyOf: [a, b] })).toEqual([
    ['{B}', 'alternative_added', true],
  ]);
  expect(classify(Q, org({ name: str }), org({ name: { type: 'string', minLength: 1 } }))).toEqual([
    ['/name', 'constraint_added', true],
  ]);
  const role = (values: string[]) => org({ role: { type: 'string', enum: values } });
  expect(classify(R, role(['admin']), role(['admin', 'user']))).toEqual([
    ['/role', 'enum_widened', true],
  ]);
  const secret = (schema: Json) => org({ client_secret: schema });
  expect(classify(R, secret({ not: {} }), secret(str))).toEqual([
    ['/client_secret', 'no_longer_forbidden', true],
  ]);
});

test('a bound tightened breaks a request, loosened breaks a response; its direction is known', () => {
  const name = (schema: Json) => org({ name: { type: 'string', ...schema } });
  expect(classify(Q, name({ minLength: 1 }), name({ minLength: 3 }))).toEqual([
    ['/name', 'constraint_tightened', true],
  ]);
  expect(classify(Q, name({ minLength: 3 }), name({ minLength: 1 }))).toEqual([
    ['/name', 'constraint_loosened', false],
  ]);
  expect(classify(R, name({ maxLength: 10 }), name({ maxLength: 20 }))).toEqual([
    ['/name', 'constraint_loosened', true],
  ]);
  const ids = (minItems: number) => org({ role_ids: { type: 'array', minItems, items: str } });
  expect(classify(Q, ids(0), ids(1))).toEqual([['/role_ids', 'constraint_tightened', true]]);
  expect(classify(Q, name({ pattern: '^a' }), name({ pattern: '^b' }))).toEqual([
    ['/name', 'constraint_changed', true],
  ]);
});

test('fields made exclusive (not: required both): breaking, unless one of them is new', () => {
  const both = { not: { description: 'not both', required: ['role', 'role_ids'] } };
  const ids = { type: 'array', minItems: 1, items: str };
  const open = org({ role: str, role_ids: ids });
  expect(classify(Q, open, { ...open, ...both })).toEqual([['', 'exclusivity_added', true]]);
  expect(classify(Q, { ...open, ...both }, open)).toEqual([['', 'exclusivity_removed', false]]);
  // role_ids arrives with the rule: no request of the old version had both (2023-04-25 → 2024-02-08).
  expect(classify(Q, org({ role: str }), { ...open, ...both })).toEqual([
    ['', 'exclusive_with_new_field', false],
    ['/role_ids', 'optional_property_added', false],
  ]);
  // Any other `not` is a value rule: added, it refuses more.
  expect(classify(Q, open, { ...open, not: { required: ['role'] } })).toEqual([
    ['', 'constraint_added', true],
  ]);
});

/** compare as `npm run compare` runs it, writing its files apart from the project's reports/. */
const compare = (args: readonly string[]) =>
  runScript('scripts/compare.ts', [...args, '--out', tempDir('compare-out')]);

const baselineOf = (ids: readonly string[]) =>
  writeJson(tempDir('compare'), 'baseline.json', {
    entries: ids.map((id) => ({
      id,
      reason: 'documented in the changelog of the new version',
      owner: 'api team',
      expires: '2099-12-31',
    })),
  });

test('npm run compare: 2024-02-08 → 2025-09-18 adds endpoints, and its 401 may be an ApiError: breaking', () => {
  const args = ['2024-02-08', '2025-09-18'];
  const { status, output } = compare(args);
  expect(output).toContain('non-breaking  GET /api/organization: endpoint added');
  expect(output).toContain('non-breaking  GET /api/organization/users: endpoint added');
  expect(output).toContain('non-breaking  ownerFirstInList: guarantee added');
  // Rows of another resource added are not an operation of this one moved.
  expect(output).not.toContain('operation moved');
  // SDK-1.18 leaves `message` optional in 2024-02-08 error bodies too: no change there.
  expect(output).not.toContain('error.json /message (response): became optional');
  expect(output).toContain('BREAKING      error.401.json {ApiError (SDK-HEAD, 2025-09-18)}');
  // The request bodies did not change: every operation is listed as compared, with no change.
  for (const operation of [
    'organizations  create',
    'organizations  update',
    'users          create',
  ])
    expect(output).toMatch(new RegExp(`${operation} +\\(body\\) +no change`));
  // The SDK's types are compared too (schemas/<version>/sdk/): SDK-HEAD dropped a bulk
  // sync's `discover`, and renamed types are gone under their SDK-1.18 names.
  expect(output).toContain(
    'BREAKING      sdk/BulkSyncListEnvelope.json /data/[]/discover (response): property removed',
  );
  expect(output).toContain(
    'BREAKING      sdk/ListModelSyncResponseEnvelope.json (body) (response): schema removed',
  );
  expect(status).toBe(1);
  // Three reads whose SDK type was renamed: a client typed against the old name breaks.
  expect(output).toContain(
    'BREAKING      GET /api/syncs: body schema changed — sdk/ListModelSyncResponseEnvelope → sdk/ListSyncResponseEnvelope',
  );
  const known = [
    ...['alternative_added', 'property_removed', 'schema_removed'].map(
      (change) => `2025-09-18 · sdk/* · - · ${change}`,
    ),
    '2025-09-18 · GET /api/* · - · body_schema_changed',
  ];
  const baseline = baselineOf(['2025-09-18 · error.401.json * · - · alternative_added', ...known]);
  expect(compare([...args, '--baseline', baseline]).status).toBe(0);
});

test('npm run compare: the update method moving PATCH → PUT is breaking unless baselined', () => {
  const args = ['2023-04-25', '2024-02-08'];
  const { status, output } = compare(args);
  expect(output).toContain('BREAKING      PATCH /api/organizations/{id}: endpoint removed');
  expect(output).toContain(
    'not baselined: 2024-02-08 · PATCH /api/organizations/{id} · - · endpoint_removed',
  );
  // PUT replaces in full what PATCH left as it was: fields a client did not send are cleared.
  expect(output).toContain('BREAKING      omittedOnUpdate: update semantics changed');
  // Request bodies: Users gain the optional role_ids (at least one entry, not with role); the
  // Organization bodies are the same, the update one now sent with PUT.
  for (const operation of ['create', 'update']) {
    expect(output).toMatch(
      new RegExp(
        `users +${operation} +/role_ids +optional property added — array of string, minItems 1 +compatible`,
      ),
    );
    expect(output).toMatch(
      new RegExp(
        `users +${operation} +\\(body\\) +exclusive with new field — role and role_ids .* +compatible`,
      ),
    );
  }
  expect(output).toMatch(/organizations +create +\(body\) +no change/);
  expect(output).toContain(
    'no change (organization.update.request.json; PATCH /api/organizations/{id} → PUT /api/organizations/{id})',
  );
  expect(status).toBe(1);
  const patch = '2024-02-08 · PATCH /api/organizations/* · * · endpoint_removed';
  const rest = [
    '2024-02-08 · omittedOnUpdate · - · update_semantics_changed',
    '2024-02-08 · error* · - · alternative_added',
  ];
  // One entry covers only its own change.
  const partly = compare([...args, '--baseline', baselineOf([patch])]);
  expect(partly.status).toBe(1);
  expect(partly.output).not.toContain('not baselined: 2024-02-08 · PATCH');
  expect(partly.output).toContain('not baselined: 2024-02-08 · omittedOnUpdate');
  const all = compare([...args, '--baseline', baselineOf([patch, ...rest])]);
  expect(all.status).toBe(0);
  expect(compare(['2023-04-25']).status).toBe(2);
});
