import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { SchemaName } from '../../contract/endpoints';
import { newAjv } from './ajv';
import {
  COMMON_DIR,
  checkSchemaFiles,
  readSchemaFiles,
  SCHEMA_ID_BASE,
  SCHEMAS_DIR,
  schemaId,
} from './files';
import { asArray, atPointer, escapePointer, forEachObject, isObject } from './tree';

/**
 * The schema registry: every file under `schemas/` is added to one strict Ajv at module load
 * and compiled once; callers ask by API version and schema name. A version is added by adding
 * its folder (`schemas/<YYYY-MM-DD>/`, one file per schema name) — no code change.
 *
 * Two questions Ajv does not answer are answered by walking the schema next to the data:
 * which branch of a failed `anyOf`/`oneOf` came closest (so an error list names one shape,
 * not four), and which properties no applicable schema declares (`unknownProperties`, with
 * `$ref`, `allOf` and the branches the data matches taken into account). The walk asks Ajv
 * whether data matches a part of a schema; those parts are compiled once, on first use, by
 * a second Ajv over the same files (see newAjv).
 */

export interface SchemaError {
  /** JSON pointer into the body, "" for the body itself. */
  instancePath: string;
  keyword: string;
  message: string;
  /** Where the rule lives, relative to `schemas/`, e.g. `common/organization.json#/properties/id/format`. */
  schemaPath: string;
  /** The offending value (a forbidden property's value is redacted). */
  value: unknown;
}

export const REDACTED = '[redacted]';

export interface SchemaRegistry {
  hasSchema(version: string, name: SchemaName): boolean;
  validate(version: string, name: SchemaName, data: unknown): SchemaError[];
  unknownProperties(version: string, name: SchemaName, data: unknown): string[];
  schemaVersions(): string[];
}

// ---------------------------------------------------------------- the registry

/** A schema node: a value inside a schema file, with the file's $id and its JSON pointer. */
interface SchemaNode {
  readonly schema: unknown;
  readonly doc: string;
  readonly pointer: string;
}

/** Keywords that apply subschemas; `explain` and `collect` follow them, the rest are leaf checks. */
const APPLICATORS = new Set([
  '$ref',
  'allOf',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  'not',
  'properties',
  'patternProperties',
  'additionalProperties',
  'prefixItems',
  'items',
]);
/** Applicators `explain` does not take apart; a node using one keeps Ajv's own errors. */
const OPAQUE = [
  'contains',
  'dependentSchemas',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
];
const ANNOTATIONS = new Set([
  '$id',
  '$schema',
  '$defs',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
]);

