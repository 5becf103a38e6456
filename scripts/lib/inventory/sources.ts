import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Inventory } from '../../../contract/inventory/operation';
import { extractInventory } from './extract';

/**
 * The two places an inventory is read from: the installed npm package (SDK-1.18), and a
 * clone of polytomic-typescript at a commit (SDK-HEAD, the 2025-09-18 source), each written
 * to its file in contract/inventory/ by `npm run inventory`.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
export const INVENTORY_DIR = join(ROOT, 'contract', 'inventory');
export const SDK_HEAD_REPOSITORY = 'polytomic/polytomic-typescript';

/** The installed `polytomic` package: its version and its operations. */
export function installedSdkInventory(): Inventory {
  const pkgFile = require.resolve('polytomic/package.json', { paths: [ROOT] });
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  return {
    source: 'SDK-1.18',
    readFrom: `npm polytomic ${version}`,
    operations: extractInventory(dirname(pkgFile), 'SDK-1.18'),
  };
}

/** The resource clients of `src/` at `commit` of a git clone (bare or not) of the repository. */
export function gitSdkInventory(gitDir: string, commit = 'HEAD'): Inventory {
  const sha = execFileSync('git', ['-C', gitDir, 'rev-parse', `${commit}^{commit}`], {
    encoding: 'utf8',
  }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'inventory-src-'));
  try {
    const archive = spawnSync('git', ['-C', gitDir, 'archive', sha, 'src/api/resources'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
    execFileSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    return {
      source: 'SDK-HEAD',
      readFrom: `${SDK_HEAD_REPOSITORY} ${sha}`,
      operations: extractInventory(join(dir, 'src'), 'SDK-HEAD'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The module text of an inventory: data only, formatted by Biome after it is written. */
export function inventoryModule(inventory: Inventory, constant: string, command: string): string {
  const operations = inventory.operations.map((operation) => `    ${JSON.stringify(operation)},`);
  return [
    `// Written by \`${command}\` from ${inventory.readFrom}; do not edit.`,
    "import type { Inventory } from './operation';",
    '',
    `export const ${constant}: Inventory = {`,
    `  source: ${JSON.stringify(inventory.source)},`,
    `  readFrom: ${JSON.stringify(inventory.readFrom)},`,
    '  operations: [',
    ...operations,
    '  ],',
    '};',
    '',
  ].join('\n');
}

/** Writes the module and formats it as the rest of the repository (biome.json). */
export function writeInventoryModule(file: string, text: string): void {
  writeFileSync(file, text);
  const biome = spawnSync('npx', ['biome', 'format', '--write', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (biome.status !== 0) throw new Error(`biome format ${file} failed:\n${biome.stderr}`);
}
