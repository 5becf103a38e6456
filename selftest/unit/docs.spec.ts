import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { envExample, readmeWithTable, TABLE_START, variables } from '../../scripts/lib/docs';

/**
 * The README's variables table and .env.example are written from harness/config/catalog.ts
 * (`npm run docs`): either one edited by hand, or a variable the code reads that the catalog
 * lacks, fails here.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

test('.env.example is the catalog’s, word for word (npm run docs writes it)', () => {
  expect(read('.env.example')).toBe(envExample());
});

test('the README’s variables table is the catalog’s (npm run docs writes it)', () => {
  const readme = read('README.md');
  expect(readme).toContain(TABLE_START);
  expect(readme).toBe(readmeWithTable(readme));
});

test('every variable the code reads is in the catalog, and the catalog names none it does not', () => {
  const source = ['harness', 'scripts', 'reference', 'tests', 'contract']
    .flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('catalog.ts'))
        .map((file) => path.join(ROOT, dir, file)),
    )
    .concat(path.join(ROOT, 'playwright.config.ts'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  // Named in a string, or read as process.env.NAME or env.NAME.
  const named = source.match(/(['"`]|\benv\.)(POLYTOMIC|REFERENCE)_[A-Z_]+\b/g) ?? [];
  const read = new Set(named.map((found) => found.replace(/^(['"`]|env\.)/, '')));
  const catalogued = new Set(variables().map((variable) => variable.name));
  expect([...read].filter((name) => !catalogued.has(name)).sort()).toEqual([]);
  expect(
    [...catalogued]
      .filter((name) => /^(POLYTOMIC|REFERENCE)_/.test(name) && !read.has(name))
      .sort(),
  ).toEqual([]);
});

test('the deployment key: Bearer in every version, Basic in 2022-12-12 and 2023-04-25, in both', () => {
  const key = variables().find((variable) => variable.name === 'POLYTOMIC_DEPLOYMENT_KEY');
  for (const text of [key?.meaning ?? '', (key?.comment ?? []).join(' ')]) {
    expect(text).toMatch(/Bearer.* in every version/);
    expect(text).toMatch(/Basic base64\(.*key.*:\).*2022-12-12 and 2023-04-25/);
  }
});
