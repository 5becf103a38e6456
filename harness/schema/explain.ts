import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { CompiledSchemas } from './compiled';
import { SCHEMA_ID_BASE } from './files';
import { child, childLocations, type SchemaNode } from './nodes';
import { asArray, escapePointer, isObject } from './tree';

/**
 * Ajv's errors made readable: each names the rule's place in `schemas/`, and a failed
 * `anyOf`/`oneOf` keeps only the branch that came closest (so an error list names one
 * shape, not four). The walk asks Ajv whether data matches a part of a schema.
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

/** Keywords that apply subschemas; `explain` follows them, the rest are leaf checks. */
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

/** The errors of `data` against a schema file, each once. */
export function schemaErrors(schemas: CompiledSchemas, root: SchemaNode, data: unknown) {
  return dedupe(new Explainer(schemas).explain(root, data, ''));
}

class Explainer {
  constructor(private readonly schemas: CompiledSchemas) {}

  /** Errors of `data` at `at` against `node`, where a failed union keeps only its closest branch. */
  explain(node: SchemaNode, data: unknown, at: string): SchemaError[] {
    if (typeof node.schema === 'boolean') {
      const schemaPath = `${this.schemas.where(node)}/false schema`;
      const message = 'boolean schema is false';
      return node.schema
        ? []
        : [schemaError({ keyword: 'false schema' }, at, schemaPath, message, data)];
    }
    const errors = this.ajvErrors(this.schemas.validatorFor(node), data, at, node);
    const unions = errors.some((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
    const schema = node.schema as Record<string, unknown>;
    if (!unions || OPAQUE.some((keyword) => keyword in schema)) return errors;
    return this.decompose(node, schema, data, at);
  }

  private decompose(node: SchemaNode, schema: Record<string, unknown>, data: unknown, at: string) {
    const { schemas } = this;
    const sub = (...segments: (string | number)[]) => child(node, ...segments);
    const errors = this.ajvErrors(
      schemas.fragmentValidator(node, () => leafSchema(schema)),
      data,
      at,
      node,
    );
    if (typeof schema.$ref === 'string') {
      errors.push(...this.explain(schemas.resolveRef(node, schema.$ref), data, at));
    }
    for (const i of asArray(schema.allOf).keys()) {
      errors.push(...this.explain(sub('allOf', i), data, at));
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      if (Array.isArray(schema[keyword]))
        errors.push(...this.explainUnion(node, keyword, data, at));
    }
    if ('if' in schema) {
      const branch = schemas.isValid(sub('if'), data) ? 'then' : 'else';
      if (branch in schema) errors.push(...this.explain(sub(branch), data, at));
    }
    if ('not' in schema && schemas.isValid(sub('not'), data)) {
      const error = { keyword: 'not', parentSchema: schema };
      errors.push(schemaError(error, at, `${schemas.where(node)}/not`, 'must NOT be valid', data));
    }
    for (const [key, childNode] of childLocations(node, schema, data)) {
      const value = (data as Record<string, unknown>)[key];
      errors.push(...this.explain(childNode, value, `${at}/${escapePointer(key)}`));
    }
    return errors;
  }

  private explainUnion(node: SchemaNode, keyword: 'anyOf' | 'oneOf', data: unknown, at: string) {
    const branches = asArray((node.schema as Record<string, unknown>)[keyword]).map((_, i) =>
      child(node, keyword, i),
    );
    const passing = branches.filter((branch) => this.schemas.isValid(branch, data));
    if (passing.length === 1 || (keyword === 'anyOf' && passing.length > 1)) return [];
    const schemaPath = `${this.schemas.where(node)}/${keyword}`;
    const names = branches.map((branch, i) => this.branchTitle(branch, i));
    if (passing.length > 1) {
      const matched = passing.map((branch) => names[branches.indexOf(branch)]).join(', ');
      const message = `must match exactly one of ${names.join(' | ')}; matches ${matched}`;
      return [{ instancePath: at, keyword, message, schemaPath, value: data }];
    }
    const explained = branches.map((branch) => this.explain(branch, data, at));
    const closest = closestBranch(explained, at);
    const message = `must match ${keyword === 'anyOf' ? 'one' : 'exactly one'} of ${names.join(' | ')}; closest is ${names[closest]}, which fails with:`;
    return [{ instancePath: at, keyword, message, schemaPath, value: data }, ...explained[closest]];
  }

  private branchTitle(branch: SchemaNode, index: number): string {
    let node = branch;
    while (isObject(node.schema) && typeof node.schema.$ref === 'string' && !node.schema.title) {
      node = this.schemas.resolveRef(node, node.schema.$ref);
    }
    return isObject(node.schema) && typeof node.schema.title === 'string'
      ? node.schema.title
      : `#${index}`;
  }

  private ajvErrors(validator: ValidateFunction, data: unknown, at: string, node: SchemaNode) {
    if (validator(data)) return [];
    return (validator.errors ?? []).flatMap((error) => this.toSchemaError(error, at, node) ?? []);
  }

  private toSchemaError(error: ErrorObject, at: string, node: SchemaNode): SchemaError | null {
    // An `if` failure is always reported with the `then`/`else` error that caused it.
    if (error.keyword === 'if') return null;
    const home = isObject(error.parentSchema) ? this.schemas.home(error.parentSchema) : undefined;
    const schemaPath = home ? `${home}/${error.keyword}` : this.relativeTo(node, error.schemaPath);
    return schemaError(error, at + error.instancePath, schemaPath, messageOf(error), error.data);
  }

  /** A schemaPath Ajv gives relative to the schema it compiled, made relative to `schemas/`. */
  private relativeTo(node: SchemaNode, schemaPath: string): string {
    if (schemaPath.startsWith('#')) return `${this.schemas.where(node)}${schemaPath.slice(1)}`;
    const url = decodeURI(new URL(schemaPath, node.doc).href);
    return url.startsWith(SCHEMA_ID_BASE) ? url.slice(SCHEMA_ID_BASE.length) : url;
  }
}

/** The node's own checks (type, required, format…) with every subschema replaced by `true`. */
function leafSchema(schema: Record<string, unknown>): Record<string, unknown> {
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
  return leaf;
}

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
  // A titled `not` names what the data must not be ("an organization sent bare").
  const not = isObject(error.parentSchema) ? error.parentSchema.not : undefined;
  const title = keyword === 'not' && isObject(not) ? not.title : undefined;
  if (typeof title === 'string') message = `must NOT be ${title}`;
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
