/**
 * Credentials and settings of the bundled reference server when the environment
 * sets none. They are fake and only ever valid against the reference server; the
 * harness uses them when no target is set, and refuses them for a target that is not
 * on this machine (harness/config/env.ts).
 * They sit in contract/ because both the server and the harness's config read
 * them, and the harness does not import the reference server.
 */
export const REFERENCE_KEYS = {
  partnerKey: 'ref-partner-key-7Hq2vX9kLm3N',
  apiKey: 'ref-api-key-Qw8eR4tY6uI1',
  deploymentKey: 'ref-deployment-key-Zx5cV7bN2mA9',
  otherPartnerKey: 'ref-other-partner-key-Pl0oK9iJ8uH7',
} as const;

export type ReferenceKeys = { -readonly [K in keyof typeof REFERENCE_KEYS]: string };

export const REFERENCE_DEFAULTS = {
  host: '127.0.0.1',
  port: 4010,
  latencyMs: 0,
} as const;
