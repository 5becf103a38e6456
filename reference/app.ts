import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { DEPLOYMENT_BASIC_DOCUMENTED_UNTIL } from '../contract/decisions';
import { ENDPOINTS, type EndpointRow, type Resource } from '../contract/endpoints';
import type { ReferenceKeys } from '../contract/reference';
import { type AuthContext, authenticate, authorize, type Caller } from './auth';
import { ApiError, badRequest, notFound, unauthorized } from './errors';
import {
  findOrganization,
  OPERATIONS,
  type ResourceOperations,
  type ServerState,
} from './operations';
import { READ_OPERATIONS } from './reads';
import { compiled as requestSchemas } from './request-schemas';
import { sendError, sendJson } from './respond';
import { routeRow } from './routing';
import { SCOPED_OPERATIONS } from './scoped';
import { CURRENT_USER_OPERATIONS, USER_OPERATIONS } from './users';
import {
  errorShapeVersion,
  resolveVersion,
  responseVersion,
  type VersionOutcome,
} from './versioning';

/** Robustness rule of the issue: a larger body is answered 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Each resource's handlers; a new resource is a file of operations and a line here. */
const HANDLERS: Readonly<Record<Resource, ResourceOperations>> = {
  organizations: OPERATIONS,
  users: USER_OPERATIONS,
  currentUsers: CURRENT_USER_OPERATIONS,
  ...SCOPED_OPERATIONS,
  ...READ_OPERATIONS,
};

/** What the hooks learn about a request before its handler runs. */
interface Admission {
  readonly version: string;
  readonly row: EndpointRow;
  readonly caller: Caller;
}

/**
 * The HTTP side of the reference server. Order of checks for an API request:
 * version (400) → route (404/405) → authentication (401) → authorization (403)
 * → body (400/413/415) → lookup (404) → validation (422/409).
 */
export function buildApp(state: ServerState, keys: ReferenceKeys): FastifyInstance {
  requestSchemas();
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    // A long made-up id is still just an unknown organization (404), not a 414.
    routerOptions: { maxParamLength: 8 * 1024 },
  });
  const versions = new WeakMap<FastifyRequest, VersionOutcome>();
  const versionOf = (request: FastifyRequest) =>
    versions.get(request) ??
    resolveVersion(
      headerValue(request, 'x-polytomic-version'),
      state.switches,
      state.defaultVersion,
    );

  addJsonParser(app);
  addVersionHooks(app, state, versions);
  app.setErrorHandler((error, request, reply) => {
    const context = {
      version: errorShapeVersion(versionOf(request)),
      authorization: headerValue(request, 'authorization'),
    };
    return sendError(reply, asApiError(error), context, state.switches);
  });
  app.setNotFoundHandler(() => {
    throw notFound('Route');
  });
  app.get('/health', (_request, reply) => sendJson(reply, 200, { status: 'ok' }, state.switches));
  addOperationRoutes(app, state, keys, versionOf);
  return app;
}

/** A JSON body may be empty (DELETE with a Content-Type); broken JSON is a 400. */
function addJsonParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(badRequest('The request body is not valid JSON.'), undefined);
    }
  });
}

/** docs/CONTRACT.md § The version header: checked first; every response names its version. */
function addVersionHooks(
  app: FastifyInstance,
  state: ServerState,
  versions: WeakMap<FastifyRequest, VersionOutcome>,
): void {
  const { switches, defaultVersion } = state;
  const { variations } = switches;
  app.addHook('onRequest', async (request) => {
    const header = headerValue(request, 'x-polytomic-version');
    const outcome = resolveVersion(header, switches, defaultVersion);
    versions.set(request, outcome);
    const path = request.url.split('?')[0] ?? '';
    const api = path === '/api' || path.startsWith('/api/');
    if (api && !outcome.ok) {
      throw new ApiError(outcome.status, outcome.message, 'unsupported_version');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const outcome = versions.get(request) ?? resolveVersion(undefined, switches, defaultVersion);
    const version = responseVersion(outcome, switches);
    const name = variations.has('headerCase') ? 'x-polytomic-version' : 'X-Polytomic-Version';
    // Set on the raw response: fastify lower-cases the header names it is given.
    if (version !== null) reply.raw.setHeader(name, version);
    // REFERENCE_LATENCY_MS: every response waits, without blocking the others.
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    return payload;
  });
}

/** One route per path of contract/endpoints.ts; the row, not fastify, decides the method. */
function addOperationRoutes(
  app: FastifyInstance,
  state: ServerState,
  keys: ReferenceKeys,
  versionOf: (request: FastifyRequest) => VersionOutcome,
): void {
  const { faults } = state.switches;
  const admitted = new WeakMap<FastifyRequest, Admission>();
  const authContext: AuthContext = {
    keys,
    faults,
    find: (id) => findOrganization(state, id),
    apiKeyOrganizationId: state.store.seed.apiKeyOrganizationId,
    apiKeyUserId: state.store.seed.apiKeyUserId,
    issuedKey: (value) => state.store.keyHolder(value),
  };

  for (const path of new Set(ENDPOINTS.map((row) => row.path))) {
    // Runs before the body is read, so an unauthenticated upload is a 401, not a 413.
    const admit = async (request: FastifyRequest) => {
      const outcome = versionOf(request);
      if (!outcome.ok) throw new Error('The version hook rejects unsupported versions first');
      const row = routeRow(outcome.served, path, request.method, state.switches);
      // The organization a path names: `{org_id}` under an organization, else `{id}`.
      const params = paramsOf(request);
      const id = params.org_id ?? params.id;
      if (faults.has('lookupBeforeAuth') && id !== undefined && !findOrganization(state, id)) {
        throw notFound('Organization');
      }
      const authorization = headerValue(request, 'authorization');
      const caller = authenticate(authorization, authContext);
      if (
        faults.has('deploymentBasicRefused') &&
        caller.kind === 'deployment' &&
        /^basic\s/i.test(authorization ?? '') &&
        outcome.served > DEPLOYMENT_BASIC_DOCUMENTED_UNTIL
      )
        throw unauthorized('unknown key');
      authorize(row, caller, outcome.served, faults, params.org_id);
      admitted.set(request, { version: outcome.served, row, caller });
    };

    app.all(path.replace(/\{(\w+)\}/g, ':$1'), { onRequest: admit }, async (request, reply) => {
      const admission = admitted.get(request);
      if (!admission) throw new Error('A request reached its handler without being admitted');
      const { row } = admission;
      const handler = HANDLERS[row.resource][row.operation];
      if (!handler) throw new Error(`No handler for ${row.resource} ${row.operation}`);
      const params = paramsOf(request);
      const result = handler(
        {
          version: admission.version,
          method: row.method,
          caller: admission.caller,
          id: params.id,
          organizationId: params.org_id,
          query: (request.query ?? {}) as Record<string, unknown>,
          requestSchema: row.requestSchema,
          body: request.body,
          idempotencyKey: headerValue(request, 'idempotency-key'),
        },
        state,
      );
      if (result.body === undefined) return reply.code(result.status).send();
      return sendJson(reply, result.status, result.body, state.switches);
    });
  }
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function paramsOf(request: FastifyRequest): { id?: string; org_id?: string } {
  return (request.params ?? {}) as { id?: string; org_id?: string };
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
