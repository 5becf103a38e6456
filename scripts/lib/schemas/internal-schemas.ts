import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Schemas of the harness's own files (the baseline, summary.json), kept apart from
 * schemas/, which holds only API versions. One strict Ajv, each schema compiled once.
 */
export const INTERNAL_SCHEMAS_DIR = path.resolve(__dirname, '..', '..', '..', 'schemas-internal');

export type InternalSchema = 'baseline' | 'summary';

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const compiled = new Map<InternalSchema, ValidateFunction>();

export function internalSchemaPath(name: InternalSchema): string {
  return path.join(INTERNAL_SCHEMAS_DIR, `${name}.schema.json`);
}

/** `instancePath message` lines; empty when the data conforms. */
export function validateInternal(name: InternalSchema, data: unknown): string[] {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(internalSchemaPath(name), 'utf8')));
    compiled.set(name, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(top level)'} ${error.message ?? error.keyword}`,
  );
}
