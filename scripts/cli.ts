import dotenv from 'dotenv';
import { ConfigError, type HarnessConfig, harnessConfig } from '../harness/config';

/**
 * What every command-line script does first and last: load .env and the
 * config (a bad setting is one sentence and exit 2), and turn main's result or
 * an unexpected error into the exit code.
 */
export function loadCliConfig(): HarnessConfig | undefined {
  dotenv.config({ quiet: true });
  try {
    return harnessConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    return undefined;
  }
}

export function runMain(main: (argv: readonly string[]) => Promise<number> | number): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 2;
      },
    );
}
