import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { freePort } from './processes';

/** One request as the reference server recorded it (REFERENCE_RECORD). */
export interface Recorded {
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body?: unknown;
}

export function readRecording(path: string): Recorded[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Recorded)
    .filter((record) => record.url !== '/health')
    .sort((a, b) => a.at - b.at);
}

const HOP_BY_HOP = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/** Starts a reference server like the suite's (same latency), as its own process. */
async function startServer(latencyMs: number): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn('npx', ['tsx', 'reference/main.ts'], {
    env: {
      ...process.env,
      REFERENCE_PORT: String(port),
      REFERENCE_LATENCY_MS: String(latencyMs),
      REFERENCE_FAULTS: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) resolve();
    });
    child.on('exit', () => reject(new Error('The reference server for the replay did not start.')));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => process.kill(-(child.pid as number), 'SIGTERM'),
  };
}

/**
 * Sends the recorded requests again with a plain HTTP client, `concurrency` at
 * a time, against a fresh server with the same latency: the cost of the HTTP
 * work alone, to set beside the suite's wall time.
 */
export async function replay(
  records: readonly Recorded[],
  concurrency: number,
  latencyMs: number,
): Promise<number> {
  const server = await startServer(latencyMs);
  try {
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < records.length) {
        const record = records[next++] as Recorded;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(record.headers)) {
          if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
        }
        const body = record.body === undefined ? undefined : JSON.stringify(record.body);
        const response = await request(server.url + record.url, {
          method: record.method as 'GET',
          headers,
          body,
        });
        await response.body.text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return (performance.now() - started) / 1000;
  } finally {
    server.stop();
  }
}
