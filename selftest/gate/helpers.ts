import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Set, even empty, so a developer's .env cannot change what these tests see. */
export const BASE_ENV: Readonly<Record<string, string>> = {
  POLYTOMIC_DEPLOYMENT_URL: '',
  POLYTOMIC_HASH_HOST: '',
  POLYTOMIC_API_VERSIONS: '',
  POLYTOMIC_CONSOLE: 'dot',
  REFERENCE_FAULTS: '',
  REFERENCE_VARIATIONS: '',
  FORCE_COLOR: '0',
};

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function runScript(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
) {
  const run = spawnSync('npx', ['tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...BASE_ENV, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** As runScript, without blocking this process: a server it runs can answer the script. */
export async function runScriptAsync(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
) {
  const child = spawn('npx', ['tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...BASE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, output };
}

export interface SyntheticTest {
  readonly project: string;
  readonly family: string;
  readonly title: string;
  readonly status: 'expected' | 'unexpected' | 'skipped' | 'flaky';
  /** Failure messages, e.g. `[owner_first] Received: …`. */
  readonly errors?: readonly string[];
}

/** A Playwright JSON report as scripts/results.ts reads it: one file, describe = family. */
export function syntheticReport(tests: readonly SyntheticTest[]) {
  const families = [...new Set(tests.map((t) => t.family))];
  return {
    suites: [
      {
        title: 'synthetic.spec.ts',
        suites: families.map((family) => ({
          title: family,
          specs: tests
            .filter((t) => t.family === family)
            .map((t) => ({
              title: t.title,
              tests: [
                {
                  projectName: t.project,
                  status: t.status,
                  results: [{ errors: (t.errors ?? []).map((message) => ({ message })) }],
                },
              ],
            })),
        })),
      },
    ],
    errors: [],
  };
}

export function writeJson(dir: string, name: string, data: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}
