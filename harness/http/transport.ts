import type { HarnessConfig } from '../config/env';

/**
 * How the harness reaches the target is harness/http/wire.ts (the one HTTP path); these are
 * the words the report and the console use for its TLS settings.
 */
/** One line for the report and the console; undefined when certificates are verified as usual. */
export function tlsWarning(config: HarnessConfig): string | undefined {
  if (config.insecureTls) {
    return 'TLS certificate verification is OFF (POLYTOMIC_INSECURE_TLS=true): the target is not authenticated';
  }
  return undefined;
}

export function tlsSummary(config: HarnessConfig): string {
  if (!config.targetUrl.startsWith('https:')) return 'none (http)';
  return (
    tlsWarning(config) ??
    (config.caCert ? `verified, trusting POLYTOMIC_CA_CERT (${config.caCert})` : 'verified')
  );
}
