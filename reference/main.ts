import { config as loadDotenv } from 'dotenv';
import { ConfigError, optionsFromEnv } from './config';
import { FAULT_LEVELS, FAULT_NAMES, FAULTS, type FaultName } from './faults';
import { startReferenceServer } from './server';
import { VARIATION_NAMES, VARIATIONS } from './variations';
import { DEFAULT_VERSION } from './versioning';

/**
 * `npm run reference`: the reference server on REFERENCE_HOST:REFERENCE_PORT.
 * `-- --list-faults` / `-- --list-variations` print the catalogues.
 * Bad settings exit 2 with one sentence naming the variable; keys are never printed.
 */
/** Resolves to an exit code, or to undefined while the server runs. */
async function main(argv: readonly string[]): Promise<number | undefined> {
  if (argv.includes('--list-faults')) {
    // With the level of the rule each fault breaks: whether the harness must fail or warn.
    const width = Math.max(...Object.values(FAULT_LEVELS).map((level) => level.length));
    const described = (name: FaultName) => `${FAULT_LEVELS[name].padEnd(width)}  ${FAULTS[name]}`;
    return printCatalogue(
      Object.fromEntries(FAULT_NAMES.map((name) => [name, described(name)])),
      FAULT_NAMES,
    );
  }
  if (argv.includes('--list-variations')) return printCatalogue(VARIATIONS, VARIATION_NAMES);
  const unknown = argv.find((argument) => argument.startsWith('-'));
  if (unknown) {
    console.error(`Unknown option ${unknown}; use --list-faults, --list-variations or none.`);
    return 2;
  }
  loadDotenv({ quiet: true });
  let options: ReturnType<typeof optionsFromEnv>;
  try {
    options = optionsFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const server = await startReferenceServer(options).catch((error: NodeJS.ErrnoException) => {
    console.error(
      `Cannot listen on ${options.host}:${options.port} (${error.code ?? 'error'}); set REFERENCE_HOST or REFERENCE_PORT.`,
    );
    return undefined;
  });
  if (!server) return 1;
  const settings = [`faults: ${options.faults.join(', ') || 'none'}`];
  if (options.variations.length > 0) settings.push(`variations: ${options.variations.join(', ')}`);
  if (options.latencyMs > 0) settings.push(`latency: ${options.latencyMs} ms`);
  if (options.defaultVersion !== DEFAULT_VERSION) {
    settings.push(`default version: ${options.defaultVersion}`);
  }
  console.log(`Reference server listening on ${server.url} (${settings.join('; ')})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close().then(() => process.exit(0));
    });
  }
  return undefined;
}

function printCatalogue(
  catalogue: Readonly<Record<string, string>>,
  names: readonly string[],
): number {
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) console.log(`${name.padEnd(width)}  ${catalogue[name]}`);
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
