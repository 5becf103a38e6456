import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Ledger } from '../../harness/safety/ledger';
import {
  COMMANDS,
  commandHelp,
  commandSpec,
  type Parsed,
  parseCommand,
} from '../../scripts/lib/commands';
import { DISTINCT_KEYS, ROOT, run, workspace } from '../safety/helpers';

/**
 * The command line: one program with a help for every command, options parsed strictly
 * (an unknown one is exit 2 before anything runs), and the npm scripts of a clone parsing
 * the same options — so `-- --help` is the harness's help and never runs the command.
 */
const BIN = join(ROOT, 'bin', 'polytomic-conformance.js');
const CLEAN = { POLYTOMIC_CONSOLE: 'dot' };

function bin(args: readonly string[], env: Record<string, string> = CLEAN, cwd = ROOT) {
  return run(process.execPath, [BIN, ...args], { cwd, env, timeoutMs: 60_000 });
}

function ran(parsed: Parsed) {
  if (parsed.kind !== 'run') throw new Error(`expected options to run with, got ${parsed.kind}`);
  return parsed;
}

test('parseCommand: our options by name, Playwright selection and what follows -- handed on', () => {
  const verify = commandSpec('verify');
  const parsed = ran(
    parseCommand(verify, [
      '--url',
      'x.example',
      '-g',
      'GET',
      '--project',
      '2025-09-18',
      'tests/auth.spec.ts',
      '--',
      '--list',
    ]),
  );
  expect(parsed.values.url).toBe('x.example');
  // --project=…: Playwright's --project takes several values, and would take the file for one.
  expect(parsed.playwright).toEqual([
    '--grep=GET',
    '--project=2025-09-18',
    'tests/auth.spec.ts',
    '--list',
  ]);
  expect(parseCommand(verify, ['--frobnicate'])).toEqual({
    kind: 'error',
    message:
      "Unknown option --frobnicate; Playwright's own options go after --. See polytomic-conformance verify --help.",
  });
  // A value-taking option without its value is an error, not the next option taken as one.
  expect(parseCommand(commandSpec('cleanup'), ['--run']).kind).toBe('error');
  expect(parseCommand(commandSpec('cleanup'), ['--help'])).toEqual({
    kind: 'help',
    text: commandHelp(commandSpec('cleanup')),
  });
  // compare's operands are its versions, never Playwright's.
  expect(ran(parseCommand(commandSpec('compare'), ['2023-04-25', '2024-02-08'])).operands).toEqual([
    '2023-04-25',
    '2024-02-08',
  ]);
});

test('--help at the top and on every command, --version, exit 0', async () => {
  test.setTimeout(90_000);
  const top = await bin(['--help']);
  expect(top.code).toBe(0);
  for (const { name } of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  const version = await bin(['--version']);
  expect(version.stdout.trim()).toBe(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
  );
  for (const spec of COMMANDS) {
    const help = await bin([spec.name, '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout.trim()).toBe(commandHelp(spec));
  }
});

test('an unknown command or option is exit 2, for every command, before anything runs', async () => {
  test.setTimeout(90_000);
  const ws = workspace();
  try {
    for (const args of [['frobnicate'], ['--frobnicate'], []]) {
      expect((await bin(args, CLEAN, ws.dir)).code).toBe(2);
    }
    for (const { name } of COMMANDS) {
      const outcome = await bin([name, '--no-such-option'], CLEAN, ws.dir);
      expect(outcome.code, `${name}: ${outcome.stdout}${outcome.stderr}`).toBe(2);
      expect(outcome.stderr).toContain(
        `Unknown option --no-such-option; Playwright's own options go after --. See polytomic-conformance ${name} --help.`,
      );
    }
    // Nothing ran: no output folder was made.
    expect(ws.outputFiles()).toEqual([]);
  } finally {
    ws.remove();
  }
});

test('a flag sets its variable for the run', async () => {
  // Three runs of the command, each bounded by its own 60 s: the test's bound is theirs.
  test.setTimeout(180_000);
  const url = await bin(['doctor', '--url', 'https://deployment.example.invalid']);
  expect(url.code).toBe(2);
  expect(url.stderr).toContain(
    'Configuration error: POLYTOMIC_DEPLOYMENT_URL is set but no key is',
  );
  const versions = await bin(['run', '--versions', '2021-01-01']);
  expect(versions.code).toBe(2);
  expect(versions.stderr).toContain('POLYTOMIC_API_VERSIONS names "2021-01-01"');
  // Over the environment too.
  const over = await bin(['doctor', '--url', 'https://deployment.example.invalid'], {
    ...CLEAN,
    POLYTOMIC_DEPLOYMENT_URL: '',
    POLYTOMIC_PARTNER_KEY: DISTINCT_KEYS.partnerKey,
    POLYTOMIC_TIMEOUT_MS: '2000',
  });
  expect(over.stdout).toContain(
    'Polytomic conformance doctor — https://deployment.example.invalid',
  );
});

test('npm run verify -- --help: the harness help, exit 0 (not Playwright’s, exit 2)', async () => {
  const outcome = await run('npm', ['run', '--silent', 'verify', '--', '--help'], {
    cwd: ROOT,
    env: CLEAN,
    timeoutMs: 60_000,
  });
  expect(outcome.code).toBe(0);
  expect(outcome.stdout.trim()).toBe(commandHelp(commandSpec('verify')));
});

test('npm run conformance -- --help keeps the last reports; npm run cleanup -- --help cleans nothing', async () => {
  const ws = workspace();
  try {
    const kept = ['reports/results.json', 'allure-results/planted-result.json'];
    for (const file of kept) {
      mkdirSync(join(ws.dir, file, '..'), { recursive: true });
      writeFileSync(join(ws.dir, file), '{}');
    }
    // A ledger of the bundled server: a real cleanup marks it done.
    const ledgerDir = join(ws.dir, 'reports', 'ledger');
    new Ledger(
      { runId: 'kept-run', targetUrl: 'http://127.0.0.1:4010', bundled: true },
      ledgerDir,
    ).write({
      event: 'intent',
      name: 'conformance-kept-run-x',
    });
    const ledger = join(ledgerDir, 'kept-run.jsonl');
    const before = readFileSync(ledger, 'utf8');

    const conformance = await run('npm', ['run', '--silent', 'conformance', '--', '--help'], {
      cwd: ws.dir,
      env: CLEAN,
      timeoutMs: 60_000,
    });
    expect(conformance.code).toBe(0);
    expect(conformance.stdout.trim()).toBe(commandHelp(commandSpec('run')));
    for (const file of kept) expect(existsSync(join(ws.dir, file)), file).toBe(true);

    const cleanup = await run('npm', ['run', '--silent', 'cleanup', '--', '--help'], {
      cwd: ws.dir,
      env: CLEAN,
      timeoutMs: 60_000,
    });
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout.trim()).toBe(commandHelp(commandSpec('cleanup')));
    expect(readFileSync(ledger, 'utf8')).toBe(before);
  } finally {
    ws.remove();
  }
});
