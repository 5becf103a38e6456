import { asArray, escapePointer, isObject } from './tree';

/** A schema node: a value inside a schema file, with the file's $id and its JSON pointer. */
export interface SchemaNode {
  readonly schema: unknown;
  readonly doc: string;
  readonly pointer: string;
}

export function nodeKey(node: SchemaNode): string {
  return `${node.doc}#${node.pointer}`;
}

export function child(node: SchemaNode, ...segments: (string | number)[]): SchemaNode {
  let schema = node.schema;
  for (const segment of segments) schema = (schema as Record<string | number, unknown>)[segment];
  const pointer = node.pointer + segments.map((s) => `/${escapePointer(String(s))}`).join('');
  return { schema, doc: node.doc, pointer };
}

/** The subschemas that apply to each property or item of `data`, as [key, node] pairs. */
export function childLocations(
  node: SchemaNode,
  schema: Record<string, unknown>,
  data: unknown,
): [string, SchemaNode][] {
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
