import { once } from 'node:events';
import http from 'node:http';
import type net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import zlib from 'node:zlib';

/**
 * A hostile deployment for the transport proofs: a proxy in front of the
 * reference server that misbehaves in one named way. Each mode names what the
 * harness must survive; `where` says which requests meet it. Everything it
 * sends is bounded in size and in time, and it listens on 127.0.0.1 only.
 */
export const HOSTILE_MODES = {
  /** 429 with `Retry-After: <the key sent>`, the first time each request is seen. */
  reflectKeyInRetryAfter: 'by id',
  /** `X-Polytomic-Version: <the key sent>` on every answer to a request with a key. */
  reflectKeyInVersionHeader: 'with a key',
  /** An error answer's body is `… key \u00xx…` (text, each character escaped). */
  unicodeEscapedEcho: 'errors to a key',
  /** An error answer's body is `… key=%xx…` (text, every other character percent-encoded). */
  percentEncodedEcho: 'errors to a key',
  /** A 500 MB JSON-looking body, chunked (no Content-Length). */
  hugeBody: 'by id, or /api/me with a key',
  /** A chunked body that never ends (the server stops after MAX_STREAM_MS). */
  endlessBody: 'by id, or /api/me with a key',
  /** gzip whatever was asked for: ~1 MB on the wire, 1 GiB inflated. */
  gzipBomb: 'by id, or /api/me with a key',
  /** Sets a session cookie on every success and takes it as the key it came with. */
  setCookie: 'all',
  /** GET /api/me → 302 to the https form of its own URL. */
  redirectMe: '/api/me',
  /** GET /api/me → 404 with an HTML page. */
  htmlOn404Me: '/api/me',
  /** GET /api/me → 502 with an HTML page. */
  error5xxOnMe: '/api/me',
  /** A request with a key is accepted and never answered. */
  hang: 'with a key',
} as const;

export type HostileMode = keyof typeof HOSTILE_MODES;

export interface HostileOptions {
  /** Body modes: the misbehaviour on GET /api/me with a key (what doctor and verify's version probe send) instead of by-id GETs. */
  readonly onMe?: boolean;
  /** The /api/me modes: only to requests with a key, so the first request (no key) sees a normal 401. */
  readonly keyedOnly?: boolean;
}

export interface Hostile {
  readonly url: string;
  readonly counts: {
    requests: number;
    /** Requests that met the misbehaviour. */
    hostile: number;
    /** Requests carrying a Cookie header: a cookie jar replaying what the server set. */
    withCookie: number;
    /** Requests without a key that a cookie made authenticated. */
    cookieAuthenticated: number;
  };
  close(): Promise<void>;
}

const BY_ID = /^\/api\/organizations\/[0-9a-f-]{36}$/;
const HUGE_BYTES = 500 * 1024 * 1024;
const BOMB_INFLATED = 1024 * 1024 * 1024;
/** No answer of this server streams for longer, whatever the client does. */
const MAX_STREAM_MS = 60_000;
const HANG_MS = 120_000;

/** The key a request carries: Bearer's token, or Basic's non-empty half. */
export function keyOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, token = ''] = authorization.split(' ');
  if (/^bearer$/i.test(scheme ?? '')) return token;
  const pair = Buffer.from(token, 'base64').toString('utf8');
  const [user = '', password = ''] = pair.split(':');
  return password || user || undefined;
}

export function unicodeEscaped(text: string): string {
  return [...text]
    .map((c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
    .join('');
}

export function percentEncoded(text: string): string {
  return [...text]
    .map((c, i) => (i % 2 === 0 ? `%${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}` : c))
    .join('');
}

let bombMember: Buffer | undefined;
/** One gzip member of 8 MiB of spaces; 128 of them back to back are one valid 1 GiB gzip stream. */
function bomb(): Buffer {
  bombMember ??= zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20), { level: 9 });
  return bombMember;
}

/** Writes `chunk` `times` times, waiting for the reader; stops when it goes or time is up. */
async function stream(
  response: http.ServerResponse,
  chunk: Buffer,
  times: number,
  deadline: number,
): Promise<void> {
  for (let i = 0; i < times && !response.destroyed && Date.now() < deadline; i++) {
    if (!response.write(chunk)) {
      // The waits that lose the race are cancelled, so no listener piles up on the response.
      const losers = new AbortController();
      const { signal } = losers;
      await Promise.race([
        once(response, 'drain', { signal }),
        once(response, 'close', { signal }),
        delay(Math.max(0, deadline - Date.now()), undefined, { signal }),
      ]).catch(() => undefined);
      losers.abort();
    }
  }
  response.end();
}

