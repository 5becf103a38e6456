import type { CompiledSchemas } from './compiled';
import { child, childLocations, type SchemaNode } from './nodes';
import { asArray, escapePointer, isObject } from './tree';

/**
 * The properties of a valid body that no applicable schema declares, as instance paths
 * ("/data/created_at"), with `$ref`, `allOf` and the union branches the data matches taken
 * into account: a question Ajv does not answer, so the schema is walked next to the data.
 */
export function unknownProperties(
  schemas: CompiledSchemas,
  root: SchemaNode,
  data: unknown,
): string[] {
  if (!schemas.isValid(root, data)) return [];
  const found: string[] = [];
  unknownAt(schemas, [root], data, '', found);
  return [...new Set(found)];
}

/** What the schemas applying at one place in the data declare; a union counts its passing branches. */
interface Location {
  declared: Set<string>;
  closable: boolean;
  open: boolean;
  children: Map<string, SchemaNode[]>;
}

function unknownAt(
  schemas: CompiledSchemas,
  nodes: SchemaNode[],
  data: unknown,
  at: string,
  found: string[],
): void {
  if (!isObject(data) && !Array.isArray(data)) return;
  const location: Location = {
    declared: new Set(),
    closable: false,
    open: false,
    children: new Map(),
  };
  for (const node of nodes) collect(schemas, node, data, location);
  if (isObject(data) && location.closable && !location.open) {
    for (const key of Object.keys(data)) {
      if (!location.declared.has(key)) found.push(`${at}/${escapePointer(key)}`);
    }
  }
  for (const [key, childNodes] of location.children) {
    const value = (data as Record<string, unknown>)[key];
    unknownAt(schemas, childNodes, value, `${at}/${escapePointer(key)}`, found);
  }
}

function collect(
  schemas: CompiledSchemas,
  node: SchemaNode,
  data: unknown,
  location: Location,
): void {
  const schema = node.schema;
  if (!isObject(schema)) return;
  const sub = (...segments: (string | number)[]) => child(node, ...segments);
  const into = (next: SchemaNode) => collect(schemas, next, data, location);
  if (typeof schema.$ref === 'string') into(schemas.resolveRef(node, schema.$ref));
  for (const i of asArray(schema.allOf).keys()) into(sub('allOf', i));
  for (const keyword of ['anyOf', 'oneOf']) {
    for (const i of asArray(schema[keyword]).keys()) {
      if (schemas.isValid(sub(keyword, i), data)) into(sub(keyword, i));
    }
  }
  if ('if' in schema) {
    const passed = schemas.isValid(sub('if'), data);
    for (const keyword of passed ? ['if', 'then'] : ['else']) {
      if (keyword in schema) into(sub(keyword));
    }
  }
  if (isObject(schema.dependentSchemas) && isObject(data)) {
    for (const key of Object.keys(schema.dependentSchemas)) {
      if (Object.hasOwn(data, key)) into(sub('dependentSchemas', key));
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
