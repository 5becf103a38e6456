import { closeSync, openSync, writeSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * REFERENCE_RECORD: every request the server answers, one JSON line each
 * (method, URL, headers, parsed body, status), for the benchmark's raw replay
 * and request counts. Each line is written as the response goes out, so a
 * server stopped by a signal loses none (a stream's buffer would). It holds the Authorization headers it
 * received: only point it at a temporary file.
 */
export function recordRequests(app: FastifyInstance, path: string): () => Promise<void> {
  const out = openSync(path, 'a');
  app.addHook('onResponse', (request, reply, done) => {
    const line = {
      at: Date.now(),
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      status: reply.statusCode,
    };
    writeSync(out, `${JSON.stringify(line)}\n`);
    done();
  });
  return async () => closeSync(out);
}
