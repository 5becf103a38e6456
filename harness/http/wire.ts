import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { HarnessConfig } from '../config/env';

/**
 * The one HTTP path of the harness: every request it sends, the suite's and the
 * scripts' (reachability, doctor, verify, cleanup), goes through sendOnWire(). It
 * honours POLYTOMIC_CA_CERT, POLYTOMIC_INSECURE_TLS and the proxy the config
 * resolved; one deadline (POLYTOMIC_TIMEOUT_MS) bounds the connection, the
 * answer and its body; a body is read while it streams and stops at
 * POLYTOMIC_MAX_BODY_BYTES, counted after inflation when the target compresses
 * it anyway; redirects are answers, never followed; there is no cookie store,
 * so a request carries exactly the headers it was given. It also tells what a
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

export async function sendOnWire(config: HarnessConfig, request: WireRequest): Promise<WireResult> {
  const url = new URL(config.targetUrl + request.path);
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const started = performance.now();
  const deadline = AbortSignal.timeout(timeoutMs);
  const stage: { now: WireError['stage'] } = { now: config.proxy ? 'proxy' : 'connect' };
  const socket = await withDeadline(
    openSocket(config, url, request, deadline, stage),
    deadline,
    timeoutMs,
    stage,
  );
  stage.now = 'answer';
  try {
    const answer = await withDeadline(
      exchange(url, socket, request, config.maxBodyBytes, stage),
      deadline,
      timeoutMs,
      stage,
    );
    return { ...answer, ms: Math.round(performance.now() - started), tls: tlsInfo(socket) };
  } finally {
    socket.destroy();
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
  const raw = config.proxy
    ? await tunnel(config, host, port, signal)
    : await connected(net.connect({ host, port, signal }), 'connect');
  // A deadline that passes later (in the TLS handshake or the answer) must free the socket.
  signal.addEventListener('abort', () => raw.destroy(), { once: true });
  if (url.protocol !== 'https:') return raw;
  stage.now = 'tls';
  const secure = tls.connect({
    socket: raw,
    // The name the certificate is checked against (without it Node checks "localhost").
    host,
    servername: net.isIP(host) ? undefined : host,
    ca: trustedCertificates(config),
    rejectUnauthorized: !(config.insecureTls || request.tolerateTls),
  });
  return connected(secure, 'tls', 'secureConnect');
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

/** The system's roots plus NODE_EXTRA_CA_CERTS and POLYTOMIC_CA_CERT; undefined = Node's default. */
function trustedCertificates(config: HarnessConfig): string[] | undefined {
  if (!config.caCert) return undefined;
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  const extraPem = extra ? readOptional(extra) : undefined;
  return [
    ...tls.rootCertificates,
    ...(extraPem ? [extraPem] : []),
    readFileSync(config.caCert, 'utf8'),
  ];
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
  url: URL,
  socket: net.Socket,
  request: WireRequest,
  maxBytes: number,
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
      headers: { accept: 'application/json', 'accept-encoding': 'identity', ...request.headers },
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
