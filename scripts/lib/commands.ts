import { parseArgs } from 'node:util';

/**
 * The command line of every command, in one place: `polytomic-conformance <command>` and
 * `npm run <script> -- …` parse the same options, with node:util parseArgs in strict mode,
 * so an unknown option is an error (exit 2), never ignored. An option naming a variable
 * sets it for the run (before .env is read, so the flag wins). Keys have no flag: a
 * command line is visible to every user of the machine.
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** How the value reads in the help: `<url>`. */
  readonly value?: string;
  readonly help: string;
  /** The variable the option sets; a boolean sets it to "true". */
  readonly variable?: string;
  /** Handed to Playwright as given (the suite's selection: --grep, --project, …). */
  readonly playwright?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  /** Its npm script in a clone. */
  readonly script: string;
  readonly summary: string;
  /** What follows the options in the usage line. */
  readonly operands?: string;
  readonly details?: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Operands (and everything after `--`) go to Playwright. */
  readonly passesToPlaywright?: boolean;
}

const TARGET: Readonly<Record<string, OptionSpec>> = {
  url: {
    type: 'string',
    value: '<url>',
    variable: 'POLYTOMIC_DEPLOYMENT_URL',
    help: 'the deployment under test (a host or a base URL); unset: the bundled reference server',
  },
  'ca-cert': {
    type: 'string',
    value: '<file>',
    variable: 'POLYTOMIC_CA_CERT',
    help: "a PEM file of the CA that signed the deployment's certificate",
  },
  'insecure-tls': {
    type: 'boolean',
    variable: 'POLYTOMIC_INSECURE_TLS',
    help: 'skip certificate verification (the report warns); prefer --ca-cert',
  },
};

const VERSIONS: Readonly<Record<string, OptionSpec>> = {
  versions: {
    type: 'string',
    value: '<list>',
    variable: 'POLYTOMIC_API_VERSIONS',
    help: 'comma-separated API versions to check, or "all"',
  },
};

const SUITE: Readonly<Record<string, OptionSpec>> = {
  ...TARGET,
  ...VERSIONS,
  'allow-writes': {
    type: 'boolean',
    variable: 'POLYTOMIC_ALLOW_WRITES',
    help: 'run the create/update/remove checks against a deployment',
  },
  strict: {
    type: 'boolean',
    variable: 'POLYTOMIC_STRICT',
    help: 'a departure from a decision fails instead of warning',
  },
  'default-version': {
    type: 'string',
    value: '<date>',
    variable: 'POLYTOMIC_DEFAULT_VERSION',
    help: 'the version a request without X-Polytomic-Version must be served as',
  },
  workers: {
    type: 'string',
    value: '<n>',
    variable: 'POLYTOMIC_WORKERS',
    help: 'parallel workers, shared out over the versions',
  },
  'run-id': {
    type: 'string',
    value: '<id>',
    variable: 'POLYTOMIC_RUN_ID',
    help: "names this run's organizations (conformance-<id>-…)",
  },
};

