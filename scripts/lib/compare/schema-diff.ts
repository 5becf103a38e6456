import { readVersion, type Shape, shapeOf } from './schema-shape';

/**
 * Schema differences between two API versions, each classified for the side that must
 * cope with it: a response is read by clients (anything they may now receive that they
 * could not before breaks them), a request is written by clients (anything the server
 * may now refuse breaks them). The table below is the whole policy.
 */
export type Direction = 'response' | 'request';

export type ChangeKind =
  | 'schema_removed'
  | 'schema_added'
  | 'property_removed'
  | 'required_property_added'
  | 'optional_property_added'
  | 'became_required'
  | 'became_optional'
  | 'type_widened'
  | 'type_narrowed'
  | 'enum_widened'
  | 'enum_narrowed'
  | 'constraint_added'
  | 'constraint_removed'
  | 'constraint_changed'
  | 'alternative_added'
  | 'alternative_removed'
  | 'closed_to_other_properties'
  | 'opened_to_other_properties'
  | 'no_longer_forbidden';

/** Breaking for clients reading a response / writing a request. Source: issue 6; oasdiff's rule set. */
export const BREAKING: Readonly<Record<ChangeKind, Readonly<Record<Direction, boolean>>>> = {
  schema_removed: { response: true, request: true },
  schema_added: { response: false, request: false },
  property_removed: { response: true, request: true },
  // Clients ignore properties they do not know (docs/CONTRACT.md: adding a field is not breaking).
  required_property_added: { response: false, request: true },
  optional_property_added: { response: false, request: false },
  became_required: { response: false, request: true },
  became_optional: { response: true, request: false },
  type_widened: { response: true, request: false },
  type_narrowed: { response: false, request: true },
  enum_widened: { response: true, request: false },
  enum_narrowed: { response: false, request: true },
  constraint_added: { response: false, request: true },
  constraint_removed: { response: true, request: false },
  constraint_changed: { response: true, request: true },
  alternative_added: { response: true, request: false },
  alternative_removed: { response: false, request: true },
  closed_to_other_properties: { response: false, request: true },
  opened_to_other_properties: { response: false, request: false },
  // A write-only field (client_secret) that may now come back is a leak, not a new field.
  no_longer_forbidden: { response: true, request: false },
};

export interface SchemaChange {
  readonly schema: string;
  /** Where in the body: a JSON pointer, `[]` for array items, `{title}` for an alternative. */
  readonly path: string;
  readonly kind: ChangeKind;
  readonly direction: Direction;
  readonly breaking: boolean;
  readonly detail: string;
}

export interface SchemaComparison {
  readonly changes: readonly SchemaChange[];
  /** Schema files in both folders. */
  readonly compared: readonly string[];
  readonly requestSchemas: readonly string[];
}

/** `*.request.json` files describe request bodies; every other file a response body. */
export function directionOf(file: string): Direction {
  return /request/i.test(file) ? 'request' : 'response';
}

export function compareSchemas(root: string, oldVersion: string, newVersion: string) {
  const before = readVersion(root, oldVersion);
  const after = readVersion(root, newVersion);
  const names = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  const changes: SchemaChange[] = [];
  for (const name of names) {
    const direction = directionOf(name);
    const push = (path: string, kind: ChangeKind, detail: string) =>
      changes.push({
        schema: name,
        path,
        kind,
        direction,
        breaking: BREAKING[kind][direction],
        detail,
      });
    const a = before.files.get(name);
    const b = after.files.get(name);
    if (!a) push('', 'schema_added', `new in ${newVersion}`);
    else if (!b) push('', 'schema_removed', `not in ${newVersion}`);
    else diff(shapeOf(before, a.doc, a.base), shapeOf(after, b.doc, b.base), '', push);
  }
  const comparison: SchemaComparison = {
    changes,
    compared: names.filter((n) => before.files.has(n) && after.files.has(n)),
    requestSchemas: names.filter((n) => directionOf(n) === 'request'),
  };
  return comparison;
}

type Push = (path: string, kind: ChangeKind, detail: string) => void;

function diff(a: Shape, b: Shape, at: string, push: Push): void {
  if (a.variants || b.variants) {
    if (a.variants && b.variants) diffBase(a, b, at, push);
    diffVariants(a, b, at, push);
    return;
  }
  diffBase(a, b, at, push);
}

