import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { isObject } from '../../../harness/schema/tree';

/**
 * One JSON Schema per SDK type, made by ts-json-schema-generator from the SDK's own type
 * declarations (the package's `.d.ts`, or the source's `.ts`), then turned into the
 * harness's form: draft 2020-12, the type's own definition at the root and every type it
 * refers to in `$defs`, other properties allowed, and (a decision, see OPTIONAL_NULL) an
 * optional property also `null`.
 */

/**
 * SDK 1.18.1 has no serialization layer: a client method resolves to the parsed body as it
 * came (`return _response.body`), and the newest source does the same, so an SDK caller
 * meets a `null` in an optional field as readily as an absent one. No Polytomic source
 * says an optional field is never null, so the schemas accept both (a decision).
 */
export const OPTIONAL_NULL =
  'Optional properties also accept null (decision: the SDK returns the body unchecked).';

/** A generated schema before the header (`$id`, title, description) is put on. */
export type SchemaBody = Record<string, unknown>;

/**
 * The schema of each named type (`WebhookEnvelope`, `bulkSync.CreateScheduleRequest`) of
 * the SDK whose `api` module is `apiModule` (a path without extension).
 */
export function generateSchemas(
  apiModule: string,
  types: readonly string[],
): Map<string, SchemaBody> {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-schemas-'));
  try {
    // An alias per type, in a file outside node_modules: the generator looks there first, so
    // `bulkSync.ExecutionsListRequest` and `modelSync.ExecutionsListRequest` stay apart.
    const entry = join(dir, 'entry.ts');
    const aliases = types.map((type) => `export type ${aliasOf(type)} = Polytomic.${type};`);
    writeFileSync(
      entry,
      [`import type * as Polytomic from '${apiModule}';`, ...aliases, ''].join('\n'),
    );
    const generator = createGenerator({
      path: entry,
      type: undefined,
      expose: 'export',
      topRef: false,
      jsDoc: 'none',
      sortProps: true,
      skipTypeCheck: true,
      additionalProperties: true,
    });
    return new Map(
      types.map((type) => [
        type,
        toHarnessForm(generator.createSchema(aliasOf(type)) as Record<string, unknown>, type),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function aliasOf(type: string): string {
  return `SdkRoot__${type.replace(/\./g, '__')}`;
}

/** `{$ref: '#/definitions/X', definitions}` (draft-07) → X at the root, the rest in `$defs`. */
function toHarnessForm(raw: Record<string, unknown>, type: string): SchemaBody {
  const definitions = isObject(raw.definitions) ? raw.definitions : {};
  const rootRef = typeof raw.$ref === 'string' ? raw.$ref : '';
  const rootName = decodeURIComponent(rootRef.replace(/^#\/definitions\//, ''));
  const root = definitions[rootName];
  if (!isObject(root)) throw new Error(`The generator gave no definition of ${type} (${rootRef})`);
  const names = new Map<string, string>();
  for (const name of Object.keys(definitions)) {
    if (name === rootName) continue;
    // `Record<string,unknown>` → `Record_string_unknown_`: a $defs key that needs no escaping.
    const safe = name.replace(/[^A-Za-z0-9_.]/g, '_');
    if ([...names.values()].includes(safe))
      throw new Error(`Two definitions of ${type} are both named ${safe}`);
    names.set(name, safe);
  }
  const refTo = (ref: string): string => {
    const name = decodeURIComponent(ref.replace(/^#\/definitions\//, ''));
    if (name === rootName) return '#';
    const safe = names.get(name);
    if (!safe) throw new Error(`${type}: $ref ${ref} names no definition`);
    return `#/$defs/${safe}`;
  };
  const convert = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(convert);
    if (!isObject(value)) return value;
    if ('additionalItems' in value) throw new Error(`${type}: a tuple with additionalItems`);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') out.$ref = refTo(item);
      // draft-07's tuple form is 2020-12's prefixItems.
      else if (key === 'items' && Array.isArray(item)) out.prefixItems = convert(item);
      else out[key] = convert(item);
    }
    return optionalAlsoNull(out);
  };
  const body = convert(root) as SchemaBody;
  const defs = [...names].map(([name, safe]) => [safe, convert(definitions[name])] as const);
  return sortKeys(defs.length ? { ...body, $defs: Object.fromEntries(defs) } : body) as SchemaBody;
}

/** An object schema whose properties not in `required` also accept `null` (OPTIONAL_NULL). */
function optionalAlsoNull(schema: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(schema.properties)) return schema;
  const required = Array.isArray(schema.required) ? schema.required : [];
  const properties = Object.entries(schema.properties).map(([key, property]) => [
    key,
    required.includes(key) ? property : nullable(property),
  ]);
  return { ...schema, properties: Object.fromEntries(properties) };
}

function nullable(schema: unknown): unknown {
  if (!isObject(schema) || Object.keys(schema).length === 0) return schema;
  const { type } = schema;
  const onlyType = Object.keys(schema).every(
    (key) =>
      key === 'type' ||
      key === 'enum' ||
      key === 'items' ||
      key === 'properties' ||
      key === 'required' ||
      key === 'format',
  );
  if (typeof type === 'string' && onlyType) {
    const withNull = { ...schema, type: type === 'null' ? type : [type, 'null'] };
    return Array.isArray(schema.enum) && !schema.enum.includes(null)
      ? { ...withNull, enum: [...schema.enum, null] }
      : withNull;
  }
  if (Array.isArray(type) && onlyType) {
    return type.includes('null') ? schema : { ...schema, type: [...type, 'null'] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/** Every object's keys in code-point order, so the same types give the same bytes. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}
