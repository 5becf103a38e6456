import type { SchemaName } from '../../contract/endpoints';
import { RULES } from '../../contract/rules';
import { unknownProperties as findUnknown, hasSchema } from '../schema/schemas';
import type { Check } from './types';
import { isSuccess, servedVersion, successSchema, violation } from './violation';

/**
 * decision: extra properties are tolerated (adding a field is not breaking) and
 * reported as a warning; POLYTOMIC_STRICT=true makes them failures (as for every decision).
 */
export const unknownProperties: Check = {
  name: 'unknown_properties',
  ...RULES.unknown_properties,
  run(exchange, context) {
    const { status, json } = exchange.response;
    if (json === undefined) return [];
    const version = servedVersion(exchange, context);
    let schema: SchemaName | null = null;
    if (status >= 400) schema = status === 401 ? 'error.401' : 'error';
    else if (isSuccess(status))
      schema = successSchema(version, exchange.operation, exchange.resource);
    if (schema === null || !hasSchema(version, schema)) return [];
    const paths = findUnknown(version, schema, json);
    if (paths.length === 0) return [];
    return [
      violation(
        this,
        `undeclared ${paths.join(', ')}`,
        `only the properties of ${version}/${schema}`,
      ),
    ];
  },
};
