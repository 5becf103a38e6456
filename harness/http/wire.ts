import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { HarnessConfig } from '../config/env';
import { keepIdle, takeIdle } from './idle-connections';

/**
 * The one HTTP path of the harness: every request it sends, the suite's and the
 * scripts' (reachability, doctor, verify, cleanup), goes through sendOnWire(). It
 * honours POLYTOMIC_CA_CERT, POLYTOMIC_INSECURE_TLS and the proxy the config
 * resolved; one deadline (POLYTOMIC_TIMEOUT_MS) bounds the connection, the
 * answer and its body; a body is read while it streams and stops at
 * POLYTOMIC_MAX_BODY_BYTES, counted after inflation when the target compresses
 * it anyway; redirects are answers, never followed; there is no cookie store,
 * so a request carries exactly the headers it was given. A connection is kept
 * for the next read only after an answer read cleanly to its end
 * (idle-connections.ts); a write always opens its own. It also tells what a
 * higher-level client cannot: whether the certificate verified, and how far a
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
  ) {
    super(message);
  }
}

/**
 * Methods a kept connection may carry (RFC 9110 §9.2.1, safe): a write always opens its
 * own connection, so it is never sent twice and its answer is never bytes a target left
 * on a connection. A read on a kept connection the target had closed, with not one byte
 * back, is sent once more on a new one.
 */
const MAY_REUSE = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function sendOnWire(config: HarnessConfig, request: WireRequest): Promise<WireResult> {
  const url = new URL(config.targetUrl + request.path);
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const send: Sending = {
    url,
    request,
    maxBytes: config.maxBodyBytes,
    timeoutMs,
    deadline,
    started: performance.now(),
    target: keptUnder(config, url, request),
  };
  const kept =
    send.target && MAY_REUSE.has((request.method ?? 'GET').toUpperCase())
      ? takeIdle(send.target)
      : undefined;
  if (kept) {
    const heard = { any: false };
    try {
      return await answerOn(kept, send, heard);
    } catch (error) {
      if (heard.any || !closedBeforeAnswer(error)) throw error;
    }
  }
  const stage: { now: WireError['stage'] } = { now: config.proxy ? 'proxy' : 'connect' };
  const socket = await withDeadline(
    openSocket(config, url, request, deadline, stage),
    deadline,
    timeoutMs,
    stage,
  );
  return answerOn(socket, send);
}

interface Sending {
  readonly url: URL;
  readonly request: WireRequest;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly deadline: AbortSignal;
  readonly started: number;
  /** Where the connection is kept after a clean answer; undefined: closed after this request. */
  readonly target: string | undefined;
}

/**
 * Which kept connections a request may use and give back: same origin, proxy and trust
 * settings. None for a request that tolerates a certificate that does not verify: such a
 * connection is never used again.
 */
