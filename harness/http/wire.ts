import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { Agent, type Dispatcher } from 'undici';
import type { HarnessConfig } from '../config/env';

/**
 * The wire under the one front door (harness/http/client.ts; only harness/http/ imports
 * it): undici, Node's own HTTP engine, keeps and reuses the connections, and this file
 * adds what is the harness's own. It honours POLYTOMIC_CA_CERT, POLYTOMIC_INSECURE_TLS
 * and the proxy the config resolved (a CONNECT tunnel opened here, so the stage a failure
 * reached is known); one deadline (POLYTOMIC_TIMEOUT_MS) bounds the connection, the answer
 * and its body; a body is read while it streams and stops at POLYTOMIC_MAX_BODY_BYTES,
 * counted after inflation when the target compresses it anyway; redirects are answers,
 * never followed; there is no cookie store, so a request carries exactly the headers it
 * was given. Reads share kept connections; a write always opens its own. It also tells
 * what a higher-level client cannot: whether the certificate verified, and how far a
 * failed request got.
 */
export interface WireRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
  /** Connect even when the certificate does not verify, to report why (no credential is sent then). */
  readonly tolerateTls?: boolean;
}

export interface TlsInfo {
  readonly authorized: boolean;
  readonly error?: string;
  readonly protocol?: string;
  readonly issuer?: string;
  readonly validTo?: string;
}

export interface WireResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** The body went over POLYTOMIC_MAX_BODY_BYTES: reading stopped there, bodyText is its start. */
  readonly truncated: boolean;
  /** Why it was cut, when it was: `body over N bytes …`. */
  readonly overCap?: string;
  readonly ms: number;
  readonly tls?: TlsInfo;
}

/** A request that got no HTTP answer; `stage` says how far it got. */
export class WireError extends Error {
  override name = 'WireError';
  constructor(
    message: string,
    readonly code: string | undefined,
    /** `body`: the status and headers came, the body did not finish in time. */
    readonly stage: 'proxy' | 'connect' | 'tls' | 'answer' | 'body',
    /** At stage `answer`: whether any byte of an answer came before it failed. */
    readonly heard = true,
  ) {
    super(message);
  }
}

/**
 * Methods a kept connection may carry (RFC 9110 §9.2.1, safe): a write always goes on a
 * connection of its own, closed after its answer, so it is never sent twice and its answer
 * is never bytes a target left on a connection. A read whose connection closed before any
 * answer came (a kept one the target had closed) is sent once more on a new one.
 */
const MAY_REUSE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How long a kept connection waits for the next read: well inside a Node server's 5 s. */
const IDLE_MS = 1_000;

/**
 * undici (Node's own HTTP engine) keeps the connections: one Agent per origin, proxy and
 * trust settings and per kind (reads keep theirs, writes close theirs), each opening its
 * connections through openSocket() so the proxy tunnel, the CA and the stage reached stay
 * the harness's. No cookie store, no redirect following: an answer is what came.
 */
interface Pool {
  readonly agent: Agent;
  /** Where it is kept for the next request; undefined: closed after this one. */
  readonly key: string | undefined;
  /** The stage of a connection this pool is opening, for a deadline that passes meanwhile. */
  opening?: WireError['stage'];
  /** The TLS facts of the last connection it opened (the doctor shows them). */
  tls?: TlsInfo;
}

const pools = new Map<string, Pool>();

/**
 * What each connection had read when its latest request went out, by its local end
 * (undici publishes the request's socket on this channel; its errors carry the socket's
 * counts). Equal when it fails: not one byte of an answer came.
 */
const readWhenSent = new Map<string, { readonly socket: net.Socket; readonly read: number }>();

interface SocketCounts {
  readonly localAddress?: string;
  readonly localPort?: number;
  readonly bytesRead?: number;
}

function socketName(socket: SocketCounts): string {
  return `${socket.localAddress}:${socket.localPort}`;
}

diagnostics.subscribe('undici:client:sendHeaders', (message) => {
  const { socket } = message as { socket: net.Socket };
  readWhenSent.set(socketName(socket), { socket, read: socket.bytesRead });
});

/** Whether the request a failure of undici's ended had heard any byte of an answer. */
function heardBefore(error: unknown): boolean {
  const socket = (error as { socket?: SocketCounts } | undefined)?.socket;
  if (socket?.bytesRead === undefined) return true;
  return readWhenSent.get(socketName(socket))?.read !== socket.bytesRead;
}

