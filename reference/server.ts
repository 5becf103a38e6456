import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ENDPOINTS, type EndpointRow } from '../contract/endpoints';
import { authenticate, authorize, type Caller } from './auth';
import { REFERENCE_DEFAULTS, REFERENCE_KEYS, type ReferenceKeys } from './defaults';
import { ApiError, badRequest, notFound } from './errors';
import type { FaultName } from './faults';
import { IdempotencyStore } from './idempotency';
import { findOrganization, OPERATIONS, type ServerState } from './operations';
import { sendError, sendJson } from './respond';
import { routeRow } from './routing';
import { Store } from './store';
import type { VariationName } from './variations';
import {
  errorShapeVersion,
  resolveVersion,
  responseVersion,
  type VersionOutcome,
} from './versioning';

export interface ReferenceOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  faults?: readonly FaultName[];
  variations?: readonly VariationName[];
  /** Added to every response, without blocking other requests. */
  latencyMs?: number;
  keys?: Partial<ReferenceKeys>;
}

export interface ReferenceServer {
  url: string;
  close(): Promise<void>;
  seed: {
    partnerOwnerId: string;
    partnerChildId: string;
    otherOwnerId: string;
    otherChildId: string;
    apiKeyOrganizationId: string;
  };
  /** Names of every organization currently stored (for leftovers checks). */
  organizationNames(): string[];
}

/** Robustness rule of the issue: a larger body is answered 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

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
    creates: 0,
  };
  const app = buildApp(state, keys);
  await app.listen({ host, port: options.port ?? REFERENCE_DEFAULTS.port });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => app.close(),
    seed: { ...store.seed },
    organizationNames: () => store.all().map((organization) => organization.name),
  };
}

export function buildApp(state: ServerState, keys: ReferenceKeys): FastifyInstance {
  const { switches, store } = state;
  const { faults, variations } = switches;
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    // A long made-up id is still just an unknown organization (404), not a 414.
    routerOptions: { maxParamLength: 8 * 1024 },
  });
  const versions = new WeakMap<FastifyRequest, VersionOutcome>();
  const admitted = new WeakMap<FastifyRequest, { row: EndpointRow; caller: Caller }>();
  const versionOf = (request: FastifyRequest) =>
    versions.get(request) ?? resolveVersion(headerValue(request, 'x-polytomic-version'), faults);
  const authContext = {
    keys,
    faults,
    find: (id: string) => findOrganization(state, id),
    apiKeyOrganizationId: store.seed.apiKeyOrganizationId,
  };

  // A JSON body may be empty (DELETE with a Content-Type); broken JSON is a 400.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(badRequest('The request body is not valid JSON.'), undefined);
    }
  });

  // CONTRACT.md § The version header: checked first, for every API request.
  app.addHook('onRequest', async (request) => {
    const outcome = resolveVersion(headerValue(request, 'x-polytomic-version'), faults);
    versions.set(request, outcome);
    const api = request.url === '/api' || request.url.startsWith('/api/');
    if (api && !outcome.ok) {
      throw new ApiError(outcome.status, outcome.message, 'unsupported_version');
    }
  });

  // Every response says which version served it; REFERENCE_LATENCY_MS delays all of them.
  app.addHook('onSend', async (request, reply, payload) => {
    const version = responseVersion(versionOf(request), faults);
    const name = variations.has('headerCase') ? 'x-polytomic-version' : 'X-Polytomic-Version';
    // Set on the raw response: fastify lower-cases the names it is given.
    if (version !== null) reply.raw.setHeader(name, version);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const context = {
      version: errorShapeVersion(versionOf(request)),
      authorization: headerValue(request, 'authorization'),
    };
    return sendError(reply, asApiError(error), context, switches);
  });
  app.setNotFoundHandler(() => {
    throw notFound('Route');
  });

  app.get('/health', (_request, reply) => sendJson(reply, 200, { status: 'ok' }, switches));

  for (const path of new Set(ENDPOINTS.map((row) => row.path))) {
    // Route, then authenticate, then authorize, before the body is read (CONTRACT.md § 401, 403, 404).
    const admit = async (request: FastifyRequest) => {
      const served = versionOf(request);
      const row = routeRow(served.ok ? served.served : '', path, request.method, faults);
      const id = paramsOf(request).id;
      if (faults.has('lookupBeforeAuth') && id !== undefined && !findOrganization(state, id)) {
        throw notFound('Organization');
      }
      const caller = authenticate(headerValue(request, 'authorization'), authContext);
      authorize(row, caller, faults);
      admitted.set(request, { row, caller });
    };
    app.all(path.replace(/\{(\w+)\}/g, ':$1'), { onRequest: admit }, async (request, reply) => {
      const entry = admitted.get(request);
      const served = versionOf(request);
      if (!entry || !served.ok) throw new Error('Request reached a handler without being admitted');
      const result = OPERATIONS[entry.row.operation](
        {
          version: served.served,
          caller: entry.caller,
          id: paramsOf(request).id,
          body: request.body,
          idempotencyKey: headerValue(request, 'idempotency-key'),
        },
        state,
      );
      if (result.body === undefined) return reply.code(result.status).send();
      return sendJson(reply, result.status, result.body, switches);
    });
  }
  return app;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function paramsOf(request: FastifyRequest): { id?: string } {
  return (request.params ?? {}) as { id?: string };
}

/** Framework errors become contract errors, without their internal messages. */
function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 413) {
    return new ApiError(413, 'The request body is larger than 1 MiB.', 'payload_too_large');
  }
  if (status === 415) {
    return new ApiError(415, 'Content-Type must be application/json.', 'unsupported_media_type');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'The request could not be read.', 'bad_request');
  }
  return new ApiError(500, 'Internal server error.', 'internal');
}
