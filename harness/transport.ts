import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequest } from '@playwright/test';
import type { HarnessConfig } from './config';

type ContextOptions = NonNullable<Parameters<APIRequest['newContext']>[0]>;

/**
 * How the suite's request contexts reach the target. Playwright's request
 * context takes a proxy and ignoreHTTPSErrors, but no CA bundle: a private CA
 * (POLYTOMIC_CA_CERT) reaches it through NODE_EXTRA_CA_CERTS, which Node reads
 * only at start-up — so it is set for the worker processes (caEnvironment).
 */
export function requestContextOptions(config: HarnessConfig): ContextOptions {
  const { proxy } = config;
  return {
    ignoreHTTPSErrors: config.insecureTls,
    proxy: proxy && {
      server: proxy.server,
      username: proxy.username,
      password: proxy.password,
    },
  };
}

/**
 * The environment a process needs so Node trusts POLYTOMIC_CA_CERT. An
 * existing NODE_EXTRA_CA_CERTS (a corporate CA) is kept: both go in one bundle.
 */
export function caEnvironment(
  config: HarnessConfig,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  if (!config.caCert) return {};
  const current = env.NODE_EXTRA_CA_CERTS;
  if (!current || current === config.caCert) return { NODE_EXTRA_CA_CERTS: config.caCert };
  const bundle = `${readOptional(current)}\n${readFileSync(config.caCert, 'utf8')}\n`;
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `polytomic-ca-${hash}.pem`);
  writeFileSync(path, bundle);
  return { NODE_EXTRA_CA_CERTS: path };
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

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
