import { RULES } from '../../contract/rules';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { versionNamed } from '../http/exchange';
import type { Check } from './types';
import { violation } from './violation';

/**
 * Every response names the version that served it; for a supported requested
 * version, that is the requested one. Requests without a (supported) version are
 * judged by missing_version_header / unsupported_version; here only presence counts.
 */
export const versionHeaderEcho: Check = {
  name: 'version_header_echo',
  ...RULES.version_header_echo,
  run(exchange) {
    const served = versionNamed(exchange.response.headers);
    const requested = exchange.version;
    const supported = requested !== null && SUPPORTED_VERSIONS.includes(requested);
    if (served === undefined) {
      const expected = supported ? requested : 'the version that served it';
      return [violation(this, 'no X-Polytomic-Version header', `X-Polytomic-Version: ${expected}`)];
    }
    if (supported && served !== requested) {
      return [
        violation(
          this,
          `X-Polytomic-Version: ${served}`,
          `X-Polytomic-Version: ${requested} (the requested version)`,
        ),
      ];
    }
    return [];
  },
};
