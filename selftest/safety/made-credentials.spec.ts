import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { madeKeyPath } from '../../harness/config/made-credential';
import { startReferenceServer } from '../../reference/server';
import { readReport, testRows } from '../../scripts/lib/run/results';
import { start as startStandin } from '../standin/server';
import { DISTINCT_KEYS, run, workspace } from './helpers';

/**
 * The issue's proof: a partner who has only a partner key verifies a deployment. The run
 * makes its own organization, user and API key, runs every API-key check with that key,
 * and afterwards the target holds exactly the organizations and users it held before, the
 * key works no more, and it is in no output file. A recorder in front of the target keeps
 * the key the target issued, so this test can search for it without trusting the harness.
 * The targets: the bundled reference server started on its own (as a deployment, with
 * POLYTOMIC_DEPLOYMENT_URL), and the independent stand-in server (selftest/standin/).
 */
interface Target {
  readonly url: string;
  readonly partnerKey: string;
  close(): Promise<void>;
}

async function startReference(): Promise<Target> {
  const server = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  return { url: server.url, partnerKey: DISTINCT_KEYS.partnerKey, close: () => server.close() };
}

const TARGETS: Record<string, () => Promise<Target>> = {
  'the bundled reference server': startReference,
  'the stand-in server': async () => {
    const server = await startStandin();
    return { url: server.url, partnerKey: server.keys.partnerKey, close: () => server.close() };
  },
};
interface Recorder {
  readonly url: string;
  readonly issued: string[];
  close(): Promise<void>;
}

/**
 * Forwards to `target`; answers 404 to every Users request with a valid key when `noUsers`
 * (a target without them; any other still gets the target's 401), and 401 to every request
 * sent with a key it saw issued when `uninvited` (a deployment that gives a new user's key
 * effect only once the user accepts the invitation).
 */
