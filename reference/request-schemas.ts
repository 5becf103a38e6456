import type { ValidateFunction } from 'ajv/dist/2020';
import type { SchemaName } from '../contract/endpoints';
import { newAjv } from '../harness/schema/ajv';
import { checkSchemaFiles, readSchemaFiles, SCHEMAS_DIR, schemaId } from '../harness/schema/files';

/**
 * The request-body schemas (`schemas/<version>/*.request.json`) compiled for the server:
 * what a client may send is written once, and the suites draw their bodies from the same
 * files. The harness's reading and strict Ajv are reused; its registry is not, because the
 * server needs no explanations, only which field broke which keyword.
 */
/** One thing wrong with a body: the top-level field it is about (none: the body itself). */
export interface BodyError {
  readonly field: string | undefined;
  readonly keyword: string;
  readonly message: string;
}

let validators: Map<string, ValidateFunction> | undefined;
let sdkAjv: ReturnType<typeof newAjv> | undefined;

/**
 * Every request schema of every version, compiled once; buildApp calls it, so a broken file
 * stops the start. An `sdk/<Type>` schema (any SDK type may be a body) is compiled the first
 * time a body is judged by it.
 */
export function compiled(): ReadonlyMap<string, ValidateFunction> {
  if (validators) return validators;
  const files = readSchemaFiles(SCHEMAS_DIR);
  checkSchemaFiles(files);
  const ajv = newAjv(false);
  for (const { schema } of files) ajv.addSchema(schema);
  const map = new Map<string, ValidateFunction>();
  for (const { file, id } of files) {
    const validate = file.endsWith('.request.json') ? ajv.getSchema(id) : undefined;
    if (validate) map.set(id, validate);
  }
  validators = map;
  sdkAjv = ajv;
  return map;
}

function validatorOf(version: string, name: SchemaName): ValidateFunction | undefined {
  const id = schemaId(version, name);
  const found = compiled().get(id);
  if (found || !name.startsWith('sdk/')) return found;
  const validate = sdkAjv?.getSchema(id);
  if (validate) validators?.set(id, validate);
  return validate;
}

/** What is wrong with a body against a version's request schema; [] when it conforms. */
export function bodyErrors(
  version: string,
  name: SchemaName | undefined,
  body: unknown,
): BodyError[] {
  const validate = name === undefined ? undefined : validatorOf(version, name);
  if (!validate)
    throw new Error(`No request schema ${name ?? '(none named)'} for API version ${version}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => {
    const missing = (error.params as { missingProperty?: unknown }).missingProperty;
    const top = error.instancePath.split('/')[1];
    const field =
      top !== undefined
        ? top.replace(/~1/g, '/').replace(/~0/g, '~')
        : typeof missing === 'string'
          ? missing
          : undefined;
    return { field, keyword: error.keyword, message: error.message ?? 'is invalid' };
  });
}
