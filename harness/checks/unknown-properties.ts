import type { SchemaName } from '../../contract/endpoints';
import { unknownProperties as findUnknown, hasSchema } from '../schemas';
import type { Check } from './types';
import { isSuccess, servedVersion, successSchema, violation } from './violation';

/**
 * decision: extra properties are tolerated (adding a field is not breaking) and
 * reported as a warning; POLYTOMIC_STRICT=true makes them failures.
 */
export const unknownProperties: Check = {
  name: 'unknown_properties',
  family: 'schema',
  description:
    'Properties the schema does not declare: a warning (a failure with POLYTOMIC_STRICT=true)',
  source: 'CONTRACT.md § Schemas (decision: extra properties)',
  run(exchange, context) {
    const { status, json } = exchange.response;
    if (json === undefined) return [];
    const version = servedVersion(exchange, context);
    let schema: SchemaName | null = null;
    if (status >= 400) schema = 'error';
    else if (isSuccess(status)) schema = successSchema(version, exchange.operation);
    if (schema === null || !hasSchema(version, schema)) return [];
    const paths = findUnknown(version, schema, json);
    if (paths.length === 0) return [];
    const severity = context.strict ? 'error' : 'warning';
    return [
      violation(
        this,
        `undeclared ${paths.join(', ')}`,
        `only the properties of ${version}/${schema}`,
        severity,
      ),
    ];
  },
};