export async function sendOnWire(config: HarnessConfig, request: WireRequest): Promise<WireResult> {
  const url = new URL(config.targetUrl + request.path);
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const started = performance.now();
  const read = MAY_REUSE.has((request.method ?? 'GET').toUpperCase());
  const pool = poolFor(config, url, request, read);
  try {
    try {
      return await answerOn(pool, url, request, config.maxBodyBytes, timeoutMs, started);
    } catch (error) {
      if (!read || request.tolerateTls || !closedBeforeAnswer(error)) throw error;
      // The connection was one the target had closed: a new one, once.
      return await answerOn(pool, url, request, config.maxBodyBytes, timeoutMs, started);
    }
  } finally {
    if (request.tolerateTls) await pool.agent.destroy().catch(() => {});
  }
}

/**
 * The pool a request goes through: same origin, proxy and trust settings, and kind. A
 * request that tolerates a certificate that does not verify gets one of its own, closed
 * after it: such a connection is never used again.
 */
function poolFor(config: HarnessConfig, url: URL, request: WireRequest, read: boolean): Pool {
  const key = request.tolerateTls
    ? undefined
    : `${read ? 'read' : 'write'} ${settingsKey(config, url)}`;
  const known = key === undefined ? undefined : pools.get(key);
  if (known) return known;
  const pool: { agent?: Agent; key?: string; opening?: WireError['stage']; tls?: TlsInfo } = {
    key,
  };
  const agent = new Agent({
    // 0: no keep-alive, a connection per request (undici's documented switch).
    pipelining: read ? 1 : 0,
    keepAliveTimeout: IDLE_MS,
    keepAliveMaxTimeout: IDLE_MS,
    // The deadline bounds a request whole (withDeadline); these only keep undici from
    // cutting it first.
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: (_options, callback) => {
      const stage: { now: WireError['stage'] } = { now: config.proxy ? 'proxy' : 'connect' };
      pool.opening = stage.now;
      // A kept pool outlives the request that made it: its connections are bounded by the
      // configured deadline, not by that request's own (each request's bounds it whole).
      const connectMs =
        key === undefined ? (request.timeoutMs ?? config.timeoutMs) : config.timeoutMs;
      const signal = AbortSignal.timeout(connectMs);
      withDeadline(openSocket(config, url, request, signal, stage, pool), signal, connectMs, stage)
        .then(
          (socket) => callback(null, socket),
          (error: Error) => callback(error, null),
        )
        .finally(() => {
          pool.opening = undefined;
        });
    },
  });
  pool.agent = agent;
  const made = pool as Pool;
  if (key !== undefined) pools.set(key, made);
  return made;
}

/** Origin, proxy and trust settings: a connection opened under others is not this one's. */
function settingsKey(config: HarnessConfig, url: URL): string {
  // The proxy's password as a digest: a tunnel another password opened is not this one's.
  const password = config.proxy?.password;
  return JSON.stringify([
    url.origin,
    config.proxy?.server,
    config.proxy?.username,
    password === undefined ? undefined : createHash('sha256').update(password).digest('hex'),
    config.caCert,
    config.insecureTls,
  ]);
}

/** The connection closed before an answer's first byte (a kept one the target had closed). */
function closedBeforeAnswer(error: unknown): boolean {
  return (
    error instanceof WireError &&
    error.stage === 'answer' &&
    error.code !== 'TIMEOUT' &&
    error.heard === false
  );
}

async function answerOn(
  pool: Pool,
  url: URL,
  request: WireRequest,
  maxBytes: number,
  timeoutMs: number,
  started: number,
): Promise<WireResult> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const stage: { now: WireError['stage'] } = { now: 'answer' };
  const reached = {
    get now(): WireError['stage'] {
      return stage.now === 'answer' ? (pool.opening ?? 'answer') : stage.now;
    },
  };
  let answer: Omit<WireResult, 'ms' | 'tls'>;
  try {
    answer = await withDeadline(
      exchange(pool.agent, url, request, maxBytes, deadline, stage),
      deadline,
      timeoutMs,
      reached,
    );
  } catch (error) {
    // Failed once its answer began (cut, corrupt, late): no connection of it is trusted further.
    if (stage.now === 'body') retire(pool);
    throw error;
  }
  // Cut at the cap, even after inflation: nothing of it is trusted further, its connection neither.
  if (answer.truncated) retire(pool);
  const secure = url.protocol === 'https:';
  return {
    ...answer,
    ms: Math.round(performance.now() - started),
    tls: secure ? pool.tls : undefined,
  };
}