/** Playwright's own selection options, handed on as given. */
const PLAYWRIGHT: Readonly<Record<string, OptionSpec>> = {
  grep: {
    type: 'string',
    short: 'g',
    value: '<regex>',
    playwright: true,
    help: 'only tests whose title matches',
  },
  'grep-invert': {
    type: 'string',
    value: '<regex>',
    playwright: true,
    help: 'only tests whose title does not match',
  },
  project: {
    type: 'string',
    value: '<version>',
    playwright: true,
    help: 'one Playwright project (an API version, preflight)',
  },
  shard: { type: 'string', value: '<i/n>', playwright: true, help: 'one shard of the suite' },
  'max-failures': {
    type: 'string',
    value: '<n>',
    playwright: true,
    help: 'stop after this many failures',
  },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'verify',
    script: 'verify',
    summary:
      'for partners: doctor, the read-only suite, then one HTML report and summary.json to send back',
    operands: '[-- <Playwright arguments>]',
    details: [
      'Writes reports/verify/conformance-report.html and reports/verify/summary.json in the current folder.',
      'Read-only unless --allow-writes is given (POLYTOMIC_ALLOW_WRITES in the environment does not count).',
    ],
    options: {
      ...SUITE,
      'hash-host': {
        type: 'boolean',
        variable: 'POLYTOMIC_HASH_HOST',
        help: 'name the target only by the sha256 of its host name',
      },
      ...PLAYWRIGHT,
    },
    passesToPlaywright: true,
  },
  {
    name: 'run',
    script: 'conformance',
    summary: 'the suite, the Allure report (reports/allure/index.html) and a one-screen summary',
    operands: '[-- <Playwright arguments>]',
    options: { ...SUITE, ...PLAYWRIGHT },
    passesToPlaywright: true,
  },
  {
    name: 'doctor',
    script: 'doctor',
    summary: 'reachability, TLS, the versions served, and what /api/me says each key is',
    options: {
      ...TARGET,
      ...VERSIONS,
      'allow-writes': SUITE['allow-writes'] as OptionSpec,
    },
  },
  {
    name: 'gate',
    script: 'gate',
    summary: 'the release gate: the suite, judged against conformance.baseline.json',
    operands: '[-- <Playwright arguments>]',
    options: {
      ...SUITE,
      'from-results': {
        type: 'string',
        value: '<json>',
        help: 'judge an existing Playwright JSON report instead of running the suite',
      },
      baseline: { type: 'string', value: '<file>', help: 'default conformance.baseline.json' },
      today: {
        type: 'string',
        value: '<date>',
        help: 'the day expiry is judged on (default today, UTC)',
      },
      out: {
        type: 'string',
        value: '<dir>',
        help: 'where summary.json and summary.md go (default reports)',
      },
      ...PLAYWRIGHT,
    },
    passesToPlaywright: true,
  },
  {
    name: 'compare',
    script: 'compare',
    summary: 'what changes for clients between two API versions',
    operands: '<old version> <new version>',
    options: {
      live: {
        type: 'boolean',
        help: 'also run both versions and list checks whose outcome differs',
      },
      schemas: { type: 'string', value: '<dir>', help: 'another schema root (default schemas/)' },
      baseline: { type: 'string', value: '<file>', help: 'default conformance.baseline.json' },
      today: { type: 'string', value: '<date>', help: 'the day expiry is judged on' },
      out: {
        type: 'string',
        value: '<dir>',
        help: 'where compare.md and compare.json go (default reports)',
      },
      ...TARGET,
    },
  },
  {
    name: 'cleanup',
    script: 'cleanup',
    summary: "removes what earlier runs' ledgers (reports/ledger/) recorded, and nothing else",
    options: {
      'dry-run': { type: 'boolean', help: 'list what would be removed, remove nothing' },
      run: { type: 'string', value: '<run id>', help: 'only this run' },
      force: { type: 'boolean', help: 'also ledgers marked done' },
      ...TARGET,
    },
  },
  {
    name: 'report',
    script: 'report',
    summary: 'rebuilds the Allure report from allure-results/',
    options: {},
  },
  {
    name: 'reference',
    script: 'reference',
    summary: 'the bundled reference server, on REFERENCE_HOST:REFERENCE_PORT',
    options: {
      'list-faults': {
        type: 'boolean',
        help: 'print the named faults, with the level of the rule each breaks',
      },
      'list-variations': { type: 'boolean', help: 'print the tolerated variations' },
      host: {
        type: 'string',
        value: '<host>',
        variable: 'REFERENCE_HOST',
        help: 'where it listens (default 127.0.0.1)',
      },
      port: {
        type: 'string',
        value: '<port>',
        variable: 'REFERENCE_PORT',
        help: 'where it listens (default 4010)',
      },
      faults: {
        type: 'string',
        value: '<list>',
        variable: 'REFERENCE_FAULTS',
        help: 'named faults to switch on',
      },
    },
  },
];

