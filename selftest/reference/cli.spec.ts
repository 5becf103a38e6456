import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { FAULT_LEVELS, FAULT_NAMES } from '../../reference/faults';
import { VARIATION_NAMES } from '../../reference/variations';
import { expect, test } from './fixtures';

// `npm run reference` (tsx reference/main.ts): settings from the environment,
// one ready line, --list-faults, and a one-sentence exit 2 on a bad setting.

const ROOT = resolve(__dirname, '..', '..');
const SECRET_KEYS = {
  POLYTOMIC_PARTNER_KEY: 'cli-partner-key-0001',
  POLYTOMIC_API_KEY: 'cli-api-key-0002',
  POLYTOMIC_DEPLOYMENT_KEY: 'cli-deployment-key-0003',
  POLYTOMIC_OTHER_PARTNER_KEY: 'cli-other-partner-key-0004',
};
// Set, even empty, so a developer's .env cannot change what these tests see.
const BASE_ENV = {
  REFERENCE_HOST: '127.0.0.1',
  REFERENCE_PORT: '0',
  REFERENCE_FAULTS: '',
  REFERENCE_VARIATIONS: '',
  REFERENCE_LATENCY_MS: '',
  REFERENCE_DEFAULT_VERSION: '',
  ...SECRET_KEYS,
};

type Launched = ChildProcess & { output: () => string; exited: Promise<number | null> };

function launch(args: string[], env: Record<string, string>): Launched {
  const child = spawn('npx', ['tsx', 'reference/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...BASE_ENV, ...env },
    // Its own process group, so stopping it also stops the node process npx starts.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return Object.assign(child, { output: () => output, exited });
}

async function run(args: string[], env: Record<string, string> = {}) {
  const child = launch(args, env);
  const code = await child.exited;
  return { code, output: child.output() };
}

async function readyLine(child: Launched): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const line = child
      .output()
      .split('\n')
      .find((text) => text.startsWith('Reference server listening on '));
    if (line) return line;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No ready line; output: ${child.output()}`);
}

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
}

test.describe.configure({ timeout: 60_000 });

test('starts, prints one ready line, answers /health and closes on SIGTERM', async () => {
  const child = launch([], {
    REFERENCE_FAULTS: 'dropVersionHeader',
    REFERENCE_VARIATIONS: 'charset',
  });
  let url = '';
  try {
    const line = await readyLine(child);
    expect(line).toMatch(
      /^Reference server listening on http:\/\/127\.0\.0\.1:\d+ \(faults: dropVersionHeader; variations: charset\)$/,
    );
    url = line.split(' ')[4] ?? '';
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const me = await fetch(`${url}/api/me`, {
      headers: {
        Authorization: `Bearer ${SECRET_KEYS.POLYTOMIC_PARTNER_KEY}`,
        'X-Polytomic-Version': '2025-09-18',
      },
    });
    expect(me.status).toBe(200);
  } finally {
    stop(child);
  }
  await child.exited;
  // The server process itself may outlive npx by a moment.
  await expect
    .poll(
      () =>
        fetch(`${url}/health`).then(
          () => 'listening',
          () => 'closed',
        ),
      { timeout: 10_000 },
    )
    .toBe('closed');
  expect(child.output().trim().split('\n')).toHaveLength(1);
  for (const key of Object.values(SECRET_KEYS)) expect(child.output()).not.toContain(key);
});

test('the ready line says "faults: none" on a clean server', async () => {
  const child = launch([], {});
  try {
    expect(await readyLine(child)).toMatch(/ \(faults: none\)$/);
  } finally {
    stop(child);
  }
  await child.exited;
});

test('--list-faults prints every fault, one per line, with the level of the rule it breaks', async () => {
  const { code, output } = await run(['--list-faults']);
  expect(code).toBe(0);
  const lines = output.trim().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(25);
  const columns = lines.map((line) => line.split(/\s{2,}/));
  expect(columns.map(([name]) => name)).toEqual(FAULT_NAMES);
  expect(columns.map(([, level]) => level)).toEqual(FAULT_NAMES.map((name) => FAULT_LEVELS[name]));
  for (const line of lines) expect(line).toMatch(/^\w+ {2,}(documented|safety|decision) {2,}\S.*$/);
});

test('--list-variations prints every variation, one per line', async () => {
  const { code, output } = await run(['--list-variations']);
  expect(code).toBe(0);
  const names = output
    .trim()
    .split('\n')
    .map((line) => line.split(/\s{2,}/)[0]);
  expect(names).toEqual(VARIATION_NAMES);
});

test('REFERENCE_DEFAULT_VERSION sets what a request without the version header is served as', async () => {
  const child = launch([], { REFERENCE_DEFAULT_VERSION: '2023-04-25' });
  try {
    const line = await readyLine(child);
    expect(line).toMatch(/ \(faults: none; default version: 2023-04-25\)$/);
    const me = await fetch(`${line.split(' ')[4]}/api/me`, {
      headers: { Authorization: `Bearer ${SECRET_KEYS.POLYTOMIC_PARTNER_KEY}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-polytomic-version')).toBe('2023-04-25');
  } finally {
    stop(child);
  }
  await child.exited;
});

const BAD_SETTINGS: readonly [string, Record<string, string>][] = [
  ['REFERENCE_FAULTS', { REFERENCE_FAULTS: 'nope' }],
  ['REFERENCE_VARIATIONS', { REFERENCE_VARIATIONS: 'loud' }],
  ['REFERENCE_PORT', { REFERENCE_PORT: 'eighty' }],
  ['REFERENCE_LATENCY_MS', { REFERENCE_LATENCY_MS: '-5' }],
  ['REFERENCE_DEFAULT_VERSION', { REFERENCE_DEFAULT_VERSION: '2021-05-23' }],
  ['POLYTOMIC_API_KEY', { POLYTOMIC_API_KEY: SECRET_KEYS.POLYTOMIC_PARTNER_KEY }],
];

for (const [variable, env] of BAD_SETTINGS) {
  test(`a bad ${variable} exits 2 with one sentence naming it`, async () => {
    const { code, output } = await run([], env);
    expect(code).toBe(2);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain(variable);
    for (const key of Object.values(SECRET_KEYS)) expect(output).not.toContain(key);
  });
}
