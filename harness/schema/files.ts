import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { HandWrittenSchemaName, SchemaName } from '../../contract/endpoints';
import { SDK_SCHEMA_NAMES } from '../../contract/sdk-schema-names';
import { VERSION_PATTERN } from '../../contract/versions';
import { forEachObject, isObject } from './tree';

/**
 * The schema files: where they are, the $id each must have, the names every version
 * folder holds, and the layout checked before anything is compiled (a misplaced or
 * misnamed file is one sentence naming it).
 */

/** `$id` of `schemas/<folder>/<file>` is this base + `<folder>/<file>`; `.invalid` so nothing is ever fetched. */
export const SCHEMA_ID_BASE = 'https://polytomic-conformance.invalid/schemas/';
export const SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');
export const COMMON_DIR = 'common';
/** `schemas/<version>/sdk/`: the schemas `npm run schemas:sdk` makes from SDK types. */
export const SDK_DIR = 'sdk';

/** The hand-written names every version folder holds, exactly; a Record so a new one can't be missed. */
const IN_EVERY_VERSION: Readonly<Record<HandWrittenSchemaName, true>> = {
  'organization.envelope': true,
  'organizations.envelope': true,
  'identity.envelope': true,
  'user.envelope': true,
  'users.envelope': true,
  'apikey.envelope': true,
  error: true,
  'error.401': true,
  'organization.create.request': true,
  'organization.update.request': true,
  'user.create.request': true,
  'user.update.request': true,
  'user.roles.request': true,
};
export const SCHEMA_NAMES = Object.keys(IN_EVERY_VERSION) as readonly HandWrittenSchemaName[];

export function schemaId(version: string, name: SchemaName): string {
  return `${SCHEMA_ID_BASE}${version}/${name}.json`;
}

export interface SchemaFile {
  readonly file: string;
  readonly id: string;
  readonly schema: Record<string, unknown>;
}

/** Only `$ref` by JSON pointer is followed when explaining errors and finding unknown properties. */
const UNSUPPORTED = ['$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef'];

export function readSchemaFiles(root: string): SchemaFile[] {
  let folders: string[];
  try {
    folders = readdirSync(root).sort();
  } catch {
    throw new Error(`Schema folder ${root} not found: it holds one folder per API version.`);
  }
  const files: SchemaFile[] = [];
  for (const folder of folders) {
    const dir = path.join(root, folder);
    if (folder !== COMMON_DIR && !VERSION_PATTERN.test(folder)) {
      throw new Error(`schemas/${folder}: expected a version folder (YYYY-MM-DD) or "common".`);
    }
    for (const name of readdirSync(dir).sort()) {
      if (name === SDK_DIR && folder !== COMMON_DIR) {
        for (const sdkName of readdirSync(path.join(dir, name)).sort())
          files.push(readSchemaFile(root, `${folder}/${SDK_DIR}/${sdkName}`));
      } else files.push(readSchemaFile(root, `${folder}/${name}`));
    }
  }
  return files;
}

function readSchemaFile(root: string, file: string): SchemaFile {
  if (!file.endsWith('.json')) {
    throw new Error(`schemas/${file}: only .json files belong here.`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  } catch (error) {
    throw new Error(`schemas/${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(schema) || typeof schema.$id !== 'string') {
    throw new Error(`schemas/${file} has no "$id"; every schema file needs one.`);
  }
  return { file, id: schema.$id, schema };
}

/** `sdkNames`: the SDK schema names of each version folder (contract/sdk-schema-names.ts). */
export function checkSchemaFiles(
  files: readonly SchemaFile[],
  sdkNames: Readonly<Record<string, readonly string[]>> = SDK_SCHEMA_NAMES,
): void {
  const byId = new Map<string, string>();
  for (const { file, id } of files) {
    const other = byId.get(id);
    if (other) {
      throw new Error(`Duplicate schema $id ${id} in schemas/${other} and schemas/${file}.`);
    }
    byId.set(id, file);
  }
  for (const { file, id, schema } of files) {
    if (id !== `${SCHEMA_ID_BASE}${file}`) {
      throw new Error(`schemas/${file} has $id ${id}; expected ${SCHEMA_ID_BASE}${file}.`);
    }
    forEachObject(schema, '', (value, pointer) => {
      const nestedId = pointer !== '' && typeof value.$id === 'string' ? '$id' : undefined;
      const keyword = nestedId ?? UNSUPPORTED.find((name) => typeof value[name] === 'string');
      if (keyword) {
        throw new Error(
          `schemas/${file}#${pointer}: ${keyword} is not supported; use $ref with a JSON pointer.`,
        );
      }
    });
  }
  const versions = new Set(
    files.map(({ file }) => file.split('/')[0]).filter((f) => f !== COMMON_DIR),
  );
  for (const version of versions) {
    const found = files
      .filter(
        ({ file }) => file.startsWith(`${version}/`) && !file.startsWith(`${version}/${SDK_DIR}/`),
      )
      .map(({ file }) => file);
    const expected = SCHEMA_NAMES.map((name) => `${version}/${name}.json`);
    const missing = expected.filter((file) => !found.includes(file));
    const extra = found.filter((file) => !expected.includes(file));
    if (missing.length || extra.length) {
      throw new Error(
        `schemas/${version} must hold exactly ${SCHEMA_NAMES.map((n) => `${n}.json`).join(', ')}` +
          `${missing.length ? `; missing ${missing.join(', ')}` : ''}` +
          `${extra.length ? `; unexpected ${extra.join(', ')} (shared pieces go in schemas/common)` : ''}.`,
      );
    }
    checkSdkFolder(files, version, sdkNames);
  }
}

/** `schemas/<version>/sdk/` holds exactly the files contract/sdk-schema-names.ts lists for it. */
function checkSdkFolder(
  files: readonly SchemaFile[],
  version: string,
  sdkNames: Readonly<Record<string, readonly string[]>>,
): void {
  const prefix = `${version}/${SDK_DIR}/`;
  const found = files.filter(({ file }) => file.startsWith(prefix)).map(({ file }) => file);
  const expected = (sdkNames[version] ?? []).map((name) => `${version}/${name}.json`);
  const missing = expected.filter((file) => !found.includes(file));
  const extra = found.filter((file) => !expected.includes(file));
  if (missing.length || extra.length) {
    throw new Error(
      `schemas/${prefix} must hold the files contract/sdk-schema-names.ts lists for ${version} ` +
        `(both are written by npm run schemas:sdk)` +
        `${missing.length ? `; missing ${missing.join(', ')}` : ''}` +
        `${extra.length ? `; unexpected ${extra.join(', ')}` : ''}.`,
    );
  }
}
