import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * Which folder may import which, so a folder keeps saying when its code runs
 * (Playwright checks the same with its DEPS.list files): the contract is data
 * that depends on nothing, the harness runs in a worker and never reaches into
 * the reference server or the commands, and the specs use only the harness and
 * the contract.
 */
const ROOT = join(__dirname, '..', '..');

const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  contract: ['harness', 'reference', 'schemas', 'scripts', 'selftest', 'tests', '.'],
  harness: ['reference', 'scripts', 'selftest', 'tests'],
  tests: ['reference', 'scripts', 'selftest'],
};

/** Every relative import, re-export, dynamic import and require of a file, as the folder it reaches. */
function importedFolders(file: string): { specifier: string; folder: string }[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"]+)['"]/g),
  ].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => {
    if (!specifier.startsWith('.')) return { specifier, folder: 'package' };
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
    const top = target.split(/[\\/]/);
    return { specifier, folder: top.length > 1 ? (top[0] ?? '.') : '.' };
  });
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

for (const [folder, forbidden] of Object.entries(FORBIDDEN)) {
  test(`${folder}/ imports nothing from ${forbidden.map((f) => (f === '.' ? 'the top level' : `${f}/`)).join(', ')}`, () => {
    const files = sources(folder);
    expect(files.length).toBeGreaterThan(0);
    const crossings = files.flatMap((file) =>
      importedFolders(file)
        .filter(({ folder: reached }) => forbidden.includes(reached))
        .map(({ specifier }) => `${file} imports '${specifier}'`),
    );
    expect(crossings).toEqual([]);
  });
}

test('contract/ imports no package: it is data', () => {
  const packages = sources('contract').flatMap((file) =>
    importedFolders(file)
      .filter(({ folder }) => folder === 'package')
      .map(({ specifier }) => `${file} imports '${specifier}'`),
  );
  expect(packages).toEqual([]);
});

test('the check sees an import that crosses a line', () => {
  // A file of tests/ that imported a command would be reported: the scan is not vacuous.
  const folders = importedFolders('tests/preflight.setup.ts').map(({ folder }) => folder);
  expect(folders).toContain('harness');
  expect(folders).toContain('contract');
});
