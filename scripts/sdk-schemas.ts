import { parseArgs } from 'node:util';
import { SDK_HEAD_REPOSITORY } from './lib/inventory/sources';
import { gitSdkSchemas, installedSdkSchemas, writeSchemaFiles } from './lib/sdk-schemas/sources';

/**
 * `npm run schemas:sdk`: one JSON Schema per type an operation of the installed `polytomic`
 * SDK returns or takes (contract/inventory/sdk-1.18.ts), into schemas/<version>/sdk/ for the
 * versions that SDK documents; a self-test fails when those files differ from what this
 * makes, so a new release shows as a diff.
 * `npm run schemas:sdk -- --git <clone of polytomic-typescript>`: the same from its source at
 * the commit of contract/inventory/sdk-head.ts, for the newer versions.
 * Either way contract/sdk-schema-names.ts is written anew from the folders.
 */
const { values } = parseArgs({ options: { git: { type: 'string' } }, strict: true });

const started = Date.now();
const files = values.git ? gitSdkSchemas(values.git) : installedSdkSchemas();
writeSchemaFiles(files);
const from = values.git ? SDK_HEAD_REPOSITORY : 'the installed polytomic package';
console.log(
  `${files.size} schema files from ${from} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
