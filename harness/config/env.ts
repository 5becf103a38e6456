import { readFileSync } from 'node:fs';
import { REFERENCE_DEFAULTS, REFERENCE_KEYS } from '../../contract/reference';
import { SUPPORTED_VERSIONS, VERSION_PATTERN } from '../../contract/versions';

import { registerSecret } from '../secrets/redact';
import { type MadeCredential, readMadeKey, readMadeOutcome } from './made-credential';
import { type ProxySettings, parseProxy } from './proxy';
import { parseRunId } from './run';
import { ConfigError, type Env, value } from './variables';

/** The environment, parsed once into a typed object. Every variable is in .env.example. */
export interface HarnessConfig {
  /** Base URL of the deployment under test, without a trailing slash. */
  readonly targetUrl: string;
  /** True when no POLYTOMIC_DEPLOYMENT_URL is set: the bundled reference server is started. */
  readonly bundled: boolean;
  readonly versions: readonly string[];
  /** POLYTOMIC_DEFAULT_VERSION: the version a request without the header must be served as; unset = any. */
  readonly defaultVersion: string | undefined;
  readonly keys: Readonly<Keys>;
  /** No POLYTOMIC_API_KEY: the run made `keys.apiKey` itself (harness/resources/run-api-key.ts). */
  readonly apiKeyMade?: MadeCredential;
  /** No POLYTOMIC_API_KEY, and none could be made: why (the step and the status, or the setting). */
  readonly apiKeyUnmade?: string;
  /** Create/update/delete checks run (always against the bundled server). */
  readonly allowWrites: boolean;
  /** Unknown extra properties fail instead of warn. */
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly workers: number | undefined;
  /** A cap on requests in flight to the target across all workers; undefined = none. */
  readonly maxConcurrency: number | undefined;
  /** Playwright retries; a retry that passes is reported as flaky. */
  readonly retries: number;
  /** Prefix of every organization name the harness creates. */
  readonly runId: string;
  /** A PEM file of the CA that signed an on-prem deployment's certificate. */
  readonly caCert: string | undefined;
  /** Certificate errors are ignored (a warning in the report). */
  readonly insecureTls: boolean;
  /** Response bodies larger than this are not parsed or judged. */
  readonly maxBodyBytes: number;
  /** Retries of one request answered 429/503 with Retry-After, and the most it may wait in all. */
  readonly retryLimit: number;
  readonly retryMaxWaitMs: number;
  /** From HTTPS_PROXY/HTTP_PROXY and NO_PROXY, for this target; never for the bundled server. */
  readonly proxy: ProxySettings | undefined;
}

export interface Keys {
  partner?: string;
  apiKey?: string;
  deployment?: string;
  otherPartner?: string;
}

export function parseConfig(env: Env): HarnessConfig {
  const rawUrl = value(env, 'POLYTOMIC_DEPLOYMENT_URL');
  const bundled = rawUrl === undefined;
  const targetUrl = bundled ? referenceUrl(env) : parseTargetUrl(rawUrl);
  return {
    targetUrl,
    bundled,
    versions: parseVersions(env),
    defaultVersion: parseVersion(env, 'POLYTOMIC_DEFAULT_VERSION', undefined),
    keys: parseKeys(env, bundled, targetUrl),
    // Parsed even when the bundled server allows writes anyway, so a typo is caught at once.
    allowWrites: parseBoolean(env, 'POLYTOMIC_ALLOW_WRITES', false) || bundled,
    strict: parseBoolean(env, 'POLYTOMIC_STRICT', false),
    timeoutMs: parseInteger(env, 'POLYTOMIC_TIMEOUT_MS', 15_000, 1, 600_000),
    workers:
      value(env, 'POLYTOMIC_WORKERS') === undefined
        ? undefined
        : parseInteger(env, 'POLYTOMIC_WORKERS', 2, 1, 64),
    retries: parseInteger(env, 'POLYTOMIC_RETRIES', 0, 0, 5),
    maxConcurrency:
      value(env, 'POLYTOMIC_MAX_CONCURRENCY') === undefined
        ? undefined
        : parseInteger(env, 'POLYTOMIC_MAX_CONCURRENCY', 8, 1, 256),
    runId: parseRunId(env),
    caCert: parseCaCert(env),
    insecureTls: parseBoolean(env, 'POLYTOMIC_INSECURE_TLS', false),
    maxBodyBytes: parseInteger(env, 'POLYTOMIC_MAX_BODY_BYTES', 5 * 1024 * 1024, 1024, 1 << 28),
    retryLimit: parseInteger(env, 'POLYTOMIC_RETRY_LIMIT', 2, 0, 10),
    retryMaxWaitMs: parseInteger(env, 'POLYTOMIC_RETRY_MAX_WAIT_MS', 10_000, 0, 120_000),
    proxy: bundled ? undefined : parseProxy(env, targetUrl),
  };
}

