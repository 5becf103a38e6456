import { RULES } from '../../contract/rules';
import { formatSchemaErrors } from '../matchers/toMatchSchema';
import { validate } from '../schemas';
import type { Check } from './types';
import { isSuccess, servedVersion, successSchema, truncate, violation } from './violation';

/** Success bodies match the operation's schema in the version that served them. */
export const responseSchema: Check = {
  name: 'response_schema',
  ...RULES.response_schema,
  run(exchange, context) {
    const { status, json, bodyText } = exchange.response;
    if (!isSuccess(status) || !exchange.operation || status === 204) return [];
    const version = servedVersion(exchange, context);
    const schema = successSchema(version, exchange.operation);
    if (schema === null) return [];
    if (json === undefined) {
      return [
        violation(
          this,
          `a body that is not JSON: ${JSON.stringify(truncate(bodyText, 120))}`,
          `JSON matching ${version}/${schema}`,
        ),
      ];
    }
    const errors = validate(version, schema, json);
    if (errors.length === 0) return [];
    return [
      violation(
        this,
        formatSchemaErrors(errors, status, bodyText),
        `a body matching ${version}/${schema}`,
      ),
    ];
  },
};
