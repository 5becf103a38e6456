import { expect, test } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, seconds, targetEnv, workspace } from './helpers';

/**
 * A bad setting stops both entry points before any test, with one sentence
 * naming the variable and what is expected, and exit code 2. Nothing is sent:
 * the target below does not exist.
 */
const GOOD = targetEnv('https://deployment.example.invalid', DISTINCT_KEYS);
const NO_KEYS = {
  POLYTOMIC_PARTNER_KEY: '',
  POLYTOMIC_API_KEY: '',
  POLYTOMIC_DEPLOYMENT_KEY: '',
  POLYTOMIC_OTHER_PARTNER_KEY: '',
};

const CASES: readonly { what: string; env: Record<string, string>; message: RegExp }[] = [
  {
    what: 'an invalid URL',
    env: { POLYTOMIC_DEPLOYMENT_URL: 'https://exa mple.com' },
    message: /POLYTOMIC_DEPLOYMENT_URL is not a valid URL; expected a host such as/,
  },
  {
    what: 'a URL with another scheme',
    env: { POLYTOMIC_DEPLOYMENT_URL: 'ftp://deployment.example.com' },
    message: /POLYTOMIC_DEPLOYMENT_URL must use http or https, not ftp/,
  },
  {
    what: 'an unknown version',
    env: { POLYTOMIC_API_VERSIONS: '2024-02-08,2021-01-01' },
    message:
      /POLYTOMIC_API_VERSIONS names "2021-01-01", which is not a supported version; expected a comma-separated list of 2022-12-12/,
  },
  {
    what: 'a non-boolean flag',
    env: { POLYTOMIC_ALLOW_WRITES: 'maybe' },
    message: /POLYTOMIC_ALLOW_WRITES must be true or false, got "maybe"/,
  },
  {
    what: 'a key with whitespace',
    env: { POLYTOMIC_PARTNER_KEY: `${REFERENCE_KEYS.partnerKey} trailing` },
    message: /POLYTOMIC_PARTNER_KEY contains whitespace; paste the key alone/,
  },
  {
    what: "the bundled server's fake keys sent to a deployment",
    env: {
      POLYTOMIC_API_KEY: REFERENCE_KEYS.apiKey,
      POLYTOMIC_DEPLOYMENT_KEY: REFERENCE_KEYS.deploymentKey,
    },
    message:
      /POLYTOMIC_API_KEY, POLYTOMIC_DEPLOYMENT_KEY are the bundled reference server's own fake keys, but POLYTOMIC_DEPLOYMENT_URL names another target; set each to a key of that deployment, or leave them unset/,
  },
  {
    what: 'a deployment and no key at all',
    env: NO_KEYS,
    message:
      /POLYTOMIC_DEPLOYMENT_URL is set but no key is; set at least one of POLYTOMIC_PARTNER_KEY, POLYTOMIC_API_KEY, POLYTOMIC_DEPLOYMENT_KEY, POLYTOMIC_OTHER_PARTNER_KEY/,
  },
  {
    what: 'a CA file that does not exist',
    env: { POLYTOMIC_CA_CERT: '/nonexistent/ca.pem' },
    message:
      /POLYTOMIC_CA_CERT names "\/nonexistent\/ca.pem", which cannot be read; expected the path of a PEM file/,
  },
  {
    what: 'a timeout that is not a number',
    env: { POLYTOMIC_TIMEOUT_MS: 'soon' },
    message: /POLYTOMIC_TIMEOUT_MS must be a whole number from 1 to 600000, got "soon"/,
  },
  {
    what: 'a proxy that is not http',
    env: { HTTPS_PROXY: 'socks5://proxy.example.com:1080' },
    message: /HTTPS_PROXY must be an http:\/\/ proxy, not socks5/,
  },
];

const COMMANDS: readonly [string, string[]][] = [
  ['npm run conformance', ['npm', 'run', '--silent', 'conformance']],
  ['npx playwright test', ['npx', 'playwright', 'test']],
];

for (const { what, env, message } of CASES) {
  test(`${what}: one message naming the variable, exit 2, before any test`, async () => {
    test.setTimeout(90_000);
    // A scratch copy: no developer's .env can change what is tested.
    const ws = workspace();
    try {
      for (const [name, [command, ...args]] of COMMANDS) {
        const outcome = await run(command as string, args, {
          cwd: ws.dir,
          env: { ...GOOD, ...env },
          timeoutMs: 60_000,
        });
        const output = (outcome.stdout + outcome.stderr).trim();
        console.log(
          `${name} · ${what}: exit ${outcome.code} in ${seconds(outcome.ms)}: ${output.split('\n')[0]}`,
        );
        expect(outcome.code, output).toBe(2);
        const lines = output.split('\n').filter((line) => line.startsWith('Configuration error:'));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(message);
        expect(output).not.toMatch(/Running \d+ test/);
        expect(output).not.toContain(REFERENCE_KEYS.partnerKey);
      }
    } finally {
      ws.remove();
    }
  });
}

/**
 * A key that works but is not the kind its variable says (here a partner key as the API key):
 * the preflight's /api/me check catches it, and the run ends as one that could not run — a
 * sentence naming the variable and exit 2 — never as the deployment's violation, and verify
 * asks for no files to be sent back.
 */
test('a key of the wrong kind: the sentence names the variable, exit 2, nothing to send back', async () => {
  test.setTimeout(180_000);
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  const ws = workspace();
  try {
    const env = targetEnv(
      reference.url,
      { ...DISTINCT_KEYS, apiKey: DISTINCT_KEYS.otherPartnerKey },
      { POLYTOMIC_API_VERSIONS: '2025-09-18' },
    );
    for (const command of ['conformance', 'verify']) {
      const outcome = await run('npm', ['run', '--silent', command], {
        cwd: ws.dir,
        env,
        timeoutMs: 150_000,
      });
      const output = (outcome.stdout + outcome.stderr).trim();
      console.log(`${command}: exit ${outcome.code} in ${seconds(outcome.ms)}`);
      expect(outcome.code, output.split('\n').slice(-20).join('\n')).toBe(2);
      expect(output).toMatch(/POLYTOMIC_API_KEY is a user's or organization's API key\? No: /);
      expect(output).toContain(
        'No API version was checked: set each key variable to a key of its kind.',
      );
      expect(output).toContain('Result: the harness could not run (exit 2).');
      expect(output).not.toContain('Send back');
      for (const key of Object.values(DISTINCT_KEYS)) expect(output).not.toContain(key);
    }
  } finally {
    ws.remove();
    await reference.close();
  }
});