function referenceUrl(env: Env): string {
  const host = value(env, 'REFERENCE_HOST') ?? REFERENCE_DEFAULTS.host;
  const port = parseInteger(env, 'REFERENCE_PORT', REFERENCE_DEFAULTS.port, 1, 65_535);
  return `http://${host}:${port}`;
}

/** A host with or without scheme; https is assumed (CONTRACT targets are HTTPS deployments). */
function parseTargetUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError(
      `POLYTOMIC_DEPLOYMENT_URL is not a valid URL; expected a host such as app.polytomic.com or https://polytomic.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(
      `POLYTOMIC_DEPLOYMENT_URL must use http or https, not ${url.protocol.replace(':', '')}.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      'POLYTOMIC_DEPLOYMENT_URL must be a plain base URL, without credentials, query or fragment.',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseVersions(env: Env): string[] {
  const raw = value(env, 'POLYTOMIC_API_VERSIONS');
  if (raw === undefined || raw.toLowerCase() === 'all') return [...SUPPORTED_VERSIONS];
  const versions = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // An empty list would run no version and report success: a run that checked nothing.
  if (versions.length === 0) {
    throw new ConfigError(
      `POLYTOMIC_API_VERSIONS names no version; expected a comma-separated list of ${SUPPORTED_VERSIONS.join(', ')} (or "all").`,
    );
  }
  for (const version of versions) {
    if (!SUPPORTED_VERSIONS.includes(version)) {
      throw new ConfigError(
        `POLYTOMIC_API_VERSIONS names ${JSON.stringify(version)}, which is not a supported version; expected a comma-separated list of ${SUPPORTED_VERSIONS.join(', ')} (or "all").`,
      );
    }
  }
  return [...new Set(versions)];
}

function parseVersion(env: Env, name: string, fallback: undefined): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!VERSION_PATTERN.test(raw))
    throw new ConfigError(`${name} must be a version date YYYY-MM-DD, got ${JSON.stringify(raw)}.`);
  return raw;
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (TRUE.includes(lower)) return true;
  if (FALSE.includes(lower)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}.`);
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}.`,
    );
  }
  return parsed;
}

const KEY_VARIABLES: Readonly<Record<keyof Keys, string>> = {
  partner: 'POLYTOMIC_PARTNER_KEY',
  apiKey: 'POLYTOMIC_API_KEY',
  deployment: 'POLYTOMIC_DEPLOYMENT_KEY',
  otherPartner: 'POLYTOMIC_OTHER_PARTNER_KEY',
};

const REFERENCE_KEY_DEFAULTS: Readonly<Record<keyof Keys, string>> = {
  partner: REFERENCE_KEYS.partnerKey,
  apiKey: REFERENCE_KEYS.apiKey,
  deployment: REFERENCE_KEYS.deploymentKey,
  otherPartner: REFERENCE_KEYS.otherPartnerKey,
};

