import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, runScript, tempDir, writeJson } from './helpers';

// npm run compare on request bodies: the schemas of a real version copied as a new version,
// one request field changed there, and compare run on the copy as on the project's folder.

const OLD = '2025-09-18';
const NEW = '2030-01-01';

type Json = Record<string, unknown>;

/** schemas/common and schemas/<OLD> as they are, and a copy of <OLD> named <NEW>. */
function copiedVersions(): string {
  const root = tempDir('request-diff');
  for (const folder of ['common', OLD])
    cpSync(path.join(ROOT, 'schemas', folder), path.join(root, folder), { recursive: true });
  cpSync(path.join(ROOT, 'schemas', OLD), path.join(root, NEW), { recursive: true });
  return root;
}

/** The user body of common/requests.json, inlined into <NEW>'s file, as `change` leaves it. */
function editUserBody(root: string, file: string, change: (body: Json) => void): void {
  const shared = JSON.parse(readFileSync(path.join(root, 'common', 'requests.json'), 'utf8'));
  const body: Json = structuredClone(shared.$defs.userWithRoleIds);
  change(body);
  writeJson(path.join(root, NEW), file, {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://polytomic-conformance.invalid/schemas/${NEW}/${file}`,
    ...body,
  });
}

function compare(root: string, extra: readonly string[] = []) {
  const out = tempDir('compare-out');
  const run = runScript('scripts/compare.ts', [
    OLD,
    NEW,
    '--schemas',
    root,
    '--out',
    out,
    ...extra,
  ]);
  const written = JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8'));
  const md = readFileSync(path.join(out, 'compare.md'), 'utf8');
  return { ...run, requests: written.requests as Json[], md };
}

const row = (...cells: string[]) => new RegExp(cells.join(' .*'));

test('a request field renamed (email → e_mail) or made required is breaking for clients', () => {
  const root = copiedVersions();
  editUserBody(root, 'user.create.request.json', (body) => {
    const properties = body.properties as Json;
    properties.e_mail = properties.email;
    delete properties.email;
    body.required = ['e_mail'];
  });
  editUserBody(root, 'user.update.request.json', (body) => {
    body.required = ['email', 'role_ids'];
  });
  const { status, output, requests, md } = compare(root);
  // A rename is the old field removed and a new one added: a request with `email` is refused.
  const removed = row(
    'users',
    'create',
    '/email',
    'property removed — was string, minLength 1, required',
    'breaking',
  );
  const added = row('users', 'create', '/e_mail', 'required property added', 'breaking');
  const required = row('users', 'update', '/role_ids', 'became required', 'breaking');
  for (const line of [removed, added, required]) {
    expect(output).toMatch(line);
    expect(md).toMatch(line);
  }
  expect(output).toMatch(row('organizations', 'create', '\\(body\\)', 'no change'));
  expect(output).toContain(`not baselined: ${NEW} · users create /email · - · property_removed`);
  expect(output).toContain(
    `not baselined: ${NEW} · users create /e_mail · - · required_property_added`,
  );
  expect(output).toContain(`not baselined: ${NEW} · users update /role_ids · - · became_required`);
  expect(requests).toContainEqual(
    expect.objectContaining({
      resource: 'users',
      operation: 'create',
      path: '/email',
      change: 'property_removed',
      class: 'breaking',
    }),
  );
  expect(status).toBe(1);
  // The ids are what a baseline entry names: covered, the same change passes the gate.
  const baseline = writeJson(tempDir('compare'), 'baseline.json', {
    entries: [
      `${NEW} · users create /* · - · property_removed`,
      `${NEW} · users create /* · - · required_property_added`,
      // The current organization's user create takes the same body (REF-2025).
      `${NEW} · currentUsers create /* · - · property_removed`,
      `${NEW} · currentUsers create /* · - · required_property_added`,
      `${NEW} · users update /role_ids · - · became_required`,
    ].map((id) => ({ id, reason: 'in the changelog', owner: 'api team', expires: '2099-12-31' })),
  });
  expect(compare(root, ['--baseline', baseline]).status).toBe(0);
});

test('an optional request field added, or a bound loosened, is compatible', () => {
  const root = copiedVersions();
  editUserBody(root, 'user.create.request.json', (body) => {
    (body.properties as Json).nickname = { type: 'string' };
  });
  editUserBody(root, 'user.update.request.json', (body) => {
    const roleIds = (body.properties as Json).role_ids as Json;
    roleIds.minItems = 0;
  });
  // A request schema no endpoint row names cannot be paired with an operation: said, not skipped.
  writeJson(path.join(root, NEW), 'user.invite.request.json', { type: 'object' });
  const { status, output, requests } = compare(root);
  expect(output).toContain('not compared (no endpoint row names them): user.invite.request.json');
  expect(output).toMatch(
    row('users', 'create', '/nickname', 'optional property added', 'compatible'),
  );
  expect(output).toMatch(
    row('users', 'update', '/role_ids', 'constraint loosened — minItems: 1 → 0', 'compatible'),
  );
  // The current organization's user create takes the same body: its change is listed too.
  expect(requests.map((r) => [r.resource, r.operation, r.path, r.class])).toEqual([
    ['users', 'create', '/nickname', 'compatible'],
    ['users', 'update', '/role_ids', 'compatible'],
    ['currentUsers', 'create', '/nickname', 'compatible'],
  ]);
  expect(status).toBe(0);
});