export function createSchemaRegistry(root: string = SCHEMAS_DIR): SchemaRegistry {
  const files = readSchemaFiles(root);
  checkSchemaFiles(files);
  const docs = new Map(files.map(({ id, schema }) => [id, schema]));
  const ajv = newAjv(false);
  const fragmentAjv = newAjv(true);
  for (const { file, schema } of files) {
    try {
      ajv.addSchema(schema);
      fragmentAjv.addSchema(schema);
    } catch (error) {
      throw new Error(`schemas/${file} is not a valid JSON Schema: ${(error as Error).message}`);
    }
  }
  const validators = new Map<string, ValidateFunction>();
  for (const { file, id } of files) {
    try {
      const validator = ajv.getSchema(id);
      if (validator) validators.set(id, validator);
    } catch (error) {
      throw new Error(`schemas/${file} does not compile: ${(error as Error).message}`);
    }
  }
  // Where each schema object lives, so an Ajv error can name its rule exactly (Ajv's own
  // schemaPath is relative to whichever $ref it was compiled under).
  const locations = new WeakMap<object, string>();
  for (const { file, schema } of files) {
    forEachObject(schema, '', (value, pointer) => locations.set(value, `${file}#${pointer}`));
  }
  const versions = [...new Set(files.map(({ file }) => file.split('/')[0]))]
    .filter((folder) => folder !== COMMON_DIR)
    .sort();

  const nodeKey = (node: SchemaNode) => `${node.doc}#${node.pointer}`;
  const where = (node: SchemaNode) => `${node.doc.slice(SCHEMA_ID_BASE.length)}#${node.pointer}`;

  function validatorFor(node: SchemaNode): ValidateFunction {
    const key = nodeKey(node);
    let validator = validators.get(node.pointer === '' ? node.doc : key);
    if (!validator) {
      const encoded = node.pointer.split('/').map(encodeURIComponent).join('/');
      validator = fragmentAjv.getSchema(`${node.doc}#${encoded}`);
      if (!validator) throw new Error(`Schema fragment ${where(node)} not found.`);
      validators.set(key, validator);
    }
    return validator;
  }

  function isValid(node: SchemaNode, data: unknown): boolean {
    return typeof node.schema === 'boolean' ? node.schema : validatorFor(node)(data);
  }

  function resolveRef(node: SchemaNode, ref: string): SchemaNode {
    const url = new URL(ref, node.doc);
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    const doc = url.href;
    const schema = docs.get(doc);
    if (schema === undefined) throw new Error(`${where(node)}: $ref ${ref} names no schema file.`);
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new Error(`${where(node)}: $ref ${ref} is not a JSON pointer.`);
    }
    return { schema: atPointer(schema, fragment), doc, pointer: fragment };
  }

  function toSchemaError(error: ErrorObject, at: string, node: SchemaNode): SchemaError | null {
    // An `if` failure is always reported with the `then`/`else` error that caused it.
    if (error.keyword === 'if') return null;
    const home = isObject(error.parentSchema) ? locations.get(error.parentSchema) : undefined;
    const schemaPath = home ? `${home}/${error.keyword}` : relativeTo(node, error.schemaPath);
    return schemaError(error, at + error.instancePath, schemaPath, messageOf(error), error.data);
  }

  /** A schemaPath Ajv gives relative to the schema it compiled, made relative to `schemas/`. */
  function relativeTo(node: SchemaNode, schemaPath: string): string {
    if (schemaPath.startsWith('#')) return `${where(node)}${schemaPath.slice(1)}`;
    const url = decodeURI(new URL(schemaPath, node.doc).href);
    return url.startsWith(SCHEMA_ID_BASE) ? url.slice(SCHEMA_ID_BASE.length) : url;
  }

  function ajvErrors(validator: ValidateFunction, data: unknown, at: string, node: SchemaNode) {
    if (validator(data)) return [];
    return (validator.errors ?? []).flatMap((error) => toSchemaError(error, at, node) ?? []);
  }

  /** Errors of `data` at `at` against `node`, where a failed union keeps only its closest branch. */
  function explain(node: SchemaNode, data: unknown, at: string): SchemaError[] {
    if (typeof node.schema === 'boolean') {
      const schemaPath = `${where(node)}/false schema`;
      const message = 'boolean schema is false';
      return node.schema
        ? []
        : [schemaError({ keyword: 'false schema' }, at, schemaPath, message, data)];
    }
    const errors = ajvErrors(validatorFor(node), data, at, node);
    const unions = errors.some((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
    const schema = node.schema as Record<string, unknown>;
    if (!unions || OPAQUE.some((keyword) => keyword in schema)) return errors;
    return decompose(node, schema, data, at);
  }

  function decompose(node: SchemaNode, schema: Record<string, unknown>, data: unknown, at: string) {
    const sub = (...segments: (string | number)[]) => child(node, ...segments);
    const errors = ajvErrors(leafValidator(node, schema), data, at, node);
    if (typeof schema.$ref === 'string') {
      errors.push(...explain(resolveRef(node, schema.$ref), data, at));
    }
    for (const i of asArray(schema.allOf).keys()) {
      errors.push(...explain(sub('allOf', i), data, at));
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      if (Array.isArray(schema[keyword])) errors.push(...explainUnion(node, keyword, data, at));
    }
    if ('if' in schema) {
      const branch = isValid(sub('if'), data) ? 'then' : 'else';
      if (branch in schema) errors.push(...explain(sub(branch), data, at));
    }
    if ('not' in schema && isValid(sub('not'), data)) {
      const error = { keyword: 'not', parentSchema: schema };
      errors.push(schemaError(error, at, `${where(node)}/not`, 'must NOT be valid', data));
    }
    for (const [key, childNode] of childLocations(node, schema, data)) {
      const value = (data as Record<string, unknown>)[key];
      errors.push(...explain(childNode, value, `${at}/${escapePointer(key)}`));
    }
    return errors;
  }

  const leafValidators = new Map<string, ValidateFunction>();
  /** The node's own checks (type, required, format…) with every subschema replaced by `true`. */
  function leafValidator(node: SchemaNode, schema: Record<string, unknown>): ValidateFunction {
    const key = nodeKey(node);
    let validator = leafValidators.get(key);
    if (!validator) {
      const leaf: Record<string, unknown> = {};
      for (const [keyword, value] of Object.entries(schema)) {
        if (ANNOTATIONS.has(keyword)) continue;
        if (!APPLICATORS.has(keyword)) leaf[keyword] = value;
        else if (keyword === 'prefixItems') leaf[keyword] = asArray(value).map(() => true);
        else if (keyword === 'properties' || keyword === 'patternProperties') {
          leaf[keyword] = Object.fromEntries(Object.keys(value as object).map((k) => [k, true]));
        } else if (keyword === 'additionalProperties' || keyword === 'items') {
          // `false` is a check of this node (no other properties/items); a schema is a child's.
          if (typeof value === 'boolean') leaf[keyword] = value;
        }
      }
      validator = fragmentAjv.compile(leaf);
      leafValidators.set(key, validator);
    }
    return validator;
  }

  function explainUnion(node: SchemaNode, keyword: 'anyOf' | 'oneOf', data: unknown, at: string) {
    const branches = asArray((node.schema as Record<string, unknown>)[keyword]).map((_, i) =>
      child(node, keyword, i),
    );
    const passing = branches.filter((branch) => isValid(branch, data));
    if (passing.length === 1 || (keyword === 'anyOf' && passing.length > 1)) return [];
    const schemaPath = `${where(node)}/${keyword}`;
    const names = branches.map((branch, i) => branchTitle(branch, i));
    if (passing.length > 1) {
      const matched = passing.map((branch) => names[branches.indexOf(branch)]).join(', ');
      const message = `must match exactly one of ${names.join(' | ')}; matches ${matched}`;
      return [{ instancePath: at, keyword, message, schemaPath, value: data }];
    }
    const explained = branches.map((branch) => explain(branch, data, at));
    const closest = closestBranch(explained, at);
    const message = `must match ${keyword === 'anyOf' ? 'one' : 'exactly one'} of ${names.join(' | ')}; closest is ${names[closest]}, which fails with:`;
    return [{ instancePath: at, keyword, message, schemaPath, value: data }, ...explained[closest]];
  }

  function branchTitle(branch: SchemaNode, index: number): string {
    let node = branch;
    while (isObject(node.schema) && typeof node.schema.$ref === 'string' && !node.schema.title) {
      node = resolveRef(node, node.schema.$ref);
    }
    return isObject(node.schema) && typeof node.schema.title === 'string'
      ? node.schema.title
      : `#${index}`;
  }

  /** The subschemas that apply to each property or item of `data`, as [key, node] pairs. */
  function childLocations(node: SchemaNode, schema: Record<string, unknown>, data: unknown) {
    const found: [string, SchemaNode][] = [];
    if (isObject(data)) {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const patterns = Object.keys(
        isObject(schema.patternProperties) ? schema.patternProperties : {},
      );
      for (const key of Object.keys(data)) {
        let declared = false;
        if (Object.hasOwn(properties, key)) {
          declared = true;
          found.push([key, child(node, 'properties', key)]);
        }
        for (const pattern of patterns.filter((p) => new RegExp(p, 'u').test(key))) {
          declared = true;
          found.push([key, child(node, 'patternProperties', pattern)]);
        }
        if (!declared && isObject(schema.additionalProperties)) {
          found.push([key, child(node, 'additionalProperties')]);
        }
      }
    }
    if (Array.isArray(data)) {
      const prefix = asArray(schema.prefixItems);
      data.forEach((_, i) => {
        if (i < prefix.length) found.push([String(i), child(node, 'prefixItems', i)]);
        else if (isObject(schema.items)) found.push([String(i), child(node, 'items')]);
      });
    }
    return found;
  }

  /** What the schemas applying at one place in the data declare; a union counts its passing branches. */
  interface Location {
    declared: Set<string>;
    closable: boolean;
    open: boolean;
    children: Map<string, SchemaNode[]>;
  }

  function collect(node: SchemaNode, data: unknown, location: Location): void {
    const schema = node.schema;
    if (!isObject(schema)) return;
    const sub = (...segments: (string | number)[]) => child(node, ...segments);
    if (typeof schema.$ref === 'string') collect(resolveRef(node, schema.$ref), data, location);
    for (const i of asArray(schema.allOf).keys()) collect(sub('allOf', i), data, location);
    for (const keyword of ['anyOf', 'oneOf']) {
      for (const i of asArray(schema[keyword]).keys()) {
        if (isValid(sub(keyword, i), data)) collect(sub(keyword, i), data, location);
      }
    }
    if ('if' in schema) {
      const passed = isValid(sub('if'), data);
      for (const keyword of passed ? ['if', 'then'] : ['else']) {
        if (keyword in schema) collect(sub(keyword), data, location);
      }
    }
    if (isObject(schema.dependentSchemas) && isObject(data)) {
      for (const key of Object.keys(schema.dependentSchemas)) {
        if (Object.hasOwn(data, key)) collect(sub('dependentSchemas', key), data, location);
      }
    }
    if ('properties' in schema || 'patternProperties' in schema) location.closable = true;
    // A schema that says how to treat other properties (anything but `false`) wants them.
    for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
      if ((schema[keyword] ?? false) !== false) location.open = true;
    }
    for (const [key, childNode] of childLocations(node, schema, data)) {
      location.declared.add(key);
      location.children.set(key, [...(location.children.get(key) ?? []), childNode]);
    }
  }

  function unknownAt(nodes: SchemaNode[], data: unknown, at: string, found: string[]): void {
    if (!isObject(data) && !Array.isArray(data)) return;
    const location: Location = {
      declared: new Set(),
      closable: false,
      open: false,
      children: new Map(),
    };
    for (const node of nodes) collect(node, data, location);
    if (isObject(data) && location.closable && !location.open) {
      for (const key of Object.keys(data)) {
        if (!location.declared.has(key)) found.push(`${at}/${escapePointer(key)}`);
      }
    }
    for (const [key, childNodes] of location.children) {
      const value = (data as Record<string, unknown>)[key];
      unknownAt(childNodes, value, `${at}/${escapePointer(key)}`, found);
    }
  }

  function rootNode(version: string, name: SchemaName): SchemaNode {
    const id = schemaId(version, name);
    const schema = docs.get(id);
    if (schema === undefined) {
      throw new Error(
        `No schema ${name} for API version ${version} (schemas/${version}/${name}.json).`,
      );
    }
    return { schema, doc: id, pointer: '' };
  }

  return {
    hasSchema: (version, name) => docs.has(schemaId(version, name)),
    validate(version, name, data) {
      return dedupe(explain(rootNode(version, name), data, ''));
    },
    unknownProperties(version, name, data) {
      const root = rootNode(version, name);
      if (!isValid(root, data)) return [];
      const found: string[] = [];
      unknownAt([root], data, '', found);
      return [...new Set(found)];
    },
    schemaVersions: () => [...versions],
  };
}