export async function startHostile(
  target: string,
  mode: HostileMode,
  options: HostileOptions = {},
): Promise<Hostile> {
  const counts = { requests: 0, hostile: 0, withCookie: 0, cookieAuthenticated: 0 };
  const seen = new Set<string>();
  const sessions = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let url = '';

  const server = http.createServer(async (request, response) => {
    counts.requests += 1;
    const path = request.url ?? '/';
    const headers = { ...request.headers } as Record<string, string>;
    if (headers.cookie) counts.withCookie += 1;
    if (mode === 'setCookie' && !headers.authorization) {
      const session = /session=([\w-]+)/.exec(headers.cookie ?? '')?.[1];
      const remembered = session ? sessions.get(session) : undefined;
      if (remembered) {
        // The hostile part: the cookie is taken as the key it was set for.
        headers.authorization = remembered;
        counts.cookieAuthenticated += 1;
      }
    }
    const key = keyOf(headers.authorization);
    const isMe = request.method === 'GET' && path.split('?')[0] === '/api/me';
    const bodyTarget = options.onMe
      ? isMe && key !== undefined
      : request.method === 'GET' && BY_ID.test(path);

    if (mode === 'hang' && key !== undefined) {
      counts.hostile += 1;
      request.resume();
      const timer = setTimeout(() => response.destroy(), HANG_MS);
      timers.add(timer);
      return;
    }
    const meMode = mode === 'redirectMe' || mode === 'htmlOn404Me' || mode === 'error5xxOnMe';
    if (isMe && meMode && (key !== undefined || !options.keyedOnly)) {
      counts.hostile += 1;
      request.resume();
      if (mode === 'redirectMe') {
        response.writeHead(302, { location: `${url.replace(/^http:/, 'https:')}/api/me` });
        response.end();
      } else {
        const status = mode === 'htmlOn404Me' ? 404 : 502;
        response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<html><body><h1>${status}</h1><p>nginx</p></body></html>`);
      }
      return;
    }
    if (bodyTarget && (mode === 'hugeBody' || mode === 'endlessBody' || mode === 'gzipBomb')) {
      counts.hostile += 1;
      request.resume();
      const deadline = Date.now() + MAX_STREAM_MS;
      if (mode === 'gzipBomb') {
        const member = bomb();
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(member.length * (BOMB_INFLATED / (8 * 1024 * 1024))),
        });
        await stream(response, member, BOMB_INFLATED / (8 * 1024 * 1024), deadline);
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"data":"');
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const times = mode === 'hugeBody' ? HUGE_BYTES / chunk.length : Number.POSITIVE_INFINITY;
        await stream(response, chunk, times, deadline);
      }
      return;
    }
    if (mode === 'reflectKeyInRetryAfter' && key && request.method === 'GET' && BY_ID.test(path)) {
      const distinct = `${request.method} ${path} ${headers.authorization} ${headers['x-polytomic-version']}`;
      if (!seen.has(distinct)) {
        seen.add(distinct);
        counts.hostile += 1;
        request.resume();
        response.writeHead(429, { 'retry-after': key, 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'slow down' }));
        return;
      }
    }

    const body = await read(request);
    delete headers.cookie;
    delete headers.host;
    const upstream = await fetch(target + path, {
      method: request.method,
      headers,
      body: body.length > 0 ? body : undefined,
    });
    let text = await upstream.text();
    const out = Object.fromEntries(upstream.headers);
    delete out['content-length'];
    delete out['content-encoding'];
    delete out['transfer-encoding'];
    if (key && mode === 'reflectKeyInVersionHeader') {
      counts.hostile += 1;
      out['x-polytomic-version'] = key;
    }
    if (
      key &&
      upstream.status >= 400 &&
      (mode === 'unicodeEscapedEcho' || mode === 'percentEncodedEcho')
    ) {
      counts.hostile += 1;
      out['content-type'] = 'text/plain';
      text =
        mode === 'unicodeEscapedEcho'
          ? `error: the key ${unicodeEscaped(key)} may not do this`
          : `error: see /help?key=${percentEncoded(key)}`;
    }
    if (mode === 'setCookie' && headers.authorization && upstream.status < 300) {
      const session = `s${sessions.size + 1}-${Date.now().toString(36)}`;
      sessions.set(session, headers.authorization);
      counts.hostile += 1;
      out['set-cookie'] = `session=${session}; Path=/; HttpOnly`;
    }
    response.writeHead(upstream.status, out);
    response.end(text);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    counts,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function read(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
