import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { commandHelp, commandSpec } from '../../scripts/lib/commands';
import { tempDir } from '../gate/helpers';
import { ROOT, run, seconds } from '../safety/helpers';
import { closedPort } from '../safety/servers';

/**
 * Without a clone: the package as `npm pack` makes it, installed into an empty folder,
 * run there with npx. `verify` against the bundled reference server exits 0 and writes its
 * two files in that folder — nothing in the installed package's own.
 */
test('npm pack, npm install <tarball> in an empty folder, npx polytomic-conformance verify there', async () => {
  test.setTimeout(420_000);
  const dir = tempDir('polytomic-tarball');
  const app = join(dir, 'app');
  mkdirSync(app);
  const step = async (
    what: string,
    command: string,
    args: readonly string[],
    cwd: string,
    env = {},
  ) => {
    const outcome = await run(command, args, { cwd, env, timeoutMs: 240_000 });
    console.log(`${what}: exit ${outcome.code} in ${seconds(outcome.ms)}`);
    return outcome;
  };

  try {
    await packInstallVerify(dir, app, step);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

type Step = (
  what: string,
  command: string,
  args: readonly string[],
  cwd: string,
  env?: Record<string, string>,
) => ReturnType<typeof run>;

async function packInstallVerify(dir: string, app: string, step: Step): Promise<void> {
  const pack = await step('npm pack', 'npm', ['pack', '--silent', '--pack-destination', dir], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const tarball = join(dir, pack.stdout.trim().split('\n').at(-1) ?? '');
  expect(existsSync(tarball), tarball).toBe(true);

  const install = await step(
    'npm install',
    'npm',
    ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'],
    app,
  );
  expect(install.code, install.stderr).toBe(0);

  const help = await step(
    'verify --help',
    'npx',
    ['polytomic-conformance', 'verify', '--help'],
    app,
  );
  expect(help.code).toBe(0);
  expect(help.stdout.trim()).toBe(commandHelp(commandSpec('verify')));

  const verify = await step(
    'verify',
    'npx',
    [
      'polytomic-conformance',
      'verify',
      '--versions',
      '2025-09-18',
      '--grep',
      'GET /api/me · partner',
    ],
    app,
    { REFERENCE_PORT: String(await closedPort()), POLYTOMIC_CONSOLE: 'dot' },
  );
  const output = verify.stdout + verify.stderr;
  expect(verify.code, output.split('\n').slice(-30).join('\n')).toBe(0);
  expect(output).toContain('Verification passed.');
  const report = join(app, 'reports', 'verify', 'conformance-report.html');
  const summary = join(app, 'reports', 'verify', 'summary.json');
  expect(output).toContain(report);
  expect(existsSync(report)).toBe(true);
  const totals = JSON.parse(readFileSync(summary, 'utf8')).totals;
  expect(totals.failed).toBe(0);
  expect(totals.passed).toBeGreaterThan(0);
  // Every output in the folder it ran in, none in the installed package.
  const installed = join(app, 'node_modules', 'polytomic-conformance');
  expect(existsSync(join(installed, 'package.json'))).toBe(true);
  for (const output of ['reports', 'allure-results', 'test-results'])
    expect(existsSync(join(installed, output)), `${output}/ in the installed package`).toBe(false);
}