// ---------------------------------------------------------------- helpers

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property '${String(params.additionalProperty)}'`;
    case 'enum':
      return `must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

type ErrorSource = Pick<ErrorObject, 'keyword' | 'parentSchema'>;

function schemaError(
  error: ErrorSource,
  instancePath: string,
  schemaPath: string,
  message: string,
  value: unknown,
): SchemaError {
  const { keyword } = error;
  if (!isForbidden(error, schemaPath)) return { instancePath, keyword, message, schemaPath, value };
  return { instancePath, keyword, message: 'must not be present', schemaPath, value: REDACTED };
}

/**
 * A property whose schema is `{"not": {}}` or `false` may never appear (client_secret is
 * write-only): the error says so and does not repeat the value, which may be a secret.
 */
function isForbidden(error: ErrorSource, schemaPath: string): boolean {
  if (!/\/properties\/[^/]+\/(not|false schema)$/.test(schemaPath)) return false;
  if (error.keyword === 'false schema') return true;
  const not = error.parentSchema?.not;
  return (
    error.keyword === 'not' && (not === true || (isObject(not) && Object.keys(not).length === 0))
  );
}

function dedupe(errors: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return errors.filter(({ instancePath, keyword, message }) => {
    const key = `${instancePath}\u0000${keyword}\u0000${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function child(node: SchemaNode, ...segments: (string | number)[]): SchemaNode {
  let schema = node.schema;
  for (const segment of segments) schema = (schema as Record<string | number, unknown>)[segment];
  const pointer = node.pointer + segments.map((s) => `/${escapePointer(String(s))}`).join('');
  return { schema, doc: node.doc, pointer };
}

function closestBranch(explained: readonly SchemaError[][], at: string): number {
  // Fewest errors wins; on a tie, the branch that got deepest into the data before failing
  // (a type mismatch counts one level shallower: only the name matched).
  const depth = (errors: readonly SchemaError[]) =>
    Math.min(
      ...errors.map((error) => {
        const levels = error.instancePath.slice(at.length).split('/').length - 1;
        return error.keyword === 'type' ? levels - 1 : levels;
      }),
    );
  let best = 0;
  explained.forEach((errors, i) => {
    const current = explained[best];
    if (
      errors.length < current.length ||
      (errors.length === current.length && depth(errors) > depth(current))
    ) {
      best = i;
    }
  });
  return best;
}

// ---------------------------------------------------------------- the project's registry

const registry = createSchemaRegistry();

export function hasSchema(version: string, name: SchemaName): boolean {
  return registry.hasSchema(version, name);
}

export function validate(version: string, name: SchemaName, data: unknown): SchemaError[] {
  return registry.validate(version, name, data);
}

/** Instance paths (e.g. "/data/created_at", "/data/0/_links") of properties the schema does not declare. */
export function unknownProperties(version: string, name: SchemaName, data: unknown): string[] {
  return registry.unknownProperties(version, name, data);
}

export function schemaVersions(): string[] {
  return registry.schemaVersions();
}