/**
 * No request uses the pool again: its connections close once the requests on them are
 * done, and the next request opens new ones. undici does not say which connection carried
 * an answer, so an answer not trusted retires them all (a rare, hostile case).
 */
function retire(pool: Pool): void {
  if (pool.key !== undefined && pools.get(pool.key) === pool) pools.delete(pool.key);
  pool.agent.close().catch(() => {});
}

async function openSocket(
  config: HarnessConfig,
  url: URL,
  request: WireRequest,
  signal: AbortSignal,
  stage: { now: WireError['stage'] },
  pool: { opening?: WireError['stage']; tls?: TlsInfo },
): Promise<net.Socket> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Before anything opens: a CA file that cannot be read leaves no socket behind.
  const secureContext = url.protocol === 'https:' ? trustContext(config) : undefined;
  // The deadline frees the socket while it connects (and shakes hands); then the listener
  // goes, so a connection kept for later requests outlives this request's deadline.
  const opened: net.Socket[] = [];
  const onDeadline = () => {
    for (const socket of opened) socket.destroy(new Error('the deadline passed'));
  };
  signal.addEventListener('abort', onDeadline, { once: true });
  try {
    const raw = config.proxy
      ? await tunnel(config, host, port, signal)
      : await connected(opening(opened, net.connect({ host, port })), 'connect');
    if (url.protocol !== 'https:') return forgotten(raw);
    stage.now = 'tls';
    pool.opening = 'tls';
    const secure = tls.connect({
      socket: opening(opened, raw),
      // The name the certificate is checked against (without it Node checks "localhost").
      host,
      servername: net.isIP(host) ? undefined : host,
      secureContext,
      rejectUnauthorized: !(config.insecureTls || request.tolerateTls),
    });
    try {
      const socket = await connected(opening(opened, secure), 'tls', 'secureConnect');
      pool.tls = tlsInfo(socket);
      return forgotten(socket);
    } catch (error) {
      raw.destroy();
      throw error;
    }
  } finally {
    signal.removeEventListener('abort', onDeadline);
  }
}

/**
 * A connection's counts are forgotten once it closed and the failure of its last request
 * (settled in the same turn) has read them.
 */
function forgotten<T extends net.Socket>(socket: T): T {
  const name = socketName(socket);
  socket.once('close', () =>
    setImmediate(() => {
      if (readWhenSent.get(name)?.socket === socket) readWhenSent.delete(name);
    }),
  );
  return socket;
}

function opening<T extends net.Socket>(opened: net.Socket[], socket: T): T {
  opened.push(socket);
  return socket;
}