function keptUnder(config: HarnessConfig, url: URL, request: WireRequest): string | undefined {
  if (request.tolerateTls) return undefined;
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

/** A kept connection the target had closed (with no byte back: see `heard`). */
function closedBeforeAnswer(error: unknown): boolean {
  return (
    error instanceof WireError &&
    error.stage === 'answer' &&
    (error.code === 'ECONNRESET' || error.code === 'EPIPE')
  );
}

async function answerOn(
  socket: net.Socket,
  send: Sending,
  heard: { any: boolean } = { any: false },
): Promise<WireResult> {
  const stage: { now: WireError['stage'] } = { now: 'answer' };
  // The deadline frees the socket whatever the answer does; the listener goes with the answer.
  const onDeadline = () => socket.destroy();
  send.deadline.addEventListener('abort', onDeadline, { once: true });
  const onData = () => {
    heard.any = true;
  };
  socket.on('data', onData);
  // At 'free' Node takes its own listeners off; until the answer is done (an inflating body
  // takes a few turns) a byte, an end or an error on the socket spoils it, and is handled.
  let free = false;
  let spoiled = false;
  const spoil = () => {
    spoiled = true;
    socket.destroy();
  };
  const onFree = () => {
    free = true;
    for (const event of ['data', 'end', 'error']) socket.on(event, spoil);
  };
  socket.once('free', onFree);
  try {
    const answer = await withDeadline(
      exchange(socket, send, stage),
      send.deadline,
      send.timeoutMs,
      stage,
    ).catch((error: unknown) => {
      // Failed after its bytes were all read (an inflation error): not used again either.
      spoiled = true;
      throw error;
    });
    // Cut at the cap, even after inflation: nothing of it is trusted further, its connection neither.
    if (answer.truncated) spoiled = true;
    return { ...answer, ms: Math.round(performance.now() - send.started), tls: tlsInfo(socket) };
  } finally {
    send.deadline.removeEventListener('abort', onDeadline);
    socket.removeListener('data', onData);
    socket.removeListener('free', onFree);
    for (const event of ['data', 'end', 'error']) socket.removeListener(event, spoil);
    if (free && !spoiled && send.target) keepIdle(send.target, socket);
    else socket.destroy();
  }
}

async function openSocket(
  config: HarnessConfig,
  url: URL,
  request: WireRequest,
  signal: AbortSignal,
  stage: { now: WireError['stage'] },
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
    if (url.protocol !== 'https:') return raw;
    stage.now = 'tls';
    const secure = tls.connect({
      socket: opening(opened, raw),
      // The name the certificate is checked against (without it Node checks "localhost").
      host,
      servername: net.isIP(host) ? undefined : host,
      secureContext,
      rejectUnauthorized: !(config.insecureTls || request.tolerateTls),
    });
    try {
      return await connected(opening(opened, secure), 'tls', 'secureConnect');
    } catch (error) {
      raw.destroy();
      throw error;
    }
  } finally {
    signal.removeEventListener('abort', onDeadline);
  }
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

function exchange(
  socket: net.Socket,
  { url, request, maxBytes, target }: Sending,
  stage: { now: WireError['stage'] },
): Promise<Omit<WireResult, 'ms' | 'tls'>> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const outgoing = send({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: request.method ?? 'GET',
      // Identity asked for; a target that compresses anyway is inflated under the cap.
      // Keep-alive asked for when the connection may be kept (idle-connections.ts).
      headers: {
        accept: 'application/json',
        'accept-encoding': 'identity',
        ...(target ? { connection: 'keep-alive' } : {}),
        ...request.headers,
      },
      // No agent: with one (even `agent: false`) Node opens its own connection instead.
      createConnection: () => socket,
    });
    outgoing.once('error', (error) => reject(stageError(error, stage.now)));
    outgoing.once('response', (response) => {
      stage.now = 'body';
      const headers = flatHeaders(response.headers);
      const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
      const decoder = DECODERS[encoding]?.();
      const declared = Number(headers['content-length']);
      const chunks: Buffer[] = [];
      let size = 0;
      let overCap: string | undefined;
      const finish = () =>
        resolve({
          status: response.statusCode ?? 0,
          headers,
          bodyText: Buffer.concat(chunks).toString('utf8'),
          truncated: overCap !== undefined,
          overCap,
        });
      const stop = (why: string) => {
        overCap = `body over ${maxBytes} bytes (POLYTOMIC_MAX_BODY_BYTES)${why}`;
        decoder?.destroy();
        response.destroy();
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
        if (overCap === undefined) reject(stageError(error, 'body'));
      };
      let wire = 0;
      if (decoder) {
        response.on('data', (chunk: Buffer) => {
          wire += chunk.length;
          if (wire > maxBytes) return stop(` (${encoding} on the wire)`);
          decoder.write(chunk);
        });
        response.once('end', () => decoder.end());
        decoder.on('data', take);
        decoder.once('end', () => overCap === undefined && finish());
        decoder.once('error', failed);
      } else {
        response.on('data', take);
        response.once('end', () => overCap === undefined && finish());
      }
      response.once('error', failed);
      response.once('aborted', () => failed(new Error('aborted')));
    });
    outgoing.end(request.body);
  });
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
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