function diffBase(a: Shape, b: Shape, at: string, push: Push): void {
  diffTypes(a.types, b.types, at, push);
  diffConstraints(a.constraints, b.constraints, at, push);
  const names = new Set([
    ...a.properties.keys(),
    ...b.properties.keys(),
    ...a.required,
    ...b.required,
  ]);
  for (const name of names) diffProperty(a, b, name, `${at}/${name}`, push);
  if (a.items && b.items) diff(a.items, b.items, `${at}/[]`, push);
  else if (a.items) push(`${at}/[]`, 'type_widened', 'items no longer described');
  else if (b.items) push(`${at}/[]`, 'type_narrowed', 'items now described');
}

function diffProperty(a: Shape, b: Shape, name: string, at: string, push: Push): void {
  const before = a.properties.get(name);
  const after = b.properties.get(name);
  const required = `${a.required.has(name) ? 'required' : 'optional'} → ${b.required.has(name) ? 'required' : 'optional'}`;
  if (before?.forbidden && !after?.forbidden) {
    push(at, 'no_longer_forbidden', 'was forbidden (never sent), now may appear');
  } else if (!before?.forbidden && after?.forbidden) {
    push(at, before ? 'property_removed' : 'constraint_added', 'now forbidden');
  } else if (before && !after) {
    push(
      at,
      'property_removed',
      `was ${typesText(before.types)}, ${a.required.has(name) ? 'required' : 'optional'}`,
    );
  } else if (!before && after) {
    const kind = b.required.has(name) ? 'required_property_added' : 'optional_property_added';
    push(at, kind, typesText(after.types));
  } else if (before && after) {
    if (a.required.has(name) && !b.required.has(name)) push(at, 'became_optional', required);
    if (!a.required.has(name) && b.required.has(name)) push(at, 'became_required', required);
    diff(before, after, at, push);
  }
}

function diffTypes(a: Set<string> | undefined, b: Set<string> | undefined, at: string, push: Push) {
  const detail = `${typesText(a)} → ${typesText(b)}`;
  if (!a && !b) return;
  if (!a || !b) {
    push(at, a ? 'type_widened' : 'type_narrowed', detail);
    return;
  }
  // integer is a kind of number: number → integer narrows, integer → number widens.
  const covers = (set: Set<string>, type: string) =>
    set.has(type) || (type === 'integer' && set.has('number'));
  if (
    [...b].some((type) => !covers(a, type)) ||
    (a.has('integer') && b.has('number') && !a.has('number'))
  )
    push(at, 'type_widened', detail);
  if (
    [...a].some((type) => !covers(b, type)) ||
    (a.has('number') && b.has('integer') && !b.has('number'))
  )
    push(at, 'type_narrowed', detail);
}

function diffConstraints(a: Map<string, string>, b: Map<string, string>, at: string, push: Push) {
  for (const keyword of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(keyword);
    const after = b.get(keyword);
    if (before === after) continue;
    const detail = `${keyword}: ${before ?? '(none)'} → ${after ?? '(none)'}`;
    if (keyword === 'additionalProperties') {
      if (after === 'false') push(at, 'closed_to_other_properties', detail);
      else if (before === 'false') push(at, 'opened_to_other_properties', detail);
    } else if (keyword === 'enum' && before && after) {
      const was = new Set(JSON.parse(before) as unknown[]).size;
      const is: unknown[] = JSON.parse(after);
      const wasValues: unknown[] = JSON.parse(before);
      const added = is.filter(
        (v) => !wasValues.some((w) => JSON.stringify(w) === JSON.stringify(v)),
      );
      if (added.length > 0) push(at, 'enum_widened', detail);
      if (is.length - added.length < was) push(at, 'enum_narrowed', detail);
    } else if (before === undefined) push(at, 'constraint_added', detail);
    else if (after === undefined) push(at, 'constraint_removed', detail);
    else push(at, 'constraint_changed', detail);
  }
}

function diffVariants(a: Shape, b: Shape, at: string, push: Push): void {
  const alternatives = (shape: Shape) =>
    shape.variants ?? new Map([[shape.title ?? '(the only shape)', shape]]);
  const before = alternatives(a);
  const after = alternatives(b);
  for (const [title, shape] of before) {
    const match = after.get(title);
    if (match) diff(shape, match, `${at}{${title}}`, push);
    else
      push(`${at}{${title}}`, 'alternative_removed', `"${title}" is no longer a documented shape`);
  }
  for (const title of after.keys()) {
    if (!before.has(title))
      push(`${at}{${title}}`, 'alternative_added', `"${title}" is now a documented shape`);
  }
}

function typesText(types: Set<string> | undefined): string {
  return types ? [...types].sort().join('|') : 'any';
}
