import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REFERENCE_KEYS } from '../../contract/reference';

/**
 * The safety proofs run the real commands (`npm run conformance`, cleanup,
 * doctor, leak-scan) as child processes, each in a scratch copy of the project
 * so its reports/, allure-results/ and test-results/ are its own: nothing a
 * developer is looking at is overwritten, and a leak scan sees one run only.
 */
export const ROOT = resolve(__dirname, '..', '..');
const COPIED = ['contract', 'harness', 'reference', 'schemas', 'scripts', 'tests'];
const COPIED_FILES = ['playwright.config.ts', 'package.json', 'tsconfig.json', 'allurerc.ts'];

export interface Workspace {
  readonly dir: string;
  /** Every file under the three output folders, relative to the workspace. */
  outputFiles(): string[];
  read(path: string): string;
  remove(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'polytomic-safety-'));
  for (const name of COPIED) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  for (const name of COPIED_FILES) {
    try {
      cpSync(join(ROOT, name), join(dir, name));
    } catch {
      // Optional files (allurerc.ts) may not exist in every checkout.
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    outputFiles: () =>
      ['reports', 'allure-results', 'test-results'].flatMap((top) => {
        try {
          return readdirSync(join(dir, top), { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
        } catch {
          return [];
        }
      }),
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface Running {
  readonly pid: number;
  output(): string;
  readonly done: Promise<Finished>;
  /** SIGKILL to the whole group this command started (npx, node, Playwright's workers). */
  kill(): void;
}

/**
 * A command in its own process group with a hard time limit; the environment is
 * exactly `env` on top of PATH and HOME, so a developer's .env or shell cannot
 * change what a proof sees.
 */
export function start(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Running {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      FORCE_COLOR: '0',
      ...options.env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const pid = child.pid as number;
  const kill = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(kill, options.timeoutMs);
  const done = new Promise<Finished>((resolveDone) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveDone({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { pid, output: () => stdout + stderr, done, kill };
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<Finished> {
  return start(command, args, options).done;
}

/** Distinctive keys: any of them found in an output file is a leak, never a coincidence. */
export const DISTINCT_KEYS = {
  partnerKey: 'leakcanary-partner-Hx81Qz7Lw2',
  apiKey: 'leakcanary-apikey-Vb63Ns0Tq9',
  deploymentKey: 'leakcanary-deploy-Jr45Mc2Yp6',
  otherPartnerKey: 'leakcanary-other-Kd27Wf8Ue3',
} as const;

/** The harness's environment for a target started by a proof, with the given keys. */
export function targetEnv(
  url: string,
  keys: {
    partnerKey: string;
    apiKey: string;
    deploymentKey: string;
    otherPartnerKey: string;
  } = REFERENCE_KEYS,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    POLYTOMIC_DEPLOYMENT_URL: url,
    POLYTOMIC_PARTNER_KEY: keys.partnerKey,
    POLYTOMIC_API_KEY: keys.apiKey,
    POLYTOMIC_DEPLOYMENT_KEY: keys.deploymentKey,
    POLYTOMIC_OTHER_PARTNER_KEY: keys.otherPartnerKey,
    POLYTOMIC_CONSOLE: 'dot',
    ...extra,
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
