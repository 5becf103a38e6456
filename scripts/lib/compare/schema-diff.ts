import { readVersion, type SchemaDocs, type Shape, shapeOf } from './schema-shape';

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
  | 'constraint_tightened'
  | 'constraint_loosened'
  | 'exclusivity_added'
  | 'exclusivity_removed'
  | 'exclusive_with_new_field'
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
  // A client reading the field may now find none: breaking, even when (error.json `message`,
  // 2024-02-08 → 2025-09-18, SDK-HEAD's ApiError) the harness still expects it as a decision.
  // A decision is what this harness asks for, not what the API promises a client.
  became_optional: { response: true, request: false },
  type_widened: { response: true, request: false },
  type_narrowed: { response: false, request: true },
  enum_widened: { response: true, request: false },
  enum_narrowed: { response: false, request: true },
  constraint_added: { response: false, request: true },
  constraint_removed: { response: true, request: false },
  // A value rule changed in no known direction (pattern, format, const): both sides.
  constraint_changed: { response: true, request: true },
  // minLength 1 → 2 refuses what was valid; a reader gets a subset of what it got.
  constraint_tightened: { response: false, request: true },
  constraint_loosened: { response: true, request: false },
  // `not: {required: [a, b]}` between fields both versions have: a request with both is refused.
  exclusivity_added: { response: false, request: true },
  exclusivity_removed: { response: true, request: false },
  // The same rule naming a field new in this version (role_ids, 2024-02-08): no request the
  // old version documented can hold it, so none is refused — part of the field's addition.
  exclusive_with_new_field: { response: false, request: false },
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
}

/** `*.request.json` files describe request bodies; every other file a response body. */
export function directionOf(file: string): Direction {
  return /request/i.test(file) ? 'request' : 'response';
}

export function compareSchemas(root: string, oldVersion: string, newVersion: string) {
  const before = readVersion(root, oldVersion);
  const after = readVersion(root, newVersion);
  const names = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  const changes = names.flatMap((name) =>
    diffFiles(
      { docs: before, name: before.files.has(name) ? name : undefined, version: oldVersion },
      { docs: after, name: after.files.has(name) ? name : undefined, version: newVersion },
      directionOf(name),
    ),
  );
  const comparison: SchemaComparison = {
    changes,
    compared: names.filter((n) => before.files.has(n) && after.files.has(n)),
  };
  return comparison;
}

export interface SchemaSide {
  readonly docs: SchemaDocs;
  /** A file of the version folder; undefined when the side has none. */
  readonly name: string | undefined;
  readonly version: string;
}

/** The changes from one file to another (the same name, or the files two rows name). */
export function diffFiles(a: SchemaSide, b: SchemaSide, direction: Direction): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const schema =
    b.name && a.name && a.name !== b.name ? `${a.name} → ${b.name}` : (b.name ?? a.name ?? '');
  const push = (path: string, kind: ChangeKind, detail: string) =>
    changes.push({ schema, path, kind, direction, breaking: BREAKING[kind][direction], detail });
  const before = a.name === undefined ? undefined : a.docs.files.get(a.name);
  const after = b.name === undefined ? undefined : b.docs.files.get(b.name);
  if (a.name && !before) throw new Error(`No schema ${a.name} in ${a.version}.`);
  if (b.name && !after) throw new Error(`No schema ${b.name} in ${b.version}.`);
  if (!before && after) push('', 'schema_added', `new in ${b.version}`);
  else if (before && !after) push('', 'schema_removed', `not in ${b.version}`);
  else if (before && after)
    diff(
      shapeOf(a.docs, before.doc, before.base),
      shapeOf(b.docs, after.doc, after.base),
      '',
      push,
    );
  return changes;
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
  diffExclusive(a, b, at, push);
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
      `was ${fieldText(before)}, ${a.required.has(name) ? 'required' : 'optional'}`,
    );
  } else if (!before && after) {
    const kind = b.required.has(name) ? 'required_property_added' : 'optional_property_added';
    push(at, kind, fieldText(after));
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
    else push(at, direction(keyword, before, after), detail);
  }
}

/** Bounds whose direction is known: a larger minimum or a smaller maximum refuses more. */
const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'];

function direction(keyword: string, before: string, after: string): ChangeKind {
  const bound = keyword.replace(/ \(if .*\)$/, '');
  const was = Number(before);
  const is = Number(after);
  if (bound === 'uniqueItems')
    return after === 'true' ? 'constraint_tightened' : 'constraint_loosened';
  if (Number.isNaN(was) || Number.isNaN(is)) return 'constraint_changed';
  if (LOWER_BOUNDS.includes(bound))
    return is > was ? 'constraint_tightened' : 'constraint_loosened';
  if (UPPER_BOUNDS.includes(bound))
    return is < was ? 'constraint_tightened' : 'constraint_loosened';
  return 'constraint_changed';
}

function diffExclusive(a: Shape, b: Shape, at: string, push: Push): void {
  const known = (name: string) => a.properties.has(name) || a.required.has(name);
  for (const group of b.exclusive) {
    if (a.exclusive.has(group)) continue;
    const names = group.split('+');
    const fresh = names.filter((name) => !known(name));
    const together = names.join(' and ');
    if (fresh.length > 0)
      push(
        at,
        'exclusive_with_new_field',
        `${together} may not be sent together; ${fresh.join(', ')} is new, so no earlier request had both`,
      );
    else push(at, 'exclusivity_added', `${together} may no longer be sent together`);
  }
  for (const group of a.exclusive) {
    if (!b.exclusive.has(group))
      push(at, 'exclusivity_removed', `${group.split('+').join(' and ')} may now be sent together`);
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

/** A field in a few words: `array of string, minItems 1`. */
function fieldText(shape: Shape): string {
  const items = shape.items ? ` of ${fieldText(shape.items)}` : '';
  const rules = [...shape.constraints].map(([keyword, value]) => `${keyword} ${value}`);
  const inner = `${typesText(shape.types)}${items}`;
  return rules.length > 0 ? `${inner}, ${rules.join(', ')}` : inner;
}

function typesText(types: Set<string> | undefined): string {
  return types ? [...types].sort().join('|') : 'any';
}
