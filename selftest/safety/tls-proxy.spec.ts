import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, seconds, targetEnv, workspace } from './helpers';
import { selfSigned, startConnectProxy, startTlsFront } from './servers';

/**
 * An on-prem install with a self-signed certificate: refused with one message
 * (exit 2) until its CA is trusted (POLYTOMIC_CA_CERT) or verification is
 * knowingly skipped (POLYTOMIC_INSECURE_TLS, a warning in the report); and a
 * proxy (HTTPS_PROXY) carries every request, the preflight's and the suite's.
 */
// Made in the worker that runs the tests (not when the file is only listed), removed after them.
let pair: ReturnType<typeof selfSigned>;
const NARROW = ['--project=2025-09-18', 'tests/version-header.spec.ts'];

async function withTls<T>(body: (url: string) => Promise<T>): Promise<T> {
  test.skip(pair === undefined, 'openssl is not installed: no certificate to test with');
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  const front = await startTlsFront(reference.url, pair as NonNullable<typeof pair>);
  try {
    return await body(front.url);
  } finally {
    await front.close();
    await reference.close();
  }
}

async function conformance(env: Record<string, string>, args: string[] = NARROW) {
  const ws = workspace();
  try {
    const outcome = await run('npm', ['run', '--silent', 'conformance', '--', ...args], {
      cwd: ws.dir,
      env,
      timeoutMs: 240_000,
    });
    const environment = ws.outputFiles().includes('allure-results/environment.properties')
      ? ws.read('allure-results/environment.properties')
      : '';
    return { ...outcome, environment };
  } finally {
    ws.remove();
  }
}

test.beforeAll(() => {
  pair = selfSigned();
});
test.afterAll(() => pair?.remove());

test('a self-signed certificate stops the run with one message naming the cause, exit 2', async () => {
  test.setTimeout(120_000);
  await withTls(async (url) => {
    const outcome = await conformance(targetEnv(url, DISTINCT_KEYS));
    const message = (outcome.stdout + outcome.stderr)
      .split('\n')
      .find((line) => line.startsWith('Cannot reach'));
    console.log(`self-signed: exit ${outcome.code} in ${seconds(outcome.ms)} — ${message}`);
    expect(outcome.code).toBe(2);
    expect(message).toContain(
      `Cannot reach ${url} (POLYTOMIC_DEPLOYMENT_URL): its TLS certificate is self-signed`,
    );
    expect(message).toContain('POLYTOMIC_CA_CERT');
  });
});

test('POLYTOMIC_CA_CERT: the preflight and the suite trust the private CA, and the report says so', async () => {
  test.setTimeout(240_000);
  await withTls(async (url) => {
    const outcome = await conformance(
      targetEnv(url, DISTINCT_KEYS, { POLYTOMIC_CA_CERT: pair?.certPath ?? '' }),
    );
    console.log(`trusted CA: exit ${outcome.code} in ${seconds(outcome.ms)}`);
    expect(outcome.code, outcome.stdout.slice(-2000) + outcome.stderr).toBe(0);
    expect(outcome.environment).toMatch(/^tls=verified, trusting POLYTOMIC_CA_CERT/m);
  });
});

test('POLYTOMIC_INSECURE_TLS=true: the run goes on, with a warning in the report', async () => {
  test.setTimeout(240_000);
  await withTls(async (url) => {
    const outcome = await conformance(
      targetEnv(url, DISTINCT_KEYS, { POLYTOMIC_INSECURE_TLS: 'true' }),
    );
    console.log(`insecure TLS: exit ${outcome.code} in ${seconds(outcome.ms)}`);
    expect(outcome.code, outcome.stdout.slice(-2000) + outcome.stderr).toBe(0);
    expect(outcome.environment).toMatch(
      /^tls=TLS certificate verification is OFF \(POLYTOMIC_INSECURE_TLS=true\)/m,
    );
  });
});

test('HTTPS_PROXY carries the preflight and every request of the suite', async () => {
  test.setTimeout(240_000);
  const proxy = await startConnectProxy();
  try {
    await withTls(async (local) => {
      // A name only the proxy resolves: the run can only have gone through it.
      const url = `https://deployment.test:${new URL(local).port}`;
      const env = targetEnv(url, DISTINCT_KEYS, {
        POLYTOMIC_CA_CERT: pair?.certPath ?? '',
        HTTPS_PROXY: proxy.url,
      });
      const outcome = await conformance(env);
      const host = new URL(url).host;
      const tunnels = proxy.tunnels().filter((tunnel) => tunnel === host).length;
      console.log(
        `through the proxy: exit ${outcome.code} in ${seconds(outcome.ms)}; ${tunnels} tunnels to ${host}`,
      );
      expect(outcome.code, outcome.stdout.slice(-2000) + outcome.stderr).toBe(0);
      // At least the preflight's and one per Playwright worker (connections are kept alive).
      expect(tunnels).toBeGreaterThanOrEqual(2);
      expect(outcome.environment).toMatch(
        new RegExp(`^proxy=.*127\\.0\\.0\\.1\\\\?:${proxy.port}$`, 'm'),
      );
    });
  } finally {
    await proxy.close();
  }
});

for (const [name, extra] of [
  ['POLYTOMIC_CA_CERT', () => ({ POLYTOMIC_CA_CERT: pair?.certPath ?? '' })],
  ['POLYTOMIC_INSECURE_TLS=true', () => ({ POLYTOMIC_INSECURE_TLS: 'true' })],
] as const) {
  test(`npm run verify against a private CA with ${name}: the doctor, the version probe and the suite all get through`, async () => {
    test.setTimeout(240_000);
    await withTls(async (url) => {
      const ws = workspace();
      try {
        const outcome = await run(
          'npm',
          [
            'run',
            '--silent',
            'verify',
            '--',
            '--project=2025-09-18',
            'tests/version-header.spec.ts',
          ],
          { cwd: ws.dir, env: targetEnv(url, DISTINCT_KEYS, extra()), timeoutMs: 200_000 },
        );
        const output = outcome.stdout + outcome.stderr;
        console.log(`verify, ${name}: exit ${outcome.code} in ${seconds(outcome.ms)}`);
        expect(outcome.code, output.slice(-2000)).toBe(0);
        expect(output).toMatch(/Target reports: 2022-12-12 → 200 served as 2022-12-12/);
        expect(output).not.toContain('fetch failed');
        expect(ws.outputFiles()).toContain('reports/verify/summary.json');
      } finally {
        ws.remove();
      }
    });
  });
}
