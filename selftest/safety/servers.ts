import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

/**
 * Small misbehaving servers in front of the reference server, each on
 * 127.0.0.1 and closed by the test that started it.
 */
export interface Started {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server, port = 0): Promise<number> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
}

/** Accepts connections and never answers. */
export async function startSilent(): Promise<Started> {
  const server = net.createServer(() => {});
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, close };
}

/** A port nothing listens on: taken from the system, then let go. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A self-signed certificate for 127.0.0.1 and deployment.test (openssl), or undefined without openssl. */
export function selfSigned():
  | { key: string; cert: string; certPath: string; remove: () => void }
  | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'polytomic-tls-'));
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Conformance Test CA',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:deployment.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  if (made.status !== 0) return undefined;
  const certPath = join(dir, 'cert.pem');
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    certPath,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** TLS in front of an http server: the on-prem install with its own certificate. */
export async function startTlsFront(
  target: string,
  pair: { key: string; cert: string },
): Promise<Started> {
  const { port: targetPort } = new URL(target);
  const server = tls.createServer(pair, (secure) => {
    const plain = net.connect(Number(targetPort), '127.0.0.1');
    secure.pipe(plain).pipe(secure);
    const end = () => {
      secure.destroy();
      plain.destroy();
    };
    secure.on('error', end);
    plain.on('error', end);
  });
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `https://127.0.0.1:${port}`, port, close };
}

/** An HTTP CONNECT proxy that counts the tunnels it opened; it resolves *.test to 127.0.0.1. */
export async function startConnectProxy(): Promise<Started & { tunnels: () => string[] }> {
  const tunnels: string[] = [];
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host = '', port] = (request.url ?? '').split(':');
    // *.test names exist only behind this proxy: a request that skipped it could not resolve them.
    const upstream = net.connect(Number(port), host.endsWith('.test') ? '127.0.0.1' : host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, close, tunnels: () => tunnels };
}

export type Mangling = 'html' | 'truncated' | 'huge' | 'rateLimited' | 'alwaysBusy';

/**
 * A pass-through to the reference server that spoils its answers one way:
 * HTML instead of JSON, a body cut short, a 6 MiB body, a 429 (Retry-After: 1)
 * the first time each distinct request is seen, or a 503 (Retry-After: 1) to all.
 */
export async function startMangler(
  target: string,
  mangling: Mangling,
  /** Spoil only answers to these GET paths (the body manglings); the rest pass through. */
  only: RegExp = /.*/,
): Promise<Started & { counts: Record<string, number> }> {
  const counts: Record<string, number> = { requests: 0, refused: 0 };
  // Once per distinct request: identical requests sent at the same moment (a worker's
  // discovery and the preflight both ask /api/me) must not make one of them meet 429
  // on every retry, as refusing every other one could.
  const seen = new Map<string, number>();
  const server = http.createServer(async (request, response) => {
    counts.requests = (counts.requests ?? 0) + 1;
    const key = `${request.method} ${request.url} ${request.headers.authorization} ${request.headers['x-polytomic-version']}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const refuse = mangling === 'alwaysBusy' || (mangling === 'rateLimited' && nth === 1);
    if (refuse) {
      counts.refused = (counts.refused ?? 0) + 1;
      request.resume();
      const status = mangling === 'alwaysBusy' ? 503 : 429;
      response.writeHead(status, { 'retry-after': '1', 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'slow down' }));
      return;
    }
    const body = await read(request);
    const upstream = await fetch(target + (request.url ?? '/'), {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: body.length > 0 ? body : undefined,
    });
    const text = await upstream.text();
    const spoil = request.method === 'GET' && only.test(request.url ?? '');
    const headers = Object.fromEntries(upstream.headers);
    delete headers['content-length'];
    delete headers['content-encoding'];
    if (!spoil) {
      response.writeHead(upstream.status, headers);
      response.end(text);
    } else if (mangling === 'html') {
      response.writeHead(upstream.status, { ...headers, 'content-type': 'text/html' });
      response.end(
        `<html><body><h1>Gateway page</h1><p>${text.length} bytes hidden</p></body></html>`,
      );
    } else if (mangling === 'truncated') {
      response.writeHead(upstream.status, {
        ...headers,
        'content-length': String(text.length + 500),
      });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => response.destroy(), 50);
    } else if (mangling === 'huge') {
      response.writeHead(upstream.status, headers);
      response.end(`{"data":[${'"padding",'.repeat(600_000)}"end"]}`);
    } else {
      response.writeHead(upstream.status, headers);
      response.end(text);
    }
  });
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, close, counts };
}

async function read(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
