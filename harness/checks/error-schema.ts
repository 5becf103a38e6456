import { RULES } from '../../contract/rules';
import { formatSchemaErrors } from '../schema/format';
import { hasSchema, validate } from '../schema/schemas';
import { truncate } from '../text/truncate';
import type { Check } from './types';
import { judgedAgainst, judgedVersion, violation } from './violation';

/** Every error (status ≥ 400) is a JSON body of the version's error shape. */
export const errorSchema: Check = {
  name: 'error_schema',
  ...RULES.error_schema,
  run(exchange, context) {
    const { status, json, bodyText } = exchange.response;
    if (status < 400) return [];
    const judged = judgedVersion(exchange, context);
    const { version } = judged;
    const schema = status === 401 ? 'error.401' : 'error';
    if (!hasSchema(version, schema)) return [];
    const { documented, level } = judgedAgainst(
      this,
      judged,
      `a JSON error body matching ${version}/${schema}`,
    );
    if (json === undefined) {
      const received =
        bodyText.length === 0
          ? 'an empty body'
          : `a body that is not JSON: ${JSON.stringify(truncate(bodyText, 120))}`;
      return [violation(this, received, documented, level)];
    }
    const errors = validate(version, schema, json);
    return errors.length === 0
      ? []
      : [violation(this, formatSchemaErrors(errors, status, bodyText), documented, level)];
  },
};
