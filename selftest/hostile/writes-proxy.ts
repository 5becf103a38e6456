import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A hostile deployment for the write-safety proofs: a pass-through to the bundled
 * reference server that misbehaves in one named way, and counts what reaches the
 * organizations that existed before the run. Listens on 127.0.0.1, port 0.
 */
export const WRITE_MODES = {
  honest: 'every request passes through unchanged (the baseline)',
  createAnswersExistingId:
    'a create stores a new organization but answers with the id of one that existed before the run',
  listNotArray: 'the list answers {"data": {"items": [...]}} instead of an array',
  ignoreAuthOnCreate:
    'a create is served as the partner whatever credential it carries, none included',
} as const satisfies Record<string, string>;

export type WriteMode = keyof typeof WRITE_MODES;

export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface WritesProxy {
  readonly url: string;
  /** Requests other than GET and HEAD whose path names a pre-existing organization. */
  writesToPreExisting(): Seen[];
  /** Creates the reference server carried out (it answered 2xx). */
  creates(): number;
  requests(): number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Ids of the organizations that existed before the run. */
  readonly preExisting: readonly string[];
  /** The pre-existing organization `createAnswersExistingId` answers with. */
  readonly existingId: string;
  /** The partner key `ignoreAuthOnCreate` serves every create as. */
  readonly partnerKey: string;
}

const HOP_BY_HOP = ['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'];
const LIST = '/api/organizations';

export async function startWritesProxy(
  target: string,
  mode: WriteMode,
  options: ProxyOptions,
): Promise<WritesProxy> {
  const seen: Seen[] = [];
  const server = http.createServer(async (request, response) => {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const route = path.split('?')[0];
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string' && !HOP_BY_HOP.includes(name)) headers[name] = value;
    const isCreate = method === 'POST' && route === LIST;
    if (mode === 'ignoreAuthOnCreate' && isCreate)
      headers.authorization = `Bearer ${options.partnerKey}`;
    const body = await read(request);
    let status = 502;
    try {
      const upstream = await fetch(target + path, {
        method,
        headers,
        body: body.length > 0 ? body : undefined,
        redirect: 'manual',
      });
      status = upstream.status;
      const answer = spoil(mode, { method, route, status }, await upstream.text(), options);
      const out = Object.fromEntries(upstream.headers);
      for (const name of ['content-length', 'content-encoding', 'transfer-encoding'])
        delete out[name];
      response.writeHead(status, out);
      response.end(answer);
    } catch {
      response.writeHead(502).end();
    } finally {
      seen.push({ method, path, status });
    }
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const targets = (entry: Seen) => {
    const id = /^\/api\/organizations\/([^/?#]+)/.exec(entry.path)?.[1];
    return id !== undefined && options.preExisting.includes(decodeURIComponent(id));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    writesToPreExisting: () =>
      seen.filter((entry) => !['GET', 'HEAD'].includes(entry.method) && targets(entry)),
    creates: () =>
      seen.filter(
        (entry) =>
          entry.method === 'POST' &&
          entry.path.split('?')[0] === LIST &&
          entry.status >= 200 &&
          entry.status < 300,
      ).length,
    requests: () => seen.length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The answer as the mode spoils it; other answers pass unchanged. */
function spoil(
  mode: WriteMode,
  exchange: { method: string; route: string | undefined; status: number },
  text: string,
  options: ProxyOptions,
): string {
  const ok = exchange.status >= 200 && exchange.status < 300;
  if (!ok || exchange.route !== LIST) return text;
  let json: { data?: unknown };
  try {
    json = JSON.parse(text) as { data?: unknown };
  } catch {
    return text;
  }
  if (mode === 'createAnswersExistingId' && exchange.method === 'POST') {
    return JSON.stringify({ ...json, data: { ...(json.data as object), id: options.existingId } });
  }
  if (mode === 'listNotArray' && exchange.method === 'GET' && Array.isArray(json.data)) {
    return JSON.stringify({ ...json, data: { items: json.data } });
  }
  return text;
}

async function read(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
