import { expect, test } from '@playwright/test';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, seconds, targetEnv, workspace } from './helpers';
import { closedPort, selfSigned, startTlsFront } from './servers';

/**
 * `npm run doctor`: the table a partner pastes into a support ticket. It must
 * say what is wrong (✗ rows, exit 1; unreachable, exit 2), and never hold a key.
 */
async function doctor(env: Record<string, string>) {
  const ws = workspace();
  try {
    const outcome = await run('npm', ['run', '--silent', 'doctor'], {
      cwd: ws.dir,
      env,
      timeoutMs: 60_000,
    });
    const output = outcome.stdout + outcome.stderr;
    console.log(`doctor: exit ${outcome.code} in ${seconds(outcome.ms)}\n${output}`);
    for (const key of Object.values(DISTINCT_KEYS)) expect(output).not.toContain(key);
    for (const key of Object.values(DISTINCT_KEYS)) {
      expect(output).not.toContain(Buffer.from(`${key}:`).toString('base64'));
    }
    return { ...outcome, output };
  } finally {
    ws.remove();
  }
}

// A test runs the doctor up to twice, each run bounded by its own 60 s.
test.describe.configure({ timeout: 150_000 });

const row = (output: string, start: string) =>
  output.split('\n').find((line) => line.replace(/^\s*✗?\s*/, '').startsWith(start)) ?? '';

test('against the reference server: every version served, every credential the kind it claims', async () => {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  try {
    const { code, output } = await doctor(targetEnv(reference.url, DISTINCT_KEYS));
    expect(code).toBe(0);
    expect(row(output, 'reachable')).toMatch(/yes — HTTP 401 from GET \/api\/me without a key/);
    expect(row(output, 'tls')).toContain('none — plain http');
    for (const version of SUPPORTED_VERSIONS) {
      expect(row(output, version)).toMatch(new RegExp(`${version}\\s+200\\s+${version}\\s+served`));
    }
    expect(row(output, '2020-01-01')).toMatch(/400 .* refused with 400/);
    expect(row(output, 'POLYTOMIC_PARTNER_KEY')).toMatch(
      /200\s+partner\s+[0-9a-f-]{36}\s+partner ✓/,
    );
    expect(row(output, 'POLYTOMIC_API_KEY')).toMatch(
      /200\s+user\s+[0-9a-f-]{36}\s+user or organization ✓/,
    );
    expect(row(output, 'POLYTOMIC_DEPLOYMENT_KEY')).toMatch(/200\s+system\s+.*not a user ✓/);
    expect(output).not.toContain('✗');
  } finally {
    await reference.close();
  }
});

test('against a faulty server: the wrong version echo and the wrong credential kind are marked ✗, exit 1', async () => {
  const reference = await startReferenceServer({
    port: 0,
    keys: DISTINCT_KEYS,
    faults: ['wrongVersionEcho', 'identityWrongKind'],
  });
  try {
    const { code, output } = await doctor(targetEnv(reference.url, DISTINCT_KEYS));
    expect(code).toBe(1);
    expect(row(output, '2024-02-08')).toMatch(/not served as 2024-02-08/);
    expect(output).toMatch(/✗ 2024-02-08/);
    expect(row(output, 'POLYTOMIC_API_KEY')).toMatch(
      /partner\s+[0-9a-f-]{36}\s+user or organization ✗/,
    );
  } finally {
    await reference.close();
  }
});

test('an unreachable target: one row saying why, exit 2', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const { code, output } = await doctor(targetEnv(url, DISTINCT_KEYS));
  expect(code).toBe(2);
  expect(row(output, 'reachable')).toContain('no — connection refused');
  expect(output).not.toContain('Credentials');
});

test('a deployment and no key at all: a configuration error naming the variables, exit 2', async () => {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  try {
    const { code, output } = await doctor({ POLYTOMIC_DEPLOYMENT_URL: reference.url });
    expect(code).toBe(2);
    expect(output).toContain(
      'Configuration error: POLYTOMIC_DEPLOYMENT_URL is set but no key is; set at least one of POLYTOMIC_PARTNER_KEY',
    );
    expect(output).not.toContain('Credentials');
  } finally {
    await reference.close();
  }
});

test('a self-signed certificate: said not verified, and no key is sent until it is trusted', async () => {
  const pair = selfSigned();
  test.skip(!pair, 'openssl is not installed');
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  const front = await startTlsFront(reference.url, pair as NonNullable<typeof pair>);
  try {
    const untrusted = await doctor(targetEnv(front.url, DISTINCT_KEYS));
    expect(untrusted.code).toBe(1);
    expect(row(untrusted.output, 'tls')).toMatch(
      /https, certificate NOT verified: is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\).*no key was sent/,
    );
    expect(untrusted.output).not.toContain('Credentials');

    const trusted = await doctor(
      targetEnv(front.url, DISTINCT_KEYS, { POLYTOMIC_CA_CERT: pair?.certPath ?? '' }),
    );
    expect(trusted.code).toBe(0);
    expect(row(trusted.output, 'tls')).toMatch(
      /https, certificate verified \(trusting POLYTOMIC_CA_CERT\); TLSv1\.[23]/,
    );
    expect(row(trusted.output, 'POLYTOMIC_PARTNER_KEY')).toContain('partner ✓');
  } finally {
    await front.close();
    await reference.close();
    pair?.remove();
  }
});

test('a partner key alone: doctor says a run makes its own API key (or what to set), and lists the Users endpoints with the others', async () => {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  try {
    const partnerOnly = {
      POLYTOMIC_DEPLOYMENT_URL: reference.url,
      POLYTOMIC_PARTNER_KEY: DISTINCT_KEYS.partnerKey,
    };
    const writes = await doctor({ ...partnerOnly, POLYTOMIC_ALLOW_WRITES: 'true' });
    expect(writes.code).toBe(0);
    expect(row(writes.output, 'POLYTOMIC_API_KEY')).toContain(
      'not configured: a run makes its own (user conformance-<run id>-api-key-…@example.com in an organization of its own), removed at its end',
    );
    for (const endpoint of [
      'organizations  GET /api/organizations ',
      'users          POST /api/organizations/{org_id}/users ',
      'users          POST /api/organizations/{org_id}/users/{id}/keys',
    ])
      expect(writes.output).toContain(endpoint);

    const readOnly = await doctor(partnerOnly);
    expect(row(readOnly.output, 'POLYTOMIC_API_KEY')).toContain(
      'set POLYTOMIC_ALLOW_WRITES=true or POLYTOMIC_API_KEY',
    );
  } finally {
    await reference.close();
  }
});
