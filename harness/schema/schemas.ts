import type { SchemaName } from '../../contract/endpoints';
import { compileSchemas } from './compiled';
import { type SchemaError, schemaErrors } from './explain';
import { SCHEMAS_DIR } from './files';
import { unknownProperties as findUnknown } from './unknown-properties';

export { REDACTED, type SchemaError } from './explain';

/**
 * The schema registry: every file under `schemas/` in one strict Ajv; callers ask by API
 * version and schema name. A version is added by adding its folder
 * (`schemas/<YYYY-MM-DD>/`, one file per schema name) — no code change. The jobs are in
 * their own files: reading and checking the files (files.ts), compiling them (compiled.ts),
 * explaining errors (explain.ts), finding undeclared properties (unknown-properties.ts).
 */
export interface SchemaRegistry {
  hasSchema(version: string, name: SchemaName): boolean;
  validate(version: string, name: SchemaName, data: unknown): SchemaError[];
  unknownProperties(version: string, name: SchemaName, data: unknown): string[];
  schemaVersions(): string[];
}

export function createSchemaRegistry(root: string = SCHEMAS_DIR, checked = false): SchemaRegistry {
  const schemas = compileSchemas(root, checked);
  return {
    hasSchema: (version, name) => schemas.has(version, name),
    validate: (version, name, data) => schemaErrors(schemas, schemas.root(version, name), data),
    unknownProperties: (version, name, data) =>
      findUnknown(schemas, schemas.root(version, name), data),
    schemaVersions: () => schemas.versions(),
  };
}

// ---------------------------------------------------------------- the project's registry

/**
 * Set once a process has checked and compiled every file of `schemas/`; the processes it
 * starts inherit it. The test runner loads this module with its config before any worker
 * starts (a file that fails stops the run there), so a worker need not check the files
 * again: it compiles a version's schemas the first time it judges that version.
 */
const CHECKED_MARK = 'CONFORMANCE_SCHEMAS_CHECKED';

const registry = createSchemaRegistry(SCHEMAS_DIR, process.env[CHECKED_MARK] === SCHEMAS_DIR);
process.env[CHECKED_MARK] = SCHEMAS_DIR;

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
