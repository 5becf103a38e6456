import { RULES } from '../../contract/rules';
import { formatSchemaErrors } from '../schema/format';
import { type SchemaError, validate } from '../schema/schemas';
import { truncate } from '../text/truncate';
import type { Check } from './types';
import { isSuccess, judgedAgainst, judgedVersion, successSchema, violation } from './violation';

/**
 * Fields whose shape is documented but whose format is a decision (docs/CONTRACT.md §
 * Schemas): `issuer` a URI, `sso_domain` a host name. A format error there only warns.
 */
const DECIDED_FORMATS = ['issuer', 'sso_domain'] as const;

function isDecidedFormat(error: SchemaError): boolean {
  const field = error.instancePath.split('/').at(-1) ?? '';
  return error.keyword === 'format' && (DECIDED_FORMATS as readonly string[]).includes(field);
}

/** Success bodies match the operation's schema in the version that served them. */
export const responseSchema: Check = {
  name: 'response_schema',
  ...RULES.response_schema,
  run(exchange, context) {
    const { status, json, bodyText } = exchange.response;
    if (!isSuccess(status) || !exchange.operation || status === 204) return [];
    const judged = judgedVersion(exchange, context);
    const { version } = judged;
    const schema = successSchema(version, exchange.operation, exchange.resource);
    if (schema === null) return [];
    if (json === undefined) {
      const expected = judgedAgainst(this, judged, `JSON matching ${version}/${schema}`);
      return [
        violation(
          this,
          `a body that is not JSON: ${JSON.stringify(truncate(bodyText, 120))}`,
          expected.documented,
          expected.level,
        ),
      ];
    }
    const errors = validate(version, schema, json);
    const decided = errors.filter(isDecidedFormat);
    const documented = errors.filter((error) => !isDecidedFormat(error));
    const found = [];
    if (documented.length > 0) {
      const expected = judgedAgainst(this, judged, `a body matching ${version}/${schema}`);
      found.push(
        violation(
          this,
          formatSchemaErrors(documented, status, bodyText),
          expected.documented,
          expected.level,
        ),
      );
    }
    if (decided.length > 0)
      found.push(
        violation(
          this,
          formatSchemaErrors(decided, status, bodyText),
          `${DECIDED_FORMATS.join(' and ')} well-formed when non-empty (${version}/${schema}; the format is a decision)`,
          'decision',
        ),
      );
    return found;
  },
};
