import { expect, test } from '@playwright/test';
import { newRetryState, parseRetryAfter, retryDelay } from '../../harness/http/retry';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, seconds, targetEnv, workspace } from './helpers';
import { type Mangling, startMangler } from './servers';

/**
 * A target that answers badly: rate limits are waited out (bounded) and
 * reported; HTML, cut-off and oversized bodies are clear failures of the tests
 * that met them, while the rest of the run goes on.
 */
interface Annotated {
  type: string;
  description?: string;
}

interface Result {
  status: string;
  errors: { message?: string }[];
  annotations: Annotated[];
}

function results(json: string): { title: string; result: Result }[] {
  const out: { title: string; result: Result }[] = [];
  const walk = (suite: { specs?: unknown[]; suites?: unknown[] }) => {
    for (const spec of (suite.specs ?? []) as { title: string; tests: { results: Result[] }[] }[]) {
      for (const t of spec.tests)
        for (const result of t.results) out.push({ title: spec.title, result });
    }
    for (const child of suite.suites ?? []) walk(child as typeof suite);
  };
  for (const suite of (JSON.parse(json) as { suites: unknown[] }).suites) walk(suite as never);
  return out;
}

async function against(
  mangling: Mangling,
  args: string[],
  extra: Record<string, string> = {},
  only?: RegExp,
) {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  const front = await startMangler(reference.url, mangling, only);
  const ws = workspace();
  try {
    const env = targetEnv(front.url, DISTINCT_KEYS, { POLYTOMIC_ALLOW_WRITES: 'true', ...extra });
    const suite = await run('npm', ['run', 'conformance', '--', ...args], {
      cwd: ws.dir,
      env,
      timeoutMs: 240_000,
    });
    const scan = await run('npm', ['run', '--silent', 'leak-scan'], {
      cwd: ws.dir,
      env,
      timeoutMs: 60_000,
    });
    return {
      suite,
      scan,
      tests: results(ws.read('reports/results.json')),
      counts: { ...front.counts },
    };
  } finally {
    ws.remove();
    await front.close();
    await reference.close();
  }
}

test('429 with Retry-After: waited out, retried, and noted on the tests', async () => {
  test.setTimeout(300_000);
  const outcome = await against('rateLimited', [
    '--project=2025-09-18',
    'tests/version-header.spec.ts',
  ]);
  const notes = outcome.tests.flatMap(({ result }) =>
    result.annotations.filter((a) => a.type === 'rate-limited'),
  );
  console.log(
    `429 the first time each request is seen: exit ${outcome.suite.code} in ${seconds(outcome.suite.ms)}; ${outcome.counts.refused} of ${outcome.counts.requests} answers were 429; ${notes.length} rate-limited notes`,
  );
  expect(outcome.suite.code, outcome.suite.stdout.slice(-2000)).toBe(0);
  expect(outcome.counts.refused).toBeGreaterThan(5);
  expect(notes.length).toBeGreaterThan(5);
  expect(notes[0]?.description).toMatch(/HTTP 429, Retry-After: 1; waited 1000 ms and retried/);
  expect(outcome.scan.code).toBe(0);
});

test('503 with Retry-After on every answer: bounded retries, then judged and reported', async () => {
  test.setTimeout(300_000);
  const outcome = await against(
    'alwaysBusy',
    ['--project=2025-09-18', 'tests/version-header.spec.ts'],
    {
      POLYTOMIC_RETRY_LIMIT: '2',
    },
  );
  const notes = outcome.tests.flatMap(({ result }) =>
    result.annotations.filter((a) => a.type === 'rate-limited'),
  );
  console.log(
    `503 on every answer: exit ${outcome.suite.code} in ${seconds(outcome.suite.ms)}; ${outcome.counts.requests} requests; ${notes.length} rate-limited notes`,
  );
  expect([1, 2]).toContain(outcome.suite.code);
  expect(notes.length).toBeGreaterThan(0);
  for (const note of notes)
    expect(note.description).toContain('gave up after 2 retries (POLYTOMIC_RETRY_LIMIT)');
  // Each request: the first answer and two retries, never more (plus the one reachability check).
  expect((outcome.counts.requests - 1) % 3).toBe(0);
});

const BY_ID = /^\/api\/organizations\/[0-9a-f-]{36}$/;

for (const [mangling, phrase] of [
  ['html', /\[response_schema\][\s\S]*a body that is not JSON/],
  ['truncated', /the response was cut off or malformed/],
  [
    'huge',
    /body over 5242880 bytes \(POLYTOMIC_MAX_BODY_BYTES\)(: Content-Length \d+)?; it was not judged/,
  ],
] as const) {
  test(`a ${mangling} body from GET /api/organizations/{id}: a clear failure of those tests, the rest run`, async () => {
    test.setTimeout(300_000);
    const outcome = await against(
      mangling,
      ['--project=2025-09-18', 'tests/schema.spec.ts'],
      {},
      BY_ID,
    );
    const failed = outcome.tests.filter(({ result }) => result.status === 'failed');
    const passed = outcome.tests.filter(({ result }) => result.status === 'passed');
    console.log(
      `${mangling} body: exit ${outcome.suite.code} in ${seconds(outcome.suite.ms)}; ${failed.length} failed, ${passed.length} passed`,
    );
    expect(outcome.suite.code).toBe(1);
    expect(failed.length).toBeGreaterThan(0);
    expect(passed.length).toBeGreaterThan(failed.length);
    for (const { result } of failed) expect(result.errors[0]?.message).toMatch(phrase);
    expect(outcome.suite.stdout + outcome.suite.stderr).not.toMatch(
      /Worker .*exited unexpectedly|RangeError|heap out of memory/,
    );
    expect(outcome.scan.code).toBe(0);
  });
}

test('Retry-After: seconds or a date; beyond the count or the wait budget it is not waited', () => {
  const config = { retryLimit: 2, retryMaxWaitMs: 5_000 };
  expect(parseRetryAfter('3')).toBe(3_000);
  expect(parseRetryAfter(new Date(10_000).toUTCString(), 8_000)).toBe(2_000);
  expect(parseRetryAfter('soon')).toBeUndefined();
  const state = newRetryState();
  expect(retryDelay(429, '2', state, config)).toBe(2_000);
  expect(retryDelay(503, '2', state, config)).toBe(2_000);
  expect(retryDelay(503, '1', state, config)).toBeUndefined();
  expect(state.notes.at(-1)).toContain('gave up after 2 retries');
  const budget = newRetryState();
  expect(retryDelay(429, '3600', budget, config)).toBeUndefined();
  expect(budget.notes[0]).toContain('beyond the 5000 ms budget (POLYTOMIC_RETRY_MAX_WAIT_MS)');
  expect(retryDelay(500, '1', newRetryState(), config)).toBeUndefined();
  expect(retryDelay(429, undefined, newRetryState(), config)).toBeUndefined();
});