/** An HTTP CONNECT tunnel through the proxy, as curl and Playwright use. */
async function tunnel(
  config: HarnessConfig,
  host: string,
  port: number,
  signal: AbortSignal,
): Promise<net.Socket> {
  const proxy = new URL(config.proxy?.server as string);
  const headers: Record<string, string> = { host: `${host}:${port}` };
  if (config.proxy?.username) {
    const pair = `${config.proxy.username}:${config.proxy.password ?? ''}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  const connect = http.request({
    host: proxy.hostname,
    port: Number(proxy.port) || 80,
    method: 'CONNECT',
    path: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    headers,
    signal,
  });
  return new Promise((resolve, reject) => {
    connect.once('connect', (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(
        new WireError(
          `the proxy ${config.proxy?.server} refused the tunnel (HTTP ${response.statusCode})`,
          undefined,
          'proxy',
        ),
      );
    });
    connect.once('error', (error) => reject(stageError(error, 'proxy')));
    connect.end();
  });
}

function connected(
  socket: net.Socket,
  stage: WireError['stage'],
  event = 'connect',
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    socket.once(event, () => resolve(socket));
    socket.once('error', (error) => reject(stageError(error, stage)));
  });
}

/**
 * The system's roots plus NODE_EXTRA_CA_CERTS and POLYTOMIC_CA_CERT, read and made once
 * per process and CA file: a context built from ~140 roots took ~90 ms of CPU for every
 * connection. Undefined: Node's default context.
 */
const contexts = new Map<string, tls.SecureContext>();

function trustContext(config: HarnessConfig): tls.SecureContext | undefined {
  if (!config.caCert) return undefined;
  const made = contexts.get(config.caCert);
  if (made) return made;
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  const extraPem = extra ? readOptional(extra) : undefined;
  const context = tls.createSecureContext({
    ca: [
      ...tls.rootCertificates,
      ...(extraPem ? [extraPem] : []),
      readFileSync(config.caCert, 'utf8'),
    ],
  });
  contexts.set(config.caCert, context);
  return context;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Encodings read through a decoder whose output counts against the cap (a gzip bomb stops there). */
const DECODERS: Readonly<Record<string, () => zlib.Unzip | zlib.Inflate | zlib.BrotliDecompress>> =
  {
    gzip: () => zlib.createGunzip(),
    'x-gzip': () => zlib.createGunzip(),
    deflate: () => zlib.createInflate(),
    br: () => zlib.createBrotliDecompress(),
  };

async function exchange(
  agent: Agent,
  url: URL,
  request: WireRequest,
  maxBytes: number,
  signal: AbortSignal,
  stage: { now: WireError['stage'] },
): Promise<Omit<WireResult, 'ms' | 'tls'>> {
  let response: Dispatcher.ResponseData;
  try {
    response = await agent.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: (request.method ?? 'GET') as Dispatcher.HttpMethod,
      // Identity asked for; a target that compresses anyway is inflated under the cap.
      headers: { accept: 'application/json', 'accept-encoding': 'identity', ...request.headers },
      body: request.body,
      signal,
    });
  } catch (error) {
    if (error instanceof WireError) throw error;
    const err = error as NodeJS.ErrnoException;
    throw new WireError(err.message, err.code, stage.now, heardBefore(error));
  }
  stage.now = 'body';
  const body = response.body;
  const headers = flatHeaders(response.headers);
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = DECODERS[encoding]?.();
  const declared = Number(headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overCap: string | undefined;
    const finish = () => {
      const answer = {
        status: response.statusCode,
        headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
        truncated: overCap !== undefined,
        overCap,
      };
      // undici gives a connection back a turn after its answer ends: the next request of
      // this caller then finds it there, instead of opening another.
      setImmediate(() => resolve(answer));
    };
    // Destroying the body before its end closes its connection: nothing of it is used again.
    const stop = (why: string) => {
      overCap = `body over ${maxBytes} bytes (POLYTOMIC_MAX_BODY_BYTES)${why}`;
      decoder?.destroy();
      // undici reports the destroy as an abort: that is this cut, not a failure.
      body.on('error', () => {});
      body.destroy();
      finish();
    };
    // A declared size over the cap is not read at all.
    if (!decoder && declared > maxBytes) return stop(`: Content-Length ${declared}`);
    const take = (chunk: Buffer) => {
      if (overCap !== undefined) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        return stop(decoder ? `, inflated from ${encoding}` : '');
      }
      chunks.push(chunk);
      size += chunk.length;
    };
    const failed = (error: Error) => {
      if (overCap !== undefined) return;
      body.destroy();
      reject(stageError(error, 'body'));
    };
    let wire = 0;
    if (decoder) {
      body.on('data', (chunk: Buffer) => {
        wire += chunk.length;
        if (wire > maxBytes) return stop(` (${encoding} on the wire)`);
        decoder.write(chunk);
      });
      body.once('end', () => decoder.end());
      decoder.on('data', take);
      decoder.once('end', () => overCap === undefined && finish());
      decoder.once('error', failed);
    } else {
      body.on('data', take);
      body.once('end', () => overCap === undefined && finish());
    }
    body.once('error', failed);
    signal.addEventListener('abort', () => body.destroy(), { once: true });
  });
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function tlsInfo(socket: net.Socket): TlsInfo | undefined {
  if (!(socket instanceof tls.TLSSocket)) return undefined;
  const certificate = socket.getPeerCertificate();
  return {
    authorized: socket.authorized,
    error: socket.authorizationError ? String(socket.authorizationError) : undefined,
    protocol: socket.getProtocol() ?? undefined,
    issuer: [certificate?.issuer?.CN ?? certificate?.issuer?.O].flat().join(', ') || undefined,
    validTo: certificate?.valid_to,
  };
}

function stageError(error: unknown, stage: WireError['stage']): WireError {
  if (error instanceof WireError) return error;
  const err = error as NodeJS.ErrnoException;
  return new WireError(err.message, err.code, stage);
}

/** Rejects with a timeout naming the stage when the shared deadline passes first. */
function withDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal,
  timeoutMs: number,
  stage: { now: WireError['stage'] },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () =>
      reject(
        new WireError(
          stage.now === 'body'
            ? `the body was too slow: not complete within ${timeoutMs} ms`
            : `no answer within ${timeoutMs} ms`,
          'TIMEOUT',
          stage.now,
        ),
      );
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
