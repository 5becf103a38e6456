import { expect, test } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import { run, seconds, targetEnv, workspace } from './helpers';

/**
 * A bad setting stops both entry points before any test, with one sentence
 * naming the variable and what is expected, and exit code 2. Nothing is sent:
 * the target below does not exist.
 */
const GOOD = targetEnv('https://deployment.example.invalid');

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
