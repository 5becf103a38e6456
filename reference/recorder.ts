import { createWriteStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * REFERENCE_RECORD: every request the server answers, one JSON line each
 * (method, URL, headers, parsed body, status), for the benchmark's raw replay
 * and request counts. Written through a buffered stream so it costs the
 * measured run almost nothing. The file holds the Authorization headers it
 * received: only point it at a temporary file.
 */
export function recordRequests(app: FastifyInstance, path: string): () => Promise<void> {
  const out = createWriteStream(path, { flags: 'a' });
  app.addHook('onResponse', (request, reply, done) => {
    const line = {
      at: Date.now(),
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      status: reply.statusCode,
    };
    out.write(`${JSON.stringify(line)}\n`);
    done();
  });
  return () => new Promise((resolve) => out.end(resolve));
}
