import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { appliesTo } from '../../../contract/endpoints';
import { INVENTORIES, type VersionedInventory } from '../../../contract/inventory';
import { SUPPORTED_VERSIONS } from '../../../contract/versions';
import { SCHEMA_ID_BASE, SDK_DIR } from '../../../harness/schema/files';
import { SDK_HEAD_REPOSITORY } from '../inventory/sources';
import { generateSchemas, OPTIONAL_NULL, type SchemaBody } from './generate';

/**
 * Where the SDK schemas come from and go: SDK-1.18 (the installed package) for the versions
 * its inventory covers, SDK-HEAD (a clone of polytomic-typescript at the inventory's
 * commit) for the newer ones. Each version's folder gets `sdk/<Type>.json` for every type an
 * operation of its inventory returns or takes.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
export const SCHEMAS_ROOT = join(ROOT, 'schemas');
export const NAMES_MODULE = join(ROOT, 'contract', 'sdk-schema-names.ts');

/** The SDK types an inventory's operations return or take, sorted. */
export function typesOf(inventory: VersionedInventory): string[] {
  const types = inventory.operations.flatMap((operation) =>
    [operation.responseType, operation.requestType].filter((type) => type !== undefined),
  );
  return [...new Set(types)].sort();
}

/** The versions an inventory documents (contract/inventory/index.ts). */
export function versionsOf(inventory: VersionedInventory): string[] {
  return SUPPORTED_VERSIONS.filter((version) => appliesTo(inventory, version));
}

function inventoryOf(source: VersionedInventory['source']): VersionedInventory {
  const inventory = INVENTORIES.find((candidate) => candidate.source === source);
  if (!inventory) throw new Error(`No inventory of ${source} in contract/inventory`);
  return inventory;
}

/** `schemas/<version>/sdk/<Type>.json` → its text, for every version `source` documents. */
export type SchemaFiles = Map<string, string>;

/** The files made from the installed `polytomic` package. */
export function installedSdkSchemas(): SchemaFiles {
  const inventory = inventoryOf('SDK-1.18');
  const pkgFile = require.resolve('polytomic/package.json', { paths: [ROOT] });
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  if (inventory.readFrom !== `npm polytomic ${version}`)
    throw new Error(
      `polytomic ${version} is installed, the inventory is of ${inventory.readFrom}: run npm run inventory first.`,
    );
  const schemas = generateSchemas(join(dirname(pkgFile), 'api'), typesOf(inventory));
  return schemaFiles(inventory, schemas, `${inventory.source} (polytomic ${version})`);
}

/** The files made from `src/` of a clone of polytomic-typescript at the SDK-HEAD inventory's commit. */
export function gitSdkSchemas(gitDir: string): SchemaFiles {
  const inventory = inventoryOf('SDK-HEAD');
  const sha = inventory.readFrom.split(' ')[1] ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'sdk-schemas-src-'));
  try {
    const archive = spawnSync('git', ['-C', gitDir, 'archive', sha, 'src'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    if (archive.status !== 0)
      throw new Error(
        `git archive ${sha} of ${gitDir} failed (the commit of contract/inventory/sdk-head.ts): ${archive.stderr}`,
      );
    execFileSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    const schemas = generateSchemas(join(dir, 'src', 'api'), typesOf(inventory));
    return schemaFiles(inventory, schemas, `${inventory.source} (${SDK_HEAD_REPOSITORY} ${sha})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function schemaFiles(
  inventory: VersionedInventory,
  schemas: ReadonlyMap<string, SchemaBody>,
  from: string,
): SchemaFiles {
  const files: SchemaFiles = new Map();
  for (const version of versionsOf(inventory)) {
    for (const [type, body] of schemas) {
      const file = `${version}/${SDK_DIR}/${type}.json`;
      const schema = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${SCHEMA_ID_BASE}${file}`,
        title: `${type} (${version})`,
        description: `Source: ${from} ${type}. Written by npm run schemas:sdk; do not edit. ${OPTIONAL_NULL}`,
        ...body,
      };
      files.set(file, `${JSON.stringify(schema, null, 2)}\n`);
    }
  }
  return files;
}

/**
 * Replaces each version's `sdk/` folder with the files, then writes the module of every SDK
 * schema name found under schemas/ (a version made from another source is kept as it is).
 */
export function writeSchemaFiles(files: SchemaFiles): void {
  const versions = new Set([...files.keys()].map((file) => file.split('/')[0] ?? ''));
  for (const version of versions) {
    rmSync(join(SCHEMAS_ROOT, version, SDK_DIR), { recursive: true, force: true });
    mkdirSync(join(SCHEMAS_ROOT, version, SDK_DIR), { recursive: true });
  }
  for (const [file, text] of files) writeFileSync(join(SCHEMAS_ROOT, file), text);
  writeFileSync(NAMES_MODULE, namesModule());
  biomeFormat([
    NAMES_MODULE,
    ...[...versions].map((version) => join(SCHEMAS_ROOT, version, SDK_DIR)),
  ]);
}

/** The SDK schema names of every version folder, as they are on disk. */
export function sdkNamesOnDisk(): Record<string, string[]> {
  const names: Record<string, string[]> = {};
  for (const version of readdirSync(SCHEMAS_ROOT).sort()) {
    let files: string[];
    try {
      files = readdirSync(join(SCHEMAS_ROOT, version, SDK_DIR));
    } catch {
      continue;
    }
    names[version] = files.map((file) => `${SDK_DIR}/${file.replace(/\.json$/, '')}`).sort();
  }
  return names;
}

/**
 * The names module: versions read from one SDK hold the same names, so each distinct list
 * is written once, as a constant named after the first version holding it.
 */
function namesModule(): string {
  const byVersion = sdkNamesOnDisk();
  const all = [...new Set(Object.values(byVersion).flat())].sort();
  const lists = new Map<string, string>();
  const constants: string[] = [];
  const entries: string[] = [];
  for (const [version, names] of Object.entries(byVersion)) {
    const key = JSON.stringify(names);
    let constant = lists.get(key);
    if (constant === undefined) {
      constant = `NAMES_${version.replaceAll('-', '_')}`;
      lists.set(key, constant);
      constants.push(`const ${constant}: readonly SdkSchemaName[] = ${key};`, '');
    }
    entries.push(`${JSON.stringify(version)}: ${constant}`);
  }
  return [
    '// Written by `npm run schemas:sdk` from the files in schemas/<version>/sdk/; do not edit.',
    '',
    ...constants,
    '/** The SDK schema names each version folder holds (harness/schema/files.ts checks the folders against it). */',
    `export const SDK_SCHEMA_NAMES: Readonly<Record<string, readonly SdkSchemaName[]>> = { ${entries.join(', ')} };`,
    '',
    '/** A schema made from an SDK type by scripts/sdk-schemas.ts: `sdk/<Type>`. */',
    `export type SdkSchemaName = ${all.map((name) => `'${name}'`).join(' | ') || 'never'};`,
    '',
  ].join('\n');
}

/** Formats as the rest of the repository (biome.json), so the written files pass `biome check`. */
export function biomeFormat(paths: readonly string[]): void {
  const biome = spawnSync('npx', ['biome', 'format', '--write', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (biome.status !== 0) throw new Error(`biome format failed:\n${biome.stderr}`);
}
