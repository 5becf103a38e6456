import { once } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { parseConfig } from '../../harness/config/env';
import { sendOnWire, type WireRequest } from '../../harness/http/wire';
import { selfSigned } from './servers';

/**
 * harness/http/wire.ts (undici's pools) keeps a connection open for the next read. Against a
 * raw server scripted per request (not the reference server), that is safe: a POST is
 * sent on a connection of its own and once; an answer the target closes, cuts, or follows
 * with stray bytes is never the next request's; a kept connection the target closed
 * costs a GET nothing; and a connection whose certificate was not verified is never used
 * by a request that verifies.
 */
interface Seen {
  readonly connection: number;
  readonly request: string;
}

/** How the server answers request `index` (from 0) of the run, on its connection. */
type Script = (socket: net.Socket, index: number, request: string) => void;

async function scripted(script: Script, secure?: { key: string; cert: string }) {
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const onConnection = (socket: net.Socket) => {
    const connection = connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const request = buffered.slice(0, end + 4 + length);
        buffered = buffered.slice(request.length);
        seen.push({ connection, request });
        script(socket, seen.length - 1, request);
      }
    });
  };
  const server = secure ? tls.createServer(secure, onConnection) : net.createServer(onConnection);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const url = `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    seen,
    send: (request: WireRequest, env: Record<string, string> = {}) =>
      sendOnWire(
        parseConfig({ POLYTOMIC_DEPLOYMENT_URL: url, POLYTOMIC_TIMEOUT_MS: '2000', ...env }),
        request,
      ),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function answer(body: string, headers: readonly string[] = []): string {
  return [
    'HTTP/1.1 200 OK',
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    ...headers,
    '',
    body,
  ].join('\r\n');
}

const json = (index: number) => JSON.stringify({ answer: index });

/** Through the event loop's poll phase and back: what the kernel holds for a socket is read. */
async function turnOfTheLoop(): Promise<void> {
  for (const _ of [1, 2]) await new Promise((resolve) => setImmediate(resolve));
}

test('reads share one kept connection; each write opens its own and is sent once', async () => {
  const server = await scripted((socket, index, request) => {
    const full = answer(json(index));
    // A HEAD's answer has the headers alone.
    socket.write(request.startsWith('HEAD') ? full.slice(0, full.indexOf('\r\n\r\n') + 4) : full);
  });
  try {
    for (const request of [
      { path: '/a' },
      { path: '/b' },
      { method: 'PUT', path: '/c', body: '{}' },
      { method: 'POST', path: '/d', body: '{}' },
      { method: 'DELETE', path: '/e' },
      { method: 'PATCH', path: '/f', body: '{}' },
      { method: 'HEAD', path: '/g' },
    ]) {
      const result = await server.send(request);
      if (request.method !== 'HEAD') expect(result.bodyText).toBe(json(server.seen.length - 1));
    }
    expect(server.seen.map(({ request }) => request.split(' ', 2).join(' '))).toEqual([
      'GET /a',
      'GET /b',
      'PUT /c',
      'POST /d',
      'DELETE /e',
      'PATCH /f',
      'HEAD /g',
    ]);
    const connections = server.seen.map(({ connection }) => connection);
    expect(connections.slice(0, 2)).toEqual([0, 0]);
    // Every write on a connection no request used before it; the read after them on a kept one.
    connections.slice(2, 6).forEach((connection, index) => {
      expect(connections.slice(0, index + 2)).not.toContain(connection);
    });
    expect(connections.slice(0, 6)).toContain(connections[6]);
    expect(server.seen[0]?.request).toMatch(/\r\nconnection: keep-alive\r\n/i);
  } finally {
    await server.close();
  }
});

test('an answer with Connection: close is not used again', async () => {
  const server = await scripted((socket, index) =>
    socket.end(answer(json(index), ['connection: close'])),
  );
  try {
    for (const path of ['/a', '/b', '/c']) await server.send({ path });
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 1, 2]);
  } finally {
    await server.close();
  }
});

test('bytes after an answer are never read as the next answer', async () => {
  const stray = answer(JSON.stringify({ stray: true }));
  const server = await scripted((socket, index) => {
    // The first answer comes with a second one behind it, in the same write.
    socket.write(index === 0 ? answer(json(index)) + stray : answer(json(index)));
  });
  try {
    expect((await server.send({ path: '/a' })).bodyText).toBe(json(0));
    expect((await server.send({ path: '/b' })).bodyText).toBe(json(1));
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 1]);
  } finally {
    await server.close();
  }
});

test('bytes a target sends to an idle connection drop it', async () => {
  let first: net.Socket | undefined;
  const server = await scripted((socket, index) => {
    first ??= socket;
    socket.write(answer(json(index)));
  });
  try {
    expect((await server.send({ path: '/a' })).bodyText).toBe(json(0));
    // The first answer was read and its connection kept: now more bytes on it, unasked.
    await new Promise((resolve) => first?.write(answer(JSON.stringify({ stray: true })), resolve));
    // Written on loopback: the client's next poll of its sockets reads it.
    await turnOfTheLoop();
    expect((await server.send({ path: '/b' })).bodyText).toBe(json(1));
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 1]);
  } finally {
    await server.close();
  }
});

test('a target that answers a read twice: the writes after it get their own answers', async () => {
  const server = await scripted((socket, index, request) => {
    socket.write(answer(json(index)));
    // Every read answered a second time, a moment later: what a kept connection can misread.
    if (request.startsWith('GET'))
      setImmediate(() => socket.write(answer(JSON.stringify({ again: index }))));
  });
  try {
    for (const [method, path] of [
      ['GET', '/a'],
      ['PUT', '/b'],
      ['GET', '/c'],
      ['DELETE', '/d'],
      ['POST', '/e'],
    ] as const) {
      const result = await server.send({ method, path, body: method === 'GET' ? undefined : '{}' });
      const sent = server.seen.findIndex(({ request }) => request.startsWith(`${method} ${path} `));
      if (method !== 'GET') expect(result.bodyText).toBe(json(sent));
    }
  } finally {
    await server.close();
  }
});

test('a kept connection the target closed on the next GET: sent again on a new one', async () => {
  const server = await scripted((socket, index) => {
    // The second request arrives on the kept connection and the target drops it unanswered.
    if (index === 1) socket.destroy();
    else socket.write(answer(json(index)));
  });
  try {
    expect((await server.send({ path: '/a' })).bodyText).toBe(json(0));
    expect((await server.send({ path: '/b' })).bodyText).toBe(json(2));
    expect(server.seen.map(({ connection, request }) => [connection, request.slice(0, 6)])).toEqual(
      [
        [0, 'GET /a'],
        [0, 'GET /b'],
        [1, 'GET /b'],
      ],
    );
  } finally {
    await server.close();
  }
});

test('a kept connection that sends part of an answer and closes: the read is not sent again', async () => {
  const server = await scripted((socket, index) => {
    if (index === 1) socket.end('HTTP/1.1 200 O');
    else socket.write(answer(json(index)));
  });
  try {
    await server.send({ path: '/a' });
    await expect(server.send({ path: '/b' })).rejects.toMatchObject({ stage: 'answer' });
    expect(server.seen).toHaveLength(2);
  } finally {
    await server.close();
  }
});

test('a kept connection that never answers ends at the deadline, sent once', async () => {
  const server = await scripted((socket, index) => {
    if (index === 0) socket.write(answer(json(index)));
  });
  try {
    await server.send({ path: '/a' });
    await expect(server.send({ path: '/b', timeoutMs: 500 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      stage: 'answer',
    });
    expect(server.seen).toHaveLength(2);
  } finally {
    await server.close();
  }
});

test('a body cut at the cap: that connection is not used again', async () => {
  const big = JSON.stringify({ padding: 'x'.repeat(4096) });
  const server = await scripted((socket, index) => socket.write(answer(index === 0 ? big : '{}')));
  try {
    const cut = await server.send({ path: '/a' }, { POLYTOMIC_MAX_BODY_BYTES: '1024' });
    expect(cut.truncated).toBe(true);
    await server.send({ path: '/b' });
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 1]);
  } finally {
    await server.close();
  }
});

test('a gzip body read whole that inflates past the cap: that connection is not used again', async () => {
  // A few hundred bytes on the wire, whole and well framed; 64 KiB once inflated.
  const gzipped = gzipSync(Buffer.alloc(64 * 1024, 'a'));
  const server = await scripted((socket, index) =>
    socket.write(
      index === 0
        ? Buffer.concat([
            Buffer.from(
              `HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: ${gzipped.length}\r\n\r\n`,
            ),
            gzipped,
          ])
        : answer('{}'),
    ),
  );
  try {
    const cut = await server.send({ path: '/a' }, { POLYTOMIC_MAX_BODY_BYTES: '4096' });
    expect(cut.truncated).toBe(true);
    expect(gzipped.length).toBeLessThan(4096);
    await server.send({ path: '/b' });
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 1]);
  } finally {
    await server.close();
  }
});

test('a kept connection outlives the deadline of the request that opened it', async () => {
  // Each answer takes a while; together they take longer than one request's deadline.
  const server = await scripted((socket, index) => {
    setTimeout(() => socket.write(answer(json(index))), 150);
  });
  try {
    for (const index of [0, 1, 2, 3]) {
      const result = await server.send({ path: `/${index}`, timeoutMs: 400 });
      expect(result.bodyText).toBe(json(index));
    }
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 0, 0, 0]);
  } finally {
    await server.close();
  }
});

test('an answer that comes before the request body is all sent: that connection is not used again', async () => {
  // More than the socket's buffers hold: still being written when the answer is read.
  const body = 'x'.repeat(8 * 1024 * 1024);
  const connectionOf: number[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const connection = connections++;
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    let skip = 0;
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const skipped = Math.min(skip, pending.length);
        skip -= skipped;
        pending = pending.subarray(skipped);
        const end = pending.indexOf('\r\n\r\n');
        if (skip > 0 || end < 0) return;
        const head = pending.subarray(0, end).toString('latin1');
        pending = pending.subarray(end + 4);
        skip = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        connectionOf.push(connection);
        // Answered on the request line and headers, before its body is read.
        socket.write(answer(json(connectionOf.length - 1)));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const config = parseConfig({
    POLYTOMIC_DEPLOYMENT_URL: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
  });
  try {
    expect((await sendOnWire(config, { method: 'PUT', path: '/a', body })).bodyText).toBe(json(0));
    expect((await sendOnWire(config, { path: '/b' })).bodyText).toBe(json(1));
    expect(connectionOf).toEqual([0, 1]);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a proxy that resets the tunnel while a gzip answer is inflated: handled, not kept', async () => {
  const gzipped = gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a'));
  const head = `HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: ${gzipped.length}\r\n\r\n`;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  };
  const target = net.createServer((socket) => {
    track(socket);
    socket.on('data', () => socket.write(Buffer.concat([Buffer.from(head), gzipped])));
  });
  let answers = 0;
  const proxy = net.createServer((client) => {
    track(client);
    client.once('data', () => {
      const upstream = net.connect((target.address() as net.AddressInfo).port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        let forwarded = 0;
        upstream.on('data', (chunk: Buffer) => {
          client.write(chunk);
          forwarded += chunk.length;
          // The whole answer is through: the tunnel is reset while the client still inflates it.
          if (forwarded === head.length + gzipped.length) {
            answers += 1;
            setTimeout(() => client.resetAndDestroy(), 1);
          }
        });
        client.on('data', (chunk: Buffer) => upstream.write(chunk));
      });
      track(upstream);
    });
  });
  for (const server of [target, proxy]) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  const config = parseConfig({
    POLYTOMIC_DEPLOYMENT_URL: `http://127.0.0.1:${(target.address() as net.AddressInfo).port}`,
    HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`,
    POLYTOMIC_TIMEOUT_MS: '3000',
  });
  try {
    // Either whole or failed for the reset; the worker does not crash on an unhandled error.
    for (const path of ['/a', '/b']) {
      const outcome = await sendOnWire(config, { path }).then(
        (result) => result.bodyText.length,
        (error: Error) => error.message,
      );
      expect([4 * 1024 * 1024, 'read ECONNRESET', 'aborted']).toContain(outcome);
    }
    expect(answers).toBe(2);
  } finally {
    for (const socket of sockets) socket.destroy();
    for (const server of [target, proxy]) await new Promise((resolve) => server.close(resolve));
  }
});

test('a connection whose certificate was not verified is never used by one that verifies', async () => {
  const pair = selfSigned();
  test.skip(pair === undefined, 'openssl is not installed: no certificate to test with');
  const server = await scripted((socket, index) => socket.write(answer(json(index))), pair);
  try {
    const tolerated = await server.send({ path: '/a', tolerateTls: true });
    expect(tolerated.tls?.authorized).toBe(false);
    // Verified: the self-signed certificate is refused, so this was a new connection's handshake.
    await expect(server.send({ path: '/b' })).rejects.toMatchObject({ stage: 'tls' });
    // Trusted: a verified connection, then kept.
    const env = { POLYTOMIC_CA_CERT: pair?.certPath as string };
    expect((await server.send({ path: '/c' }, env)).tls?.authorized).toBe(true);
    expect((await server.send({ path: '/d' }, env)).tls?.authorized).toBe(true);
    expect(server.seen.map(({ connection }) => connection)).toEqual([0, 1, 1]);
  } finally {
    await server.close();
    pair?.remove();
  }
});