async function startRecorder(
  target: string,
  noUsers = false,
  uninvited = false,
): Promise<Recorder> {
  const issued: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      // Authentication comes first, as on a deployment whose router runs after it: a request
      // without a valid key gets the target's own 401.
      const routed =
        noUsers &&
        Object.values(DISTINCT_KEYS).some((key) => req.headers.authorization === `Bearer ${key}`);
      const issuedKey = issued.some((key) => req.headers.authorization === `Bearer ${key}`);
      if (uninvited && issuedKey) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"status":401,"message":"the user has not accepted the invitation"}');
        return;
      }
      if (routed && /^\/api\/organizations\/[^/]+\/users/.test(req.url ?? '')) {
        // As a deployment without them answers: its version echoed, a JSON error.
        const version = req.headers['x-polytomic-version'] ?? '2025-09-18';
        res.writeHead(404, { 'content-type': 'application/json', 'x-polytomic-version': version });
        res.end('{"status":404,"message":"not found"}');
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'connection'),
      ) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body });
      const text = await answer.text();
      if (/\/keys(\?|$)/.test(req.url ?? '')) {
        const value = (JSON.parse(text) as { data?: { value?: unknown } }).data?.value;
        if (typeof value === 'string') issued.push(value);
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding'].includes(name))
          out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    issued,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every organization the partner key lists, and every user of each: what must be unchanged. */
async function inventory(url: string, key: string): Promise<Record<string, unknown>> {
  const get = async (path: string) => {
    const answer = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${key}`, 'x-polytomic-version': '2025-09-18' },
    });
    expect(answer.status, `GET ${path}`).toBe(200);
    return ((await answer.json()) as { data: Record<string, unknown>[] }).data;
  };
  const organizations = await get('/api/organizations');
  const users: Record<string, unknown> = {};
  for (const organization of organizations)
    users[organization.id as string] = await get(`/api/organizations/${organization.id}/users`);
  return { organizations, users };
}

interface Spec {
  title: string;
  tests: {
    projectName: string;
    status: string;
    annotations: { type: string; description?: string }[];
  }[];
}
interface Suite {
  suites?: Suite[];
  specs?: Spec[];
}

function specs(file: string): Spec[] {
  const walk = (suite: Suite): Spec[] => [
    ...(suite.specs ?? []),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return walk(JSON.parse(readFileSync(file, 'utf8')) as Suite);
}

/** Tests sent as the API key: the title names the mode (`… · apiKey → 403`). */
function apiKeyTests(all: Spec[]): Spec['tests'] {
  return all.filter((spec) => /· apiKey\b/.test(spec.title)).flatMap((spec) => spec.tests);
}

function skipReasons(all: Spec[]): string[] {
  return all.flatMap((spec) =>
    spec.tests
      .filter((t) => t.status === 'skipped')
      .map((t) => t.annotations.find((a) => a.type === 'skip')?.description ?? ''),
  );
}

async function conformance(
  dir: string,
  url: string,
  partnerKey: string,
  runId: string,
  version = '2025-09-18',
) {
  return run('npx', ['tsx', 'scripts/conformance.ts'], {
    cwd: dir,
    env: {
      POLYTOMIC_DEPLOYMENT_URL: url,
      POLYTOMIC_PARTNER_KEY: partnerKey,
      POLYTOMIC_ALLOW_WRITES: 'true',
      POLYTOMIC_API_VERSIONS: version,
      POLYTOMIC_RUN_ID: runId,
      POLYTOMIC_WORKERS: '2',
      POLYTOMIC_CONSOLE: 'dot',
    },
    timeoutMs: 240_000,
  });
}

for (const [name, startTarget] of Object.entries(TARGETS)) {
  test(`${name}, a partner key alone: the run makes its API key, runs every API-key check with it, and leaves the target as it was`, async () => {
    test.setTimeout(300_000);
    const standin = await startTarget();
    const runId = `made-${process.pid}-${name.length}`;
    const recorder = await startRecorder(standin.url);
    const ws = workspace();
    try {
      const before = await inventory(standin.url, standin.partnerKey);
      const result = await conformance(ws.dir, recorder.url, standin.partnerKey, runId);
      const output = result.stdout + result.stderr;
      console.log(output.split('\n').slice(-40).join('\n'));

      // The run's own key is the first issued (its global setup runs before any test; the
      // Users suite issues more), and the API-key checks ran with it: none skipped for a
      // missing key.
      expect(recorder.issued.length).toBeGreaterThanOrEqual(1);
      const made = recorder.issued[0] as string;
      const all = specs(join(ws.dir, 'reports', 'results.json'));
      const withKey = apiKeyTests(all);
      // A skip for a decision departed from (the stand-in refuses an API key on Users, as
      // the reference pages say) is the contract's, not a missing key.
      const decided = (t: Spec['tests'][number]) =>
        t.annotations.some((a) => a.type === 'skip' && a.description?.includes('decision only'));
      const ran = withKey.filter((t) => t.status !== 'skipped' || decided(t));
      console.log(`API-key tests: ${withKey.length}, run with the made key: ${ran.length}`);
      expect(ran.length).toBeGreaterThan(0);
      expect(ran.length).toBe(withKey.length);
      expect(skipReasons(all).filter((reason) => reason.includes('API key'))).toEqual([]);
      expect(output).toContain(`API key: made by the run (user conformance-${runId}-api-key-`);
      expect(result.code).toBe(0);

      // The run's own end removed them: the cleanup that follows a run (scripts/conformance.ts)
      // found nothing left to delete.
      expect(output).toContain('Deleted 0 organization(s).');
      // The target holds what it held before; the made key works no more.
      expect(await inventory(standin.url, standin.partnerKey)).toEqual(before);
      const me = await fetch(`${standin.url}/api/me`, {
        headers: { authorization: `Bearer ${made}` },
      });
      expect(me.status).toBe(401);

      // The leak scan searched for the made key and found it nowhere; its file is gone.
      // (Every made key on this machine is searched for: a run alongside adds its own.)
      expect(output).toMatch(/Leak scan: \d+ files .* searched for \d+ secrets; none found\./);
      // Nor any key the Users suite was issued.
      const leaked = ws
        .outputFiles()
        .filter((file) => recorder.issued.some((key) => ws.read(file).includes(key)));
      expect(leaked).toEqual([]);
      expect(existsSync(madeKeyPath(runId))).toBe(false);

      // The report's Environment panel and the summary say which key was made, never its value.
      const environment = ws.read('allure-results/environment.properties');
      expect(environment).toContain(`API key: made by the run (user conformance-${runId}-api-key-`);
      expect(ws.read('reports/summary.md')).toContain(
        `API key: made by the run (user conformance-${runId}-api-key-`,
      );
    } finally {
      ws.remove();
      await recorder.close();
      await standin.close();
    }
  });
}

test('a target without the Users endpoints: the API-key checks are skipped naming the step and status, and nothing is left', async () => {
  test.setTimeout(300_000);
  const standin = await startReference();
  const recorder = await startRecorder(standin.url, true);
  const ws = workspace();
  const runId = `unmade-${process.pid}`;
  try {
    const before = await inventory(standin.url, standin.partnerKey);
    const result = await conformance(ws.dir, recorder.url, standin.partnerKey, runId);
    const output = result.stdout + result.stderr;
    console.log(output.split('\n').slice(-30).join('\n'));
    const reasons = skipReasons(specs(join(ws.dir, 'reports', 'results.json')));
    const why =
      'not made: creating the user (POST /api/organizations/{org_id}/users) answered HTTP 404: skipped';
    const forApiKey = reasons.filter((reason) => /API key|API_KEY/.test(reason));
    expect(forApiKey.length).toBeGreaterThan(0);
    expect(forApiKey.filter((reason) => !reason.endsWith(why))).toEqual([]);
    // The run is otherwise unaffected: only the Users checks fail (the target lacks endpoints
    // the current version documents), everything else passes.
    const failed = testRows(readReport(join(ws.dir, 'reports', 'results.json'))).filter(
      (row) => row.status === 'failed',
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.filter((row) => row.family !== 'users' && !row.endpoint.includes('/users')),
    ).toEqual([]);
    expect(result.code).toBe(1);
    expect(recorder.issued).toEqual([]);
    expect(await inventory(standin.url, standin.partnerKey)).toEqual(before);
    expect(existsSync(madeKeyPath(runId))).toBe(false);
  } finally {
    ws.remove();
    await recorder.close();
    await standin.close();
  }
});

test('a made key whose user has not accepted its invitation: the API-key checks are skipped saying so, nothing fails for it, nothing is left', async () => {
  test.setTimeout(300_000);
  const standin = await startReference();
  const recorder = await startRecorder(standin.url, false, true);
  const ws = workspace();
  const runId = `uninvited-${process.pid}`;
  try {
    const before = await inventory(standin.url, standin.partnerKey);
    const result = await conformance(ws.dir, recorder.url, standin.partnerKey, runId);
    const output = result.stdout + result.stderr;
    const reasons = skipReasons(specs(join(ws.dir, 'reports', 'results.json')));
    const forApiKey = reasons.filter((reason) => /API key|API_KEY/.test(reason));
    expect(forApiKey.length).toBeGreaterThan(0);
    for (const reason of forApiKey)
      expect(reason).toMatch(
        /GET \/api\/me\) answered HTTP 401: the key's user .* has not accepted/,
      );
    // Only the key was refused: the issued keys the Users suite makes itself are refused by
    // this target too (their checks fail, as they should); no API-key check fails.
    const failed = testRows(readReport(join(ws.dir, 'reports', 'results.json'))).filter(
      (row) => row.status === 'failed',
    );
    expect(failed.filter((row) => row.mode === 'apiKey' && row.family !== 'users')).toEqual([]);
    expect(recorder.issued.length).toBeGreaterThan(0);
    expect(output).not.toContain(recorder.issued[0]);
    expect(await inventory(standin.url, standin.partnerKey)).toEqual(before);
    expect(existsSync(madeKeyPath(runId))).toBe(false);
  } finally {
    ws.remove();
    await recorder.close();
    await standin.close();
  }
});
