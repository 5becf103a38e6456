import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FAMILIES } from '../../contract/rules';

/**
 * A spec file is named after its family (`<family>[-<topic>].spec.ts`), and its describe
 * title is the family: what a reader sees in the report leads to one file.
 */
const TESTS = path.resolve(__dirname, '..', '..', 'tests');

test('every spec file is named after the one family it describes, and titled with it', () => {
  const specs = readdirSync(TESTS).filter((name) => name.endsWith('.spec.ts'));
  expect(specs.length).toBeGreaterThan(0);
  for (const spec of specs) {
    const text = readFileSync(path.join(TESTS, spec), 'utf8');
    const described = [...text.matchAll(/test\.describe\('([^']+)', family\('([^']+)'\)/g)];
    expect(described.length, spec).toBeGreaterThan(0);
    for (const [, title, family] of described) {
      expect(title, spec).toBe(family);
      expect(FAMILIES as readonly string[], spec).toContain(family);
      expect(spec === `${family}.spec.ts` || spec.startsWith(`${family}-`), spec).toBe(true);
    }
  }
});
