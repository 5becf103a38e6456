/**
 * Every variable the harness, its commands and the reference server read, with what the
 * README's table and .env.example say of it: both are generated from these rows
 * (`npm run docs`), and a self-test fails when either differs or a variable read in the
 * code is missing here. Parsing stays in env.ts, proxy.ts, run.ts and reference/config.ts.
 */
export interface Variable {
  readonly name: string;
  /** The README's default column (Markdown). */
  readonly default: string;
  /** The README's meaning column (Markdown). */
  readonly meaning: string;
  /** .env.example: the comment lines above it (none: the one above covers it too). */
  readonly comment: readonly string[];
  /** .env.example: its value there; commented out unless `set`. */
  readonly example: string;
  readonly set?: boolean;
}

export interface Section {
  readonly title: string;
  /** .env.example: comment lines under the section's title. */
  readonly intro?: readonly string[];
  readonly variables: readonly Variable[];
}

export const ENV_EXAMPLE_HEADER: readonly string[] = [
  'Polytomic conformance harness — copy to .env and fill in. Every variable is optional.',
  "The names match Polytomic's Terraform provider, so one environment serves both tools.",
];

export const SECTIONS: readonly Section[] = [
  {
    title: 'Target',
    variables: [
      {
        name: 'POLYTOMIC_DEPLOYMENT_URL',
        default: 'unset → the bundled reference server',
        meaning: 'host (https assumed) or base URL of the deployment under test',
        comment: [
          'The deployment under test: a host (https is assumed) or a full base URL.',
          'Unset: the bundled reference server is started and tested, with the keys below.',
        ],
        example: 'app.polytomic.com',
      },
    ],
  },
  {
    title: 'Credentials (never printed, never written to a report)',
    intro: [
      'Each auth mode runs only when its key is set; the others are skipped, with the reason in the report.',
      "Left unset with no POLYTOMIC_DEPLOYMENT_URL, the bundled reference server's own fake keys are used",
      '(contract/reference.ts); they are refused for any other target, so a copy of this file sends none.',
    ],
    variables: [
      {
        name: 'POLYTOMIC_PARTNER_KEY',
        default: 'reference key when no target',
        meaning: 'partner key (`Authorization: Bearer`)',
        comment: ['Partner key: sent as "Authorization: Bearer <key>".'],
        example: '',
      },
      {
        name: 'POLYTOMIC_API_KEY',
        default: 'reference key when no target',
        meaning:
          "an organization's API key (`Bearer`); unset against a deployment with writes allowed: made by the run",
        comment: [
          'API key of one organization: sent as "Authorization: Bearer <key>"; must get 403 on partner-only endpoints.',
          'Optional against a deployment: left unset, with POLYTOMIC_ALLOW_WRITES=true and a partner (or',
          'deployment) key, the run makes its own at its start — an organization conformance-<run id>-api-key-…,',
          "a user conformance-<run id>-api-key-…@example.com in it, and that user's API key — runs every",
          'API-key check with it, and removes the user, then the organization, at its end. The key is kept',
          'only in a 0600 file under the OS temp dir (.polytomic-conformance/<run id>.key), never in an',
          'output, and deleted after the leak scan. A configured key always wins: nothing is made.',
        ],
        example: '',
      },
      {
        name: 'POLYTOMIC_DEPLOYMENT_KEY',
        default: 'reference key when no target',
        meaning:
          'on-prem deployment key (`Bearer` in every version; also `Basic base64(key:)`, documented in 2022-12-12 and 2023-04-25)',
        comment: [
          'On-premises deployment key: sent as "Authorization: Bearer <key>" in every version, and also as',
          '"Authorization: Basic base64(<key>:)", documented in 2022-12-12 and 2023-04-25.',
        ],
        example: '',
      },
      {
        name: 'POLYTOMIC_OTHER_PARTNER_KEY',
        default: 'reference key when no target',
        meaning: "a second partner's key, for the isolation checks",
        comment: [
          "A second partner's key, for the isolation checks (its organizations must be invisible to the first).",
        ],
        example: '',
      },
    ],
  },
  {
    title: 'What to run',
    variables: [
      {
        name: 'POLYTOMIC_API_VERSIONS',
        default: '`all`',
        meaning: 'comma-separated versions to check',
        comment: [
          'Comma-separated API versions to check, or "all" (default): 2022-12-12,2023-04-25,2024-02-08,2025-09-18',
        ],
        example: 'all',
        set: true,
      },
      {
        name: 'POLYTOMIC_DEFAULT_VERSION',
        default: 'unset (any supported version, or 2021-05-23)',
        meaning: 'the version a request without the header must be served as (a 400 always fails)',
        comment: [
          'The version a request without X-Polytomic-Version must be served as (the versioning guide: such',
          "requests are served as the deployment's default). Unset: any supported version, or 2021-05-23,",
          "is accepted and the report says which served. A 400 always fails (Polytomic's SDK and",
          'Terraform provider send no header).',
        ],
        example: '2025-09-18',
      },
      {
        name: 'POLYTOMIC_ALLOW_WRITES',
        default: '`false` (always on for the bundled server)',
        meaning: 'run create/update/remove checks',
        comment: [
          'Create/update/remove checks against a target other than the bundled server (true/false, default false).',
          "Only organizations named with this run's prefix are ever updated or removed.",
        ],
        example: 'false',
        set: true,
      },
      {
        name: 'POLYTOMIC_STRICT',
        default: '`false`',
        meaning: 'a departure from a decision fails instead of warning (never in the preflight)',
        comment: [
          'A departure from a decision (a rule no Polytomic source states, e.g. undeclared response',
          'properties, 400 for an unknown version) fails instead of warning (true/false, default false).',
          'The preflight never stops a run on a decision.',
        ],
        example: 'false',
        set: true,
      },
      {
        name: 'POLYTOMIC_TIMEOUT_MS',
        default: '`15000`',
        meaning: 'per-request timeout',
        comment: [
          'Per-request timeout in milliseconds, connection to last body byte (default 15000); the test',
          'timeout is kept above it, so a hung target is reported against this variable.',
        ],
        example: '15000',
        set: true,
      },
      {
        name: 'POLYTOMIC_WORKERS',
        default: '`4`',
        meaning: 'parallel workers, shared out over the versions',
        comment: [
          'Parallel Playwright workers (default 4; lower it to be gentle with a small install).',
        ],
        example: '4',
      },
      {
        name: 'POLYTOMIC_MAX_CONCURRENCY',
        default: 'none',
        meaning:
          'cap on requests in flight to the target across all workers (also caps the workers)',
        comment: [
          'A cap on requests in flight to the target across all workers (1–256; default none). Also caps the workers.',
        ],
        example: '4',
      },
      {
        name: 'POLYTOMIC_RETRIES',
        default: '`0`',
        meaning: 'retries of a failed test (a retry that passes is reported flaky)',
        comment: [
          'Retries of a failed test; a retry that passes is reported as flaky (default 0).',
        ],
        example: '0',
        set: true,
      },
      {
        name: 'POLYTOMIC_RUN_ID',
        default: 'generated',
        meaning: "names this run's organizations",
        comment: ["Names this run's organizations (conformance-<run id>-…); generated when unset."],
        example: '',
      },
      {
        name: 'POLYTOMIC_LEAK_SCAN_FOLLOWS',
        default: 'unset',
        meaning:
          'set by the npm commands for the suite they start: the key the run made is kept for the leak scan that follows',
        comment: [
          'Set by the npm commands for the suite they start, not by hand: a leak scan follows the run,',
          'so the key the run made is kept for it (and deleted after it). Unset, the run deletes it itself.',
        ],
        example: '',
      },
      {
        name: 'POLYTOMIC_CONSOLE',
        default:
          "`list` (`dot` in CI; the harness's one-line-per-check console under `npm run conformance`)",
        meaning: 'the console reporter: a Playwright one (list, line, dot) instead of the default',
        comment: [
          "The console reporter: list, line or dot (default list; dot in CI; under npm run conformance the harness's own, one line per failing check, the summary last).",
        ],
        example: 'list',
      },
      {
        name: 'POLYTOMIC_BENCH_RUNS',
        default: '`3`',
        meaning: '`npm run bench`: runs of each 0 ms row (it prints the median)',
        comment: [
          'npm run bench only: how many times each 0 ms row runs; it prints the median (default 3).',
        ],
        example: '3',
      },
    ],
  },
  {
    title: 'Reaching an on-prem deployment',
    variables: [
      {
        name: 'POLYTOMIC_CA_CERT',
        default: 'none',
        meaning: "a PEM file of the CA that signed the deployment's certificate",
        comment: [
          "A PEM file of the CA that signed the deployment's certificate (self-signed on-prem installs).",
        ],
        example: '/path/to/ca.pem',
      },
      {
        name: 'POLYTOMIC_INSECURE_TLS',
        default: '`false`',
        meaning:
          'skip certificate verification (the report warns that the target was not authenticated)',
        comment: [
          'Skip certificate verification altogether (true/false, default false); the report warns that',
          'the target was not authenticated. Prefer POLYTOMIC_CA_CERT.',
        ],
        example: 'false',
        set: true,
      },
      {
        name: 'HTTPS_PROXY',
        default: 'none',
        meaning:
          '`http://[user:password@]host:port` proxy for the deployment (also `HTTP_PROXY`); never for the bundled server',
        comment: [
          'Proxies: the usual HTTPS_PROXY / HTTP_PROXY (http://[user:password@]host:port) and NO_PROXY',
          'are honoured for the deployment, never for the bundled reference server.',
        ],
        example: 'http://proxy.example.com:3128',
      },
      {
        name: 'NO_PROXY',
        default: 'none',
        meaning: 'hosts reached without the proxy',
        comment: [],
        example: 'localhost,127.0.0.1',
      },
      {
        name: 'POLYTOMIC_MAX_BODY_BYTES',
        default: '`5242880` (5 MiB)',
        meaning: 'response bodies larger than this are not parsed or judged',
        comment: [
          'Response bodies larger than this many bytes are not parsed or judged (default 5242880, 5 MiB):',
          'reading stops there while the body streams, counted after inflation if the target compresses.',
        ],
        example: '5242880',
        set: true,
      },
      {
        name: 'POLYTOMIC_RETRY_LIMIT',
        default: '`2`',
        meaning: 'retries of a request answered 429 or 503 with Retry-After',
        comment: [
          'A 429 or 503 with Retry-After is retried this many times (default 2, 0 to never retry) …',
        ],
        example: '2',
        set: true,
      },
      {
        name: 'POLYTOMIC_RETRY_MAX_WAIT_MS',
        default: '`10000`',
        meaning: 'the most those retries wait in all for one request',
        comment: [
          '… waiting at most this many milliseconds in all for one request (default 10000); the retries are',
          'noted on the test in the report.',
        ],
        example: '10000',
        set: true,
      },
    ],
  },
  {
    title: 'Summaries (npm run gate, npm run verify)',
    variables: [
      {
        name: 'POLYTOMIC_HASH_HOST',
        default: '`false`',
        meaning:
          "name the target in `summary.json` only by the sha256 of its host (and hide it in verify's report)",
        comment: [
          'Name the target in summary.json only by the sha256 of its host name, and replace the host in',
          "verify's HTML report (true/false, default false): for a partner who would rather not name its install.",
        ],
        example: 'false',
        set: true,
      },
    ],
  },
  {
    title: 'Bundled reference server',
    variables: [
      {
        name: 'REFERENCE_HOST',
        default: '`127.0.0.1`',
        meaning: 'where the bundled reference server listens',
        comment: ['Where it listens (default 127.0.0.1:4010).'],
        example: '127.0.0.1',
        set: true,
      },
      {
        name: 'REFERENCE_PORT',
        default: '`4010`',
        meaning: 'the port it listens on',
        comment: [],
        example: '4010',
        set: true,
      },
      {
        name: 'REFERENCE_FAULTS',
        default: 'none',
        meaning:
          "named faults to switch on (`npm run reference -- --list-faults`, with each one's level)",
        comment: [
          'Named faults to switch on, comma-separated (npm run reference -- --list-faults). Default none.',
        ],
        example: '',
        set: true,
      },
      {
        name: 'REFERENCE_VARIATIONS',
        default: 'none',
        meaning:
          'tolerated variations to switch on (`npm run reference -- --list-variations` lists them all)',
        comment: [
          'Tolerated variations to switch on, comma-separated (npm run reference -- --list-variations). Default none.',
        ],
        example: '',
        set: true,
      },
      {
        name: 'REFERENCE_LATENCY_MS',
        default: '`0`',
        meaning: 'latency added to every reference response',
        comment: ['Latency added to every response, in milliseconds (default 0).'],
        example: '0',
        set: true,
      },
      {
        name: 'REFERENCE_DEFAULT_VERSION',
        default: '`2025-09-18`',
        meaning: 'the version the reference serves a request without `X-Polytomic-Version` as',
        comment: [
          'The supported version a request without X-Polytomic-Version is served as, and named in the',
          "response's header (default 2025-09-18, the newest versioning guide's default).",
        ],
        example: '2025-09-18',
      },
      {
        name: 'REFERENCE_RECORD',
        default: 'none',
        meaning:
          'a file to append every request the server answers to (it holds the Authorization headers: a temporary file only)',
        comment: [
          'A file to append every request the server answers to, one JSON line each (npm run bench uses it).',
          'It holds the Authorization headers received: point it at a temporary file only.',
        ],
        example: '/tmp/reference-requests.jsonl',
      },
    ],
  },
];
