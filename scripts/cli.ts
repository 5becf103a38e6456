import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './lib/cli';
import {
  applyVariables,
  COMMANDS,
  commandSpec,
  PROGRAM,
  parseCommand,
  programHelp,
} from './lib/commands';

/**
 * `polytomic-conformance <command> …`: every command of the harness as one program, the
 * same code as the npm scripts of a clone (each loaded only when it is the one asked for).
 * Outputs go to the current folder. Exit 2 for an unknown command or option.
 */
const ENTRY: Readonly<Record<string, () => Command>> = {
  verify: () => require('./verify').program,
  run: () => require('./conformance').program,
  doctor: () => require('./doctor').program,
  gate: () => require('./gate').program,
  compare: () => require('./compare').program,
  cleanup: () => require('./cleanup').program,
  report: () => require('./report').program,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  return String(pkg.version);
}

/** The server's own entry point reads its two listing flags from argv; the rest are variables. */
function reference(argv: readonly string[]): void {
  const spec = commandSpec('reference');
  const parsed = parseCommand(spec, argv);
  if (parsed.kind === 'help') return void console.log(parsed.text);
  if (parsed.kind === 'error' || parsed.operands.length > 0) {
    console.error(
      parsed.kind === 'error'
        ? parsed.message
        : `Unexpected argument ${parsed.operands[0]}. See ${PROGRAM} reference --help.`,
    );
    process.exitCode = 2;
    return;
  }
  applyVariables(spec, parsed.values);
  const listing = ['list-faults', 'list-variations'].filter((name) => parsed.values[name]);
  process.argv = [process.argv[0] as string, 'reference', ...listing.map((name) => `--${name}`)];
  require('../reference/main');
}

function main(argv: readonly string[]): void {
  const [name, ...rest] = argv;
  if (name !== undefined && !name.startsWith('-')) {
    const entry = Object.hasOwn(ENTRY, name) ? ENTRY[name] : undefined;
    if (name === 'reference') reference(rest);
    else if (entry) {
      // Help and a bad option are answered before the command's code is even loaded.
      const parsed = parseCommand(commandSpec(name), rest);
      if (parsed.kind === 'help') console.log(parsed.text);
      else if (parsed.kind === 'error') {
        console.error(parsed.message);
        process.exitCode = 2;
      } else entry().start(rest);
    } else {
      console.error(
        `Unknown command ${JSON.stringify(name)}; the commands: ${COMMANDS.map((c) => c.name).join(', ')}. See ${PROGRAM} --help.`,
      );
      process.exitCode = 2;
    }
    return;
  }
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      strict: true,
    });
    if (values.version) return void console.log(version());
    console.log(programHelp(version()));
    // No command at all is a mistake too, with the help to say what to type.
    if (!values.help) process.exitCode = 2;
  } catch (error) {
    console.error(`${(error as Error).message.split('.')[0]}. See ${PROGRAM} --help.`);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2));
