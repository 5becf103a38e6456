import { EXPECTED_FIELDS } from '../../contract/decisions';
import type { SchemaName } from '../../contract/endpoints';
import { RULES } from '../../contract/rules';
import { unknownProperties } from '../schema/schemas';
import type { Check } from './types';
import { isSuccess, servedVersion, successSchema, violation } from './violation';

/** The success bodies whose `data` is one organization, or a list of them. */
const ORGANIZATION_SCHEMAS: readonly SchemaName[] = ['organization.envelope'];
const ORGANIZATION_LIST_SCHEMAS: readonly SchemaName[] = ['organizations.envelope'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Whether the schema has the top-level field: an answer the SDK types bare (the global
 * error subscribers' `{"emails": …}`) has no envelope to expect.
 */
function declares(version: string, schema: SchemaName, field: string): boolean {
  return !unknownProperties(version, schema, { [field]: null }).includes(`/${field}`);
}

/**
 * What SDK-1.18 types optional and the contract expects anyway (EXPECTED_FIELDS, a
 * decision): every envelope's `data`, an organization's `id` and `name`. Their shape when
 * present (a null `id` is not a string), and a body that is not an object, are
 * response_schema's.
 */
export const requiredFields: Check = {
  name: 'required_fields',
  ...RULES.required_fields,
  run(exchange, context) {
    const { status, json } = exchange.response;
    if (!isSuccess(status) || status === 204 || !isObject(json)) return [];
    const schema = successSchema(
      servedVersion(exchange, context),
      exchange.operation,
      exchange.resource,
    );
    if (schema === null) return [];
    const version = servedVersion(exchange, context);
    const lacking: string[] = EXPECTED_FIELDS.envelope.filter(
      (field) => !(field in json) && declares(version, schema, field),
    );
    const { data } = json;
    const organizations = ORGANIZATION_SCHEMAS.includes(schema)
      ? [{ at: 'data', organization: data }]
      : ORGANIZATION_LIST_SCHEMAS.includes(schema) && Array.isArray(data)
        ? data.map((organization, index) => ({ at: `data/${index}`, organization }))
        : [];
    for (const { at, organization } of organizations) {
      if (!isObject(organization)) continue;
      for (const field of EXPECTED_FIELDS.organization)
        if (!(field in organization)) lacking.push(`${at}/${field}`);
    }
    if (lacking.length === 0) return [];
    return [
      violation(
        this,
        `no ${lacking.map((field) => `"${field}"`).join(', ')} in the body of a ${status}`,
        `${EXPECTED_FIELDS.envelope.map((field) => `"${field}"`).join(', ')}, and an organization's ${EXPECTED_FIELDS.organization.map((field) => `"${field}"`).join(' and ')} (${schema})`,
      ),
    ];
  },
};
