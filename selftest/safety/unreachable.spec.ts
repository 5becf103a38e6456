import { expect, test } from '@playwright/test';
import { DISTINCT_KEYS, run, seconds, targetEnv, workspace } from './helpers';
import { closedPort, type Started, startSilent } from './servers';

/**
 * A target that cannot be reached ends `npm run conformance` after one
 * preflight request: exit 2, one sentence naming the URL and the cause, in
 * seconds (POLYTOMIC_TIMEOUT_MS bounds the silent case).
 */
const TIMEOUT_MS = 2_000;
/** tsx start-up and the one request; generous for a loaded CI machine, far below a hang. */
const BOUND_MS = 30_000;

async function conformance(url: string) {
  const ws = workspace();
  try {
    const env = targetEnv(url, DISTINCT_KEYS, { POLYTOMIC_TIMEOUT_MS: String(TIMEOUT_MS) });
    const outcome = await run('npm', ['run', '--silent', 'conformance'], {
      cwd: ws.dir,
      env,
      timeoutMs: 120_000,
    });
    return { ...outcome, files: ws.outputFiles() };
  } finally {
    ws.remove();
  }
}

function expectOneSentence(
  outcome: Awaited<ReturnType<typeof conformance>>,
  url: string,
  cause: RegExp,
) {
  const lines = (outcome.stdout + outcome.stderr).trim().split('\n');
  const message = lines.filter((line) => line.startsWith('Cannot reach'));
  console.log(`${url}: exit ${outcome.code} in ${seconds(outcome.ms)} — ${message[0]}`);
  expect(outcome.code).toBe(2);
  expect(message).toHaveLength(1);
  expect(message[0]).toContain(`Cannot reach ${url} (POLYTOMIC_DEPLOYMENT_URL): `);
  expect(message[0]).toMatch(cause);
  expect(lines.join('\n')).not.toMatch(/Running \d+ test|at .*\.ts:\d+/);
  expect(outcome.ms).toBeLessThan(BOUND_MS);
  expect(outcome.files).toEqual([]);
}

test('connection refused: exit 2 with one message, in seconds', async () => {
  test.setTimeout(120_000);
  const url = `http://127.0.0.1:${await closedPort()}`;
  expectOneSentence(await conformance(url), url, /connection refused/);
});

test('DNS failure (.invalid host): exit 2 with one message, in seconds', async () => {
  test.setTimeout(120_000);
  const url = 'https://polytomic-conformance.invalid';
  expectOneSentence(
    await conformance(url),
    url,
    /does not resolve \(DNS\)|could not be resolved \(DNS\)/,
  );
});

test('a server that accepts but never answers: exit 2 with one message, bounded by POLYTOMIC_TIMEOUT_MS', async () => {
  test.setTimeout(120_000);
  const silent: Started = await startSilent();
  try {
    const outcome = await conformance(silent.url);
    expectOneSentence(
      outcome,
      silent.url,
      /accepted the connection but sent no answer within 2000 ms \(POLYTOMIC_TIMEOUT_MS\)/,
    );
    expect(outcome.ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
  } finally {
    await silent.close();
  }
});

test('a request that times out inside the suite fails its test with a one-line cause and leaks no key', async () => {
  // No preflight from npm run conformance here: Playwright itself meets the silent server.
  test.setTimeout(180_000);
  const silent = await startSilent();
  const ws = workspace();
  try {
    const env = {
      ...targetEnv(silent.url, DISTINCT_KEYS, { POLYTOMIC_TIMEOUT_MS: '1500' }),
      PLAYWRIGHT_JSON_OUTPUT_NAME: 'reports/results.json',
    };
    const suite = await run(
      'npx',
      ['playwright', 'test', '--project=preflight', '--reporter=json'],
      {
        cwd: ws.dir,
        env,
        timeoutMs: 150_000,
      },
    );
    const report = ws.read('reports/results.json');
    const timeouts = report.match(/no answer within 1500 ms \(POLYTOMIC_TIMEOUT_MS\)/g) ?? [];
    console.log(
      `suite against a silent server: exit ${suite.code} in ${seconds(suite.ms)}; ${timeouts.length} timeout messages`,
    );
    expect(suite.code).toBe(1);
    expect(timeouts.length).toBeGreaterThan(0);
    // Playwright's own message carries a call log with the Authorization header.
    expect(report).not.toContain('Call log');
    const scan = await run('npm', ['run', '--silent', 'leak-scan'], {
      cwd: ws.dir,
      env,
      timeoutMs: 60_000,
    });
    expect(scan.code, scan.stdout + scan.stderr).toBe(0);
  } finally {
    ws.remove();
    await silent.close();
  }
});