/** Keys are never echoed in a message: only the variable's name is. */
function parseKeys(env: Env, bundled: boolean, targetUrl: string): Keys {
  const keys: Keys = {};
  const borrowed: string[] = [];
  for (const [field, name] of Object.entries(KEY_VARIABLES) as [keyof Keys, string][]) {
    const raw = env[name];
    if (raw !== undefined && raw !== '' && /\s/.test(raw)) {
      throw new ConfigError(
        `${name} contains whitespace; paste the key alone, without spaces, quotes or newlines.`,
      );
    }
    if (!bundled && raw === REFERENCE_KEY_DEFAULTS[field]) borrowed.push(name);
    const key = raw || (bundled ? REFERENCE_KEY_DEFAULTS[field] : undefined);
    if (key) keys[field] = key;
  }
  // The fake keys are valid only on the reference server, which listens on this machine
  // (`npm run reference`); sent to a deployment they are refused, and the refusal would
  // read as the deployment's non-conformance.
  if (borrowed.length > 0 && !isLoopback(targetUrl)) {
    const [verb, noun] = borrowed.length === 1 ? ['is', 'key'] : ['are', 'keys'];
    throw new ConfigError(
      `${borrowed.join(', ')} ${verb} the bundled reference server's own fake ${noun}, but POLYTOMIC_DEPLOYMENT_URL names another target; set ${borrowed.length === 1 ? 'it' : 'each'} to a key of that deployment, or leave ${borrowed.length === 1 ? 'it' : 'them'} unset.`,
    );
  }
  return keys;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A deployment with no key at all could only be asked about 401s: every other check would be
 * skipped, and a run that judged almost nothing would read as a pass. Asked by whatever
 * talks to the target (the suite's config, doctor, cleanup); judging results or scanning
 * files needs no key.
 */
export function requireSomeKey(config: HarnessConfig): HarnessConfig {
  if (config.bundled || Object.values(config.keys).some(Boolean)) return config;
  throw new ConfigError(
    `POLYTOMIC_DEPLOYMENT_URL is set but no key is; set at least one of ${Object.values(KEY_VARIABLES).join(', ')}.`,
  );
}

export function keyVariable(field: keyof Keys): string {
  return KEY_VARIABLES[field];
}

/** Playwright workers when POLYTOMIC_WORKERS is unset: API tests wait on the network, so more than the cores. */
export const DEFAULT_WORKERS = 4;

function parseCaCert(env: Env): string | undefined {
  const path = value(env, 'POLYTOMIC_CA_CERT');
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(
      `POLYTOMIC_CA_CERT names ${JSON.stringify(path)}, which cannot be read; expected the path of a PEM file.`,
    );
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      `POLYTOMIC_CA_CERT names ${JSON.stringify(path)}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
    );
  }
  return path;
}

let cached: HarnessConfig | undefined;

/**
 * The config of this process; playwright.config.ts fixes POLYTOMIC_RUN_ID so workers agree.
 * A worker (started after the global setup made the run's API key) takes the made key as
 * its API key, as if it had been configured. Its secrets (every key, the proxy's password)
 * are registered for redaction here, where every process reads it, and nowhere else.
 */
export function harnessConfig(): HarnessConfig {
  if (cached) return cached;
  cached = withMadeKey(parseConfig(process.env));
  for (const key of Object.values(cached.keys)) registerSecret(key);
  registerSecret(cached.proxy?.password);
  return cached;
}

/** A configured key always wins: the made one is read only when none is. */
export function withMadeKey(config: HarnessConfig): HarnessConfig {
  if (config.keys.apiKey !== undefined) return config;
  const outcome = readMadeOutcome(config.runId);
  if (outcome === undefined) return config;
  if ('unmade' in outcome) return { ...config, apiKeyUnmade: outcome.unmade };
  const key = readMadeKey(config.runId);
  if (key === undefined)
    return { ...config, apiKeyUnmade: 'the made API key is no longer on this machine' };
  return { ...config, keys: { ...config.keys, apiKey: key }, apiKeyMade: outcome.made };
}
