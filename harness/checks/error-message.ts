import { ERROR_MESSAGE_EXPECTED_SINCE } from '../../contract/decisions';
import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { servedVersion, violation } from './violation';

/**
 * An error body of the ApiError shape carries a non-empty `message`. Its schema makes every
 * field optional (SDK-HEAD), so a body of `{}` conforms to it: this says what it lacks. Not
 * JSON objects are error_schema's.
 */
export const errorMessage: Check = {
  name: 'error_message',
  ...RULES.error_message,
  run(exchange, context) {
    const { status, json } = exchange.response;
    if (status < 400 || json === null || typeof json !== 'object' || Array.isArray(json)) return [];
    if (servedVersion(exchange, context) < ERROR_MESSAGE_EXPECTED_SINCE) return [];
    const message = (json as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return [];
    const received =
      message === undefined
        ? `no "message" in the body of a ${status}`
        : `"message": ${JSON.stringify(message)} in the body of a ${status}`;
    return [violation(this, received, 'a "message" saying what went wrong')];
  },
};
