import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { violation } from './violation';

/**
 * An issued API key's value is shown once (SDK-1.18: "This value is shown only once"):
 * no later response carries it, in any form the body could hold it. Runs on every
 * response; the answer that issued a key is judged before the key is known.
 */
export const keyShownOnce: Check = {
  name: 'key_shown_once',
  ...RULES.key_shown_once,
  run(exchange, context) {
    const keys = context.issuedKeys ?? [];
    if (keys.length === 0) return [];
    const body = exchange.response.bodyText;
    const headers = JSON.stringify(exchange.response.headers);
    const shown = keys.filter((key) => body.includes(key) || headers.includes(key));
    if (shown.length === 0) return [];
    return [
      violation(
        this,
        `a response carrying ${shown.length === 1 ? 'an issued key' : `${shown.length} issued keys`} again`,
        'the key value in the answer that issued it only',
      ),
    ];
  },
};
