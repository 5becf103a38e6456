import { REFERENCE_DEFAULTS, REFERENCE_KEYS, type ReferenceKeys } from '../contract/reference';
import { SUPPORTED_VERSIONS } from '../contract/versions';
import { parseFaults } from './faults';
import type { ReferenceOptions } from './server';
import { parseVariations } from './variations';
import { DEFAULT_VERSION } from './versioning';

/** Which environment variable holds each key (the names Polytomic's Terraform provider reads). */
export const KEY_VARIABLES: Readonly<Record<keyof ReferenceKeys, string>> = {
  partnerKey: 'POLYTOMIC_PARTNER_KEY',
  apiKey: 'POLYTOMIC_API_KEY',
  deploymentKey: 'POLYTOMIC_DEPLOYMENT_KEY',
  otherPartnerKey: 'POLYTOMIC_OTHER_PARTNER_KEY',
};

/** A setting the server cannot start with; the message names the variable, never a key. */
export class ConfigError extends Error {}

/** The server's settings from the environment (REFERENCE_*, POLYTOMIC_*_KEY), else defaults.ts. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): Required<ReferenceOptions> {
  const keys = { ...REFERENCE_KEYS } as ReferenceKeys;
  for (const [name, variable] of Object.entries(KEY_VARIABLES) as [keyof ReferenceKeys, string][]) {
    const value = env[variable]?.trim();
    if (value) keys[name] = value;
  }
  const seen = new Map<string, string>();
  for (const [name, variable] of Object.entries(KEY_VARIABLES) as [keyof ReferenceKeys, string][]) {
    const twin = seen.get(keys[name]);
    if (twin)
      throw new ConfigError(`${variable} has the same value as ${twin}; every key must differ.`);
    seen.set(keys[name], variable);
  }
  return {
    host: env.REFERENCE_HOST?.trim() || REFERENCE_DEFAULTS.host,
    port: integer(env, 'REFERENCE_PORT', REFERENCE_DEFAULTS.port, 65535),
    latencyMs: integer(env, 'REFERENCE_LATENCY_MS', REFERENCE_DEFAULTS.latencyMs, 600_000),
    defaultVersion: defaultVersion(env),
    faults: wrap(() => parseFaults(env.REFERENCE_FAULTS)),
    variations: wrap(() => parseVariations(env.REFERENCE_VARIATIONS)),
    keys,
    recordTo: env.REFERENCE_RECORD?.trim() || '',
  };
}

/** REFERENCE_DEFAULT_VERSION: what a request without X-Polytomic-Version is served as. */
function defaultVersion(env: NodeJS.ProcessEnv): string {
  const text = env.REFERENCE_DEFAULT_VERSION?.trim();
  if (!text) return DEFAULT_VERSION;
  if (SUPPORTED_VERSIONS.includes(text)) return text;
  throw new ConfigError(
    `REFERENCE_DEFAULT_VERSION must be one of ${SUPPORTED_VERSIONS.join(', ')}, got ${JSON.stringify(text.slice(0, 40))}.`,
  );
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(text)}.`,
    );
  }
  return value;
}

function wrap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}
