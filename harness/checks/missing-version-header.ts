import { RULES } from '../../contract/rules';
import { LEGACY_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import { versionNamed } from '../http/exchange';
import type { Check } from './types';
import { isSuccess, statusLevel, violation } from './violation';

/**
 * documented (GUIDE-VERSIONING): a request without X-Polytomic-Version is served as the
 * deployment's default version and the response names it. A 400 breaks Polytomic's own
 * clients (SDK-1.18 and the Terraform provider send no header). Which default: the
 * configured one (POLYTOMIC_DEFAULT_VERSION), else any supported version or the legacy
 * 2021-05-23; the body is then judged against the version named (response_schema).
 */
export const missingVersionHeader: Check = {
  name: 'missing_version_header',
  ...RULES.missing_version_header,
  run(exchange, context) {
    const { status, headers } = exchange.response;
    const expected = context.defaultVersion;
    const acceptable = expected ? [expected] : [...SUPPORTED_VERSIONS, LEGACY_VERSION];
    const documented = `a normal answer with X-Polytomic-Version: ${expected ?? `one of ${acceptable.join(', ')}`} (${context.expect.why})`;
    if (!isSuccess(status))
      return [
        violation(this, String(status), documented, statusLevel(this, status, context.expect)),
      ];
    const served = versionNamed(headers);
    if (served !== undefined && acceptable.includes(served)) return [];
    return [
      violation(this, `${status} with X-Polytomic-Version: ${served ?? '(none)'}`, documented),
    ];
  },
};
