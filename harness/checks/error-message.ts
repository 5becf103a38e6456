import { ERROR_MESSAGE_EXPECTED_SINCE, REST_ERR_401_UNTIL } from '../../contract/decisions';
import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { judgedAgainst, judgedVersion, violation } from './violation';

/** What only a RestErrResponse carries (its `status` is text; ApiError's an integer). */
const REST_ERR_FIELDS = ['error', 'code', 'context'] as const;

/**
 * An error body of the ApiError shape carries a non-empty `message`. Its schema makes every
 * field optional (SDK-1.18 in 2024-02-08, SDK-HEAD after), so a body of `{}` conforms to
 * it: this says what it lacks. A 2024-02-08 401 that is a RestErrResponse says it in
 * `error`, and is error_schema's. Not JSON objects are error_schema's too.
 */
export const errorMessage: Check = {
  name: 'error_message',
  ...RULES.error_message,
  run(exchange, context) {
    const { status, json } = exchange.response;
    if (status < 400 || json === null || typeof json !== 'object' || Array.isArray(json)) return [];
    const judged = judgedVersion(exchange, context);
    const { version } = judged;
    if (version < ERROR_MESSAGE_EXPECTED_SINCE) return [];
    const message = (json as { message?: unknown }).message;
    const restErr401 = status === 401 && version <= REST_ERR_401_UNTIL;
    if (restErr401 && message === undefined && REST_ERR_FIELDS.some((field) => field in json))
      return [];
    if (typeof message === 'string' && message.trim() !== '') return [];
    const received =
      message === undefined
        ? `no "message" in the body of a ${status}`
        : `"message": ${JSON.stringify(message)} in the body of a ${status}`;
    const expected = judgedAgainst(this, judged, 'a "message" saying what went wrong');
    return [violation(this, received, expected.documented, expected.level)];
  },
};