export const PROGRAM = 'polytomic-conformance';

export function commandSpec(name: string): CommandSpec {
  const spec = COMMANDS.find((command) => command.name === name);
  if (!spec) throw new Error(`No command ${name}.`);
  return spec;
}

export type Values = Readonly<Record<string, string | boolean | undefined>>;

export type Parsed =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'run';
      readonly values: Values;
      readonly operands: readonly string[];
      /** For Playwright: its options as given, then the operands and what followed `--`. */
      readonly playwright: readonly string[];
    };

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'this help' };

export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed {
  const options = { ...spec.options, help: HELP };
  let parsed: {
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
    tokens: { kind: string; name?: string; value?: string }[];
  };
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    return {
      kind: 'error',
      message: `${optionProblem(error as Error)} See ${PROGRAM} ${spec.name} --help.`,
    };
  }
  if (parsed.values.help) return { kind: 'help', text: commandHelp(spec) };
  const handedOn: string[] = [];
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || !token.name || !spec.options[token.name]?.playwright) continue;
    // Joined with =: Playwright's --project takes several values and would take a test file
    // that follows for one more.
    handedOn.push(token.value === undefined ? `--${token.name}` : `--${token.name}=${token.value}`);
  }
  return {
    kind: 'run',
    values: parsed.values as Values,
    operands: parsed.positionals,
    playwright: spec.passesToPlaywright ? [...handedOn, ...parsed.positionals] : [],
  };
}

/** parseArgs' message, without its advice on positionals (an option of Playwright's goes after --). */
export function optionProblem(error: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return `Unknown option ${unknown[1]}; Playwright's own options go after --.`;
  return error.message.split('\n')[0] ?? error.message;
}

/** Sets the variables the given options name, over the environment and .env alike. */
export function applyVariables(spec: CommandSpec, values: Values): void {
  for (const [name, option] of Object.entries(spec.options)) {
    const value = values[name];
    if (option.variable === undefined || value === undefined) continue;
    process.env[option.variable] = value === true ? 'true' : String(value);
  }
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const entries = Object.entries(options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` ${option.value}` : ''}`;
    const variable = option.variable ? ` (sets ${option.variable})` : '';
    return [flag, `${option.help}${variable}`] as const;
  });
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return entries.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
}

export function commandHelp(spec: CommandSpec): string {
  const usage = [PROGRAM, spec.name, '[options]', spec.operands].filter(Boolean).join(' ');
  const mine = Object.fromEntries(Object.entries(spec.options).filter(([, o]) => !o.playwright));
  const theirs = Object.fromEntries(Object.entries(spec.options).filter(([, o]) => o.playwright));
  const out = [
    `Usage: ${usage}`,
    `   or: npm run ${spec.script} -- [options]${spec.operands ? ` ${spec.operands}` : ''}   (in a clone)`,
    '',
    `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(spec.details ?? []),
    '',
    'Options:',
    ...optionLines({ ...mine, help: HELP }),
  ];
  if (Object.keys(theirs).length > 0)
    out.push('', "Playwright's, handed on (others after --):", ...optionLines(theirs));
  out.push(
    '',
    'Every other setting is a variable (POLYTOMIC_…, REFERENCE_…), from the environment or ./.env;',
    'keys only so (POLYTOMIC_PARTNER_KEY, POLYTOMIC_API_KEY, POLYTOMIC_DEPLOYMENT_KEY, …): never on a command line.',
    'Exit codes: 0 = conforms (or done), 1 = violations found, 2 = could not run (a bad option or setting).',
  );
  return out.join('\n');
}

export function programHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    `The Polytomic API conformance harness ${version}: does a deployment behave as Polytomic documents it?`,
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  -h, --help     this help (and `<command> --help` for each command)',
    '  -v, --version  the harness version',
    '',
    'Outputs (reports/, allure-results/, test-results/) are written in the current folder.',
  ].join('\n');
}
