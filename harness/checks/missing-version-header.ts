import { MISSING_VERSION_HEADER } from '../../contract/decisions';
import type { Check } from './types';
import { isSuccess, violation } from './violation';

/**
 * decision: a request without X-Polytomic-Version gets 400 with a JSON error, or
 * is served as the expected default version and says so. Anything else — served
 * silently, or as another version — is the drift the header exists to prevent.
 */
export const missingVersionHeader: Check = {
  name: 'missing_version_header',
  family: 'version-header',
  description:
    'A request without X-Polytomic-Version gets 400, or is served as the default version and says so',
  source: 'CONTRACT.md § The version header (decision)',
  run(exchange, context) {
    const { status, headers } = exchange.response;
    const rejected: readonly number[] = MISSING_VERSION_HEADER.rejectStatuses;
    if (rejected.includes(status)) return [];
    const documented = `${rejected.join(' or ')}, or 2xx with X-Polytomic-Version: ${context.defaultVersion}`;
    const served = headers['x-polytomic-version'];
    if (!isSuccess(status)) return [violation(this, String(status), documented)];
    if (served?.trim() === context.defaultVersion) return [];
    return [
      violation(this, `${status} with X-Polytomic-Version: ${served ?? '(none)'}`, documented),
    ];
  },
};
