import type { AddressInfo } from 'node:net';
import { REFERENCE_DEFAULTS, REFERENCE_KEYS, type ReferenceKeys } from '../contract/reference';
import { SUPPORTED_VERSIONS } from '../contract/versions';
import { buildApp } from './app';
import type { FaultName } from './faults';
import { IdempotencyStore } from './idempotency';
import type { ServerState } from './operations';
import { recordRequests } from './recorder';
import { Store } from './store';
import type { VariationName } from './variations';
import { DEFAULT_VERSION } from './versioning';

export { BODY_LIMIT_BYTES } from './app';

/**
 * The reference server: docs/CONTRACT.md in memory, correct unless faults are named.
 * The harness starts it in-process; `npm run reference` starts it from main.ts.
 */
export interface ReferenceOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  faults?: readonly FaultName[];
  variations?: readonly VariationName[];
  /** Added to every response, without blocking other requests. */
  latencyMs?: number;
  /** The supported version a request without X-Polytomic-Version is served as. */
  defaultVersion?: string;
  keys?: Partial<ReferenceKeys>;
  /** A file to append every request to, one JSON line each (see recorder.ts). */
  recordTo?: string;
}

export interface ReferenceServer {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  close(): Promise<void>;
  /** Random v4 UUIDs, new at every start. */
  seed: {
    partnerOwnerId: string;
    partnerChildId: string;
    otherOwnerId: string;
    otherChildId: string;
    apiKeyOrganizationId: string;
    apiKeyUserId: string;
    otherUserId: string;
  };
  /** Names of every organization currently stored (for leftovers checks). */
  organizationNames(): string[];
  /** The most requests it was answering at once since it started (for the concurrency cap's proof). */
  peakInFlight(): number;
}

export async function startReferenceServer(
  options: ReferenceOptions = {},
): Promise<ReferenceServer> {
  const host = options.host ?? REFERENCE_DEFAULTS.host;
  const keys: ReferenceKeys = { ...REFERENCE_KEYS };
  for (const [name, value] of Object.entries(options.keys ?? {})) {
    if (value) keys[name as keyof ReferenceKeys] = value;
  }
  const store = new Store();
  const state: ServerState = {
    store,
    idempotency: new IdempotencyStore(),
    switches: { faults: new Set(options.faults), variations: new Set(options.variations) },
    latencyMs: options.latencyMs ?? REFERENCE_DEFAULTS.latencyMs,
    defaultVersion: checkedDefaultVersion(options.defaultVersion ?? DEFAULT_VERSION),
    creates: 0,
  };
  const app = buildApp(state, keys);
  const stopRecording = options.recordTo ? recordRequests(app, options.recordTo) : async () => {};
  let inFlight = 0;
  let peak = 0;
  app.addHook('onRequest', async () => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
  });
  app.addHook('onResponse', async () => {
    inFlight -= 1;
  });
  await app.listen({ host, port: options.port ?? REFERENCE_DEFAULTS.port });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      await app.close();
      await stopRecording();
    },
    seed: { ...store.seed },
    organizationNames: () => store.all().map((organization) => organization.name),
    peakInFlight: () => peak,
  };
}

function checkedDefaultVersion(version: string): string {
  if (SUPPORTED_VERSIONS.includes(version)) return version;
  throw new Error(
    `The default version must be one of ${SUPPORTED_VERSIONS.join(', ')}, got ${JSON.stringify(version)}.`,
  );
}
