import dotenv from 'dotenv';
import { type HarnessConfig, harnessConfig, requireSomeKey } from '../../harness/config/env';
import { removeMadeKey } from '../../harness/config/made-credential';
import { ConfigError } from '../../harness/config/variables';
import { redact } from '../../harness/secrets/redact';
import { applyVariables, type CommandSpec, type Parsed, parseCommand } from './commands';
import { leakScan, reportScan } from './ops/scan-outputs';

/**
 * What every command-line script does first and last: load .env and the
 * config (a bad setting is one sentence and exit 2), turn main's result or an
 * unexpected error into the exit code, and — for the commands that talk to a
 * target — search every output file for the configured keys on the way out,
 * whatever the exit code: a key found makes an exit 0 an exit 1.
 */
export function loadCliConfig(
  options: { readonly sendsKeys?: boolean } = {},
): HarnessConfig | undefined {
  dotenv.config({ quiet: true });
  try {
    const config = harnessConfig();
    return options.sendsKeys ? requireSomeKey(config) : config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    return undefined;
  }
}

let scanned: boolean | undefined;

/**
 * The leak scan of reports/, allure-results/ and test-results/, once per process; false = a
 * key found. The key the run made for itself is searched for too, and deleted after.
 */
export function scanOutputs(config: HarnessConfig): boolean {
  scanned ??= reportScan(config, leakScan(config));
  removeMadeKey(config.runId);
  return scanned;
}

/** For the suite a command runs: its made key's file is left for the scan above. */
export const SCAN_FOLLOWS = { POLYTOMIC_LEAK_SCAN_FOLLOWS: 'true' } as const;

export function runMain(
  main: (argv: readonly string[]) => Promise<number> | number,
  options: { readonly leakScan?: boolean } = {},
): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => code,
      (error: unknown) => {
        console.error(redact(error instanceof Error ? error.message : String(error)));
        return 2;
      },
    )
    .then((code) => {
      process.exitCode = options.leakScan ? scanOnExit(code) : code;
    });
}

export type CommandLine = Extract<Parsed, { kind: 'run' }>;

export interface Command {
  /** Parses argv (help: exit 0; a bad option: exit 2, before anything is read or written), then runs. */
  start(argv: readonly string[]): void;
}

/**
 * A command of the program: its options parsed strictly before main runs, the variables
 * they name set, then main's exit code as runMain gives it.
 */
export function command(
  spec: CommandSpec,
  main: (line: CommandLine) => Promise<number> | number,
  options: { readonly leakScan?: boolean } = {},
): Command {
  return {
    start(argv) {
      const parsed = parseCommand(spec, argv);
      if (parsed.kind === 'help') {
        console.log(parsed.text);
        return;
      }
      if (parsed.kind === 'error') {
        console.error(parsed.message);
        process.exitCode = 2;
        return;
      }
      applyVariables(spec, parsed.values);
      runMain(() => main(parsed), options);
    },
  };
}

function scanOnExit(code: number): number {
  let config: HarnessConfig;
  try {
    config = harnessConfig();
  } catch {
    // No readable config: the command stopped before it could send or write anything.
    return code;
  }
  const clean = scanOutputs(config);
  return clean || code !== 0 ? code : 1;
}
