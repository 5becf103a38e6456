import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A schema with its `$ref`s, `allOf`s and `if`/`then`s folded into one plain shape per
 * place in the data, so two versions can be compared place by place. Annotations
 * (title, description, examples) are not part of the shape: changing them changes nothing.
 */
export interface Shape {
  /** Allowed JSON types; undefined = any. */
  types?: Set<string>;
  properties: Map<string, Shape>;
  required: Set<string>;
  items?: Shape;
  /** Alternatives of an anyOf/oneOf, by their title (or position). */
  variants?: Map<string, Shape>;
  /** Value rules (format, minLength, enum, …) as JSON text; `then.` ones apply under `if`. */
  constraints: Map<string, string>;
  /** `not: {}` or `false`: the property may never appear (client_secret). */
  forbidden: boolean;
  /**
   * Fields that may not be sent together, from `not: {required: [a, b]}` (role and role_ids,
   * SDK-1.18), each group as its sorted names joined by `+`.
   */
  exclusive: Set<string>;
  title?: string;
}

const CONSTRAINTS = [
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'enum',
  'const',
  'additionalProperties',
] as const;

type Json = Record<string, unknown>;

export interface SchemaDocs {
  /** Schema files of one version folder, by file name. */
  readonly files: ReadonlyMap<string, { doc: Json; base: string }>;
  readonly byUrl: ReadonlyMap<string, Json>;
}

/** Reads `<root>/<version>/*.json` and `<root>/common/*.json` (for `$ref`s into it). */
export function readVersion(root: string, version: string): SchemaDocs {
  const files = new Map<string, { doc: Json; base: string }>();
  const byUrl = new Map<string, Json>();
  // The version's own files, those made from the SDK's types (`sdk/<Type>`), then common ones.
  const folders = [
    { folder: version, prefix: '', own: true, required: true },
    { folder: path.join(version, 'sdk'), prefix: 'sdk/', own: true, required: false },
    { folder: 'common', prefix: '', own: false, required: false },
  ];
  for (const { folder, prefix, own, required } of folders) {
    const dir = path.join(root, folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.json'));
    } catch {
      if (required) throw new Error(`No schema folder ${dir}.`);
    }
    for (const name of names.sort()) {
      const file = path.join(dir, name);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;
      const base = typeof doc.$id === 'string' ? doc.$id : pathToFileURL(file).href;
      byUrl.set(base, doc);
      if (own) files.set(`${prefix}${name}`, { doc, base });
    }
  }
  return { files, byUrl };
}

export function emptyShape(): Shape {
  return {
    properties: new Map(),
    required: new Set(),
    constraints: new Map(),
    forbidden: false,
    exclusive: new Set(),
  };
}

/** The shape of `schema`, found in the document at `base`. */
export function shapeOf(docs: SchemaDocs, schema: unknown, base: string, seen = new Set<string>()) {
  const shape = emptyShape();
  fold(docs, schema, base, shape, seen);
  return shape;
}

/**
 * A title as the name of a shape: without the version it was written for (`WebhookEnvelope
 * (2024-02-08)` is `WebhookEnvelope` in every version), so the same shape is matched with
 * itself across versions, not reported removed and added.
 */
function shapeName(title: string): string {
  return title.replace(/ \(\d{4}-\d{2}-\d{2}\)$/, '');
}

function fold(docs: SchemaDocs, schema: unknown, base: string, shape: Shape, seen: Set<string>) {
  if (schema === false) shape.forbidden = true;
  if (!isObject(schema)) return;
  if (isObject(schema.not)) foldNot(schema.not, shape);
  if (typeof schema.title === 'string') shape.title ??= shapeName(schema.title);
  if (typeof schema.$ref === 'string') foldRef(docs, schema.$ref, base, shape, seen);
  for (const part of asArray(schema.allOf)) fold(docs, part, base, shape, seen);
  const alternatives = [...asArray(schema.anyOf), ...asArray(schema.oneOf)];
  if (alternatives.length === 1) fold(docs, alternatives[0], base, shape, seen);
  else if (alternatives.length > 1) {
    shape.variants = new Map(
      alternatives.map((alt, i) => {
        const variant = shapeOf(docs, alt, base, seen);
        return [variant.title ?? `#${i + 1}`, variant];
      }),
    );
  }
  if (schema.type !== undefined) {
    const types = new Set((Array.isArray(schema.type) ? schema.type : [schema.type]).map(String));
    shape.types = shape.types ? new Set([...shape.types].filter((t) => types.has(t))) : types;
  }
  for (const name of asArray(schema.required)) shape.required.add(String(name));
  if (isObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      const into = shape.properties.get(name) ?? emptyShape();
      fold(docs, sub, base, into, seen);
      shape.properties.set(name, into);
    }
  }
  if (schema.items !== undefined) {
    shape.items ??= emptyShape();
    fold(docs, schema.items, base, shape.items, seen);
  }
  for (const keyword of CONSTRAINTS) {
    if (keyword in schema && !isObject(schema[keyword]))
      shape.constraints.set(keyword, JSON.stringify(schema[keyword]));
  }
  if (isObject(schema.then)) {
    const then = shapeOf(docs, schema.then, base, seen);
    const condition = JSON.stringify(schema.if ?? {});
    for (const [keyword, value] of then.constraints)
      shape.constraints.set(`${keyword} (if ${condition})`, value);
  }
}

/** Annotations say nothing about what is valid: left out of a `not` compared as text. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples']);

function foldNot(not: Json, shape: Shape): void {
  const rule = Object.fromEntries(Object.entries(not).filter(([key]) => !ANNOTATIONS.has(key)));
  const names = asArray(rule.required).map(String);
  // `properties` naming only the same fields, as `true`, adds nothing to "not all of these".
  const properties = isObject(rule.properties) ? rule.properties : {};
  const onlyRequired =
    Object.keys(rule).every((key) => key === 'required' || key === 'properties') &&
    Object.entries(properties).every(([name, sub]) => sub === true && names.includes(name));
  if (Object.keys(rule).length === 0) shape.forbidden = true;
  else if (onlyRequired && names.length >= 2) shape.exclusive.add([...names].sort().join('+'));
  else shape.constraints.set('not', JSON.stringify(rule));
}

function foldRef(docs: SchemaDocs, ref: string, base: string, shape: Shape, seen: Set<string>) {
  const url = new URL(ref, base);
  const key = url.href;
  if (seen.has(key)) return;
  const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
  url.hash = '';
  const doc = docs.byUrl.get(url.href);
  if (!doc) throw new Error(`$ref ${ref} (from ${base}) names no schema file.`);
  const target = atPointer(doc, pointer);
  if (target === undefined) throw new Error(`$ref ${ref} (from ${base}) points at nothing.`);
  const title = shape.title;
  // A reference's own title names the shape better than the wrapper's ("Message error", not "Error body").
  shape.title = undefined;
  fold(docs, target, url.href, shape, new Set([...seen, key]));
  shape.title ??= title;
}

function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((value, part) => (isObject(value) ? value[part] : undefined), doc);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
