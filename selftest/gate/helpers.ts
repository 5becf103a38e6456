import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRuleName, RULES } from '../../contract/rules';
import { runMetadata } from '../../harness/report/run-metadata';
import type { RecordedViolation } from '../../harness/report/test-identity';
import { ANNOTATION, NO_MODE } from '../../harness/report/test-identity';

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

/** A departure as harness/judge/judged-api.ts records it; a check name alone fails, at its rule's level. */
export type SyntheticViolation = string | (Partial<RecordedViolation> & { readonly check: string });

export interface SyntheticTest {
  readonly project: string;
  /** The family annotation of the test's describe block. */
  readonly family: string;
  /** The describe block's title; default the family. Titles are never read for identity. */
  readonly describe?: string;
  readonly title: string;
  readonly status: 'expected' | 'unexpected' | 'skipped' | 'flaky';
  /** The endpoint and auth mode the test is about (its annotations); none when unset. */
  readonly endpoint?: string;
  readonly mode?: string;
  /** Departures recorded on its last attempt (annotation `violation`). */
  readonly violations?: readonly SyntheticViolation[];
  /** Failure messages; by default those of its failing violations. */
  readonly errors?: readonly string[];
}

function recordedViolation(test: SyntheticTest, given: SyntheticViolation): RecordedViolation {
  const found = typeof given === 'string' ? { check: given } : given;
  const level = found.level ?? (isRuleName(found.check) ? RULES[found.check].level : 'documented');
  return {
    family: test.family,
    level,
    severity: level === 'decision' ? 'warning' : 'error',
    endpoint: test.endpoint ?? NO_MODE,
    mode: test.mode ?? NO_MODE,
    received: 'as answered',
    documented: 'as the contract says',
    ...found,
  };
}

/**
 * A Playwright JSON report as scripts/lib/run/results.ts reads it: one file, a describe block per
 * family, each test's identity in annotations (harness/report/test-identity.ts) as the specs
 * declare them, and its departures as the harness records them at runtime.
 */
export function syntheticReport(tests: readonly SyntheticTest[]) {
  const describes = [...new Set(tests.map((t) => t.describe ?? t.family))];
  return {
    // As a run of the suite writes it (playwright.config.ts): the gate judges no other report.
    config: { metadata: runMetadata(['node', 'playwright', 'test']) },
    suites: [
      {
        title: 'synthetic.spec.ts',
        suites: describes.map((describe) => ({
          title: describe,
          specs: tests
            .filter((t) => (t.describe ?? t.family) === describe)
            .map((t) => {
              const declared = [
                { type: ANNOTATION.family, description: t.family },
                ...(t.endpoint === undefined
                  ? []
                  : [{ type: ANNOTATION.endpoint, description: t.endpoint }]),
                ...(t.mode === undefined ? [] : [{ type: ANNOTATION.mode, description: t.mode }]),
              ];
              const violations = (t.violations ?? []).map((v) => recordedViolation(t, v));
              const runtime = violations.map((v) => ({
                type: ANNOTATION.violation,
                description: JSON.stringify(v),
              }));
              const errors =
                t.errors ??
                violations
                  .filter((v) => v.severity === 'error')
                  .map((v) => `1 contract violation:\n[${v.check}]\n  Received:   ${v.received}`);
              return {
                title: t.title,
                tests: [
                  {
                    projectName: t.project,
                    status: t.status,
                    annotations: declared,
                    results: [
                      {
                        errors: errors.map((message) => ({ message })),
                        annotations: [...declared, ...runtime],
                        workerIndex: 0,
                      },
                    ],
                  },
                ],
              };
            }),
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
