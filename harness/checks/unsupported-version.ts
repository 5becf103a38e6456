import { UNSUPPORTED_VERSION_STATUSES } from '../../contract/decisions';
import { RULES } from '../../contract/rules';
import { versionNamed } from '../http/exchange';
import type { Check } from './types';
import { isSuccess, statusViolations, violation } from './violation';

/**
 * decision: an unknown or malformed version gets 400. Two parts are not decisions: a 2xx
 * whose header claims the unknown version (the header names the version that served,
 * GUIDE-VERSIONING) fails, and a 5xx is safety.
 */
export const unsupportedVersion: Check = {
  name: 'unsupported_version',
  ...RULES.unsupported_version,
  run(exchange, context) {
    const { status, headers } = exchange.response;
    const served = versionNamed(headers);
    if (isSuccess(status) && served !== undefined && served === exchange.version?.trim()) {
      return [
        violation(
          this,
          `${status} with X-Polytomic-Version: ${JSON.stringify(served)}`,
          `${UNSUPPORTED_VERSION_STATUSES.join(' or ')}; a served response names a version that exists (GUIDE-VERSIONING)`,
          'documented',
        ),
      ];
    }
    return statusViolations(this, exchange, context);
  },
};
