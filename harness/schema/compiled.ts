import type { ValidateFunction } from 'ajv/dist/2020';
import type { SchemaName } from '../../contract/endpoints';
import { newAjv } from './ajv';
import {
  COMMON_DIR,
  checkSchemaFiles,
  readSchemaFiles,
  SCHEMA_ID_BASE,
  type SchemaFile,
  schemaId,
} from './files';
import { nodeKey, type SchemaNode } from './nodes';
import { atPointer, forEachObject } from './tree';

/**
 * The schema files of one folder in two Ajvs: one strict over whole files, and one that
 * compiles parts of a schema on their own for the walk of explain.ts and
 * unknown-properties.ts (see newAjv). Validators are kept once compiled.
 */
export interface CompiledSchemas {
  has(version: string, name: SchemaName): boolean;
  /** The file of a schema name in a version; throws naming the file when there is none. */
  root(version: string, name: SchemaName): SchemaNode;
  versions(): string[];
  isValid(node: SchemaNode, data: unknown): boolean;
  validatorFor(node: SchemaNode): ValidateFunction;
  /** A schema built for a node (its leaf checks), compiled by the fragment Ajv once per node. */
  fragmentValidator(node: SchemaNode, build: () => object): ValidateFunction;
  resolveRef(node: SchemaNode, ref: string): SchemaNode;
  /** Where a node lives, relative to `schemas/`: `common/organization.json#/properties/id`. */
  where(node: SchemaNode): string;
  /** Where a schema object of a file lives (`<file>#<pointer>`), found by identity. */
  home(schema: object): string | undefined;
}

/**
 * `checked`: the files were checked and compiled whole already in this run, by the process
 * that started this one (see schemas.ts). Then the meta-schema is not compiled again and a
 * file is compiled the first time it judges something: a worker serves one version, and a
 * Playwright worker is replaced after every failed test, so this start-up is paid per failure.
 */
export function compileSchemas(root: string, checked = false): CompiledSchemas {
  const files = readSchemaFiles(root);
  checkSchemaFiles(files);
  const docs = new Map(files.map(({ id, schema }) => [id, schema]));
  const fileOf = new Map(files.map(({ file, id }) => [id, file]));
  const ajv = newAjv(false, checked);
  const fragmentAjv = newAjv(true, checked);
  addFiles(files, ajv, fragmentAjv);
  const validators = new Map<string, ValidateFunction>();
  const compileFile = (id: string) => {
    try {
      const validator = ajv.getSchema(id);
      if (validator) validators.set(id, validator);
      return validator;
    } catch (error) {
      throw new Error(`schemas/${fileOf.get(id)} does not compile: ${(error as Error).message}`);
    }
  };
  if (!checked) for (const { id } of files) compileFile(id);
  // Where each schema object lives, so an Ajv error can name its rule exactly (Ajv's own
  // schemaPath is relative to whichever $ref it was compiled under).
  const locations = new WeakMap<object, string>();
  for (const { file, schema } of files) {
    forEachObject(schema, '', (value, pointer) => locations.set(value, `${file}#${pointer}`));
  }
  const versions = [...new Set(files.map(({ file }) => file.split('/')[0]))]
    .filter((folder) => folder !== COMMON_DIR)
    .sort();
  const where = (node: SchemaNode) => `${node.doc.slice(SCHEMA_ID_BASE.length)}#${node.pointer}`;
  const fragments = new Map<string, ValidateFunction>();

  function validatorFor(node: SchemaNode): ValidateFunction {
    const key = nodeKey(node);
    let validator = validators.get(node.pointer === '' ? node.doc : key);
    if (!validator && node.pointer === '' && fileOf.has(node.doc))
      validator = compileFile(node.doc);
    if (!validator) {
      const encoded = node.pointer.split('/').map(encodeURIComponent).join('/');
      validator = fragmentAjv.getSchema(`${node.doc}#${encoded}`);
      if (!validator) throw new Error(`Schema fragment ${where(node)} not found.`);
      validators.set(key, validator);
    }
    return validator;
  }

  return {
    has: (version, name) => docs.has(schemaId(version, name)),
    root(version, name) {
      const id = schemaId(version, name);
      const schema = docs.get(id);
      if (schema === undefined) {
        throw new Error(
          `No schema ${name} for API version ${version} (schemas/${version}/${name}.json).`,
        );
      }
      return { schema, doc: id, pointer: '' };
    },
    versions: () => [...versions],
    isValid: (node, data) =>
      typeof node.schema === 'boolean' ? node.schema : validatorFor(node)(data),
    validatorFor,
    fragmentValidator(node, build) {
      const key = nodeKey(node);
      let validator = fragments.get(key);
      if (!validator) {
        validator = fragmentAjv.compile(build());
        fragments.set(key, validator);
      }
      return validator;
    },
    resolveRef(node, ref) {
      const url = new URL(ref, node.doc);
      const fragment = decodeURIComponent(url.hash.slice(1));
      url.hash = '';
      const doc = url.href;
      const schema = docs.get(doc);
      if (schema === undefined)
        throw new Error(`${where(node)}: $ref ${ref} names no schema file.`);
      if (fragment !== '' && !fragment.startsWith('/')) {
        throw new Error(`${where(node)}: $ref ${ref} is not a JSON pointer.`);
      }
      return { schema: atPointer(schema, fragment), doc, pointer: fragment };
    },
    where,
    home: (schema) => locations.get(schema),
  };
}

function addFiles(
  files: readonly SchemaFile[],
  ...ajvs: readonly ReturnType<typeof newAjv>[]
): void {
  for (const { file, schema } of files) {
    try {
      for (const ajv of ajvs) ajv.addSchema(schema);
    } catch (error) {
      throw new Error(`schemas/${file} is not a valid JSON Schema: ${(error as Error).message}`);
    }
  }
}
