import { cpSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import { testRows } from '../../scripts/lib/run/results';
import { validateInternal } from '../../scripts/lib/schemas/internal-schemas';
import { contractHash, hostHash } from '../../scripts/lib/summary/fingerprint';
import { summaryMarkdown } from '../../scripts/lib/summary/markdown';
import {
  buildSummary,
  gateSummary,
  SUMMARY_FORMAT,
  uniqueRows,
} from '../../scripts/lib/summary/model';
import { jsonReport } from '../report/reports';
import { ROOT, tempDir } from './helpers';

// summary.json: machine-readable, valid against schemas-internal/summary.schema.json,
// with a fingerprint that names nothing secret; summary.md from it.

const OWNER_DELETE =
  "a wrong answer would remove the partner's own owner organization: judged against the bundled reference server only";
const UNKNOWN_VERSION = {
  check: 'unsupported_version',
  received: '404 {"message":"version | not found"}',
  documented: '400 (an unknown version)',
} as const;

const ROWS = testRows(
  jsonReport([
    {
      project: 'preflight',
      family: 'credentials',
      title: 'POLYTOMIC_PARTNER_KEY is a partner credential',
      status: 'expected',
      defaultServed: ['2025-09-18'],
    },
    {
      project: '2025-09-18',
      family: 'schema',
      title: 'GET /api/me · partner → 200',
      status: 'expected',
    },
    {
      project: '2025-09-18',
      family: 'auth',
      title: 'GET /api/organizations · apiKey → 403',
      status: 'unexpected',
      endpoint: 'GET /api/organizations',
      mode: 'apiKey',
      failures: [{ check: 'auth_scope', received: '200', documented: '403' }],
    },
    {
      project: '2024-02-08',
      family: 'auth',
      title: 'GET /api/organizations · apiKey → 403',
      status: 'flaky',
    },
    {
      project: '2025-09-18',
      family: 'version-header',
      title: 'identity with an unknown version → 400',
      status: 'expected',
      endpoint: 'GET /api/me',
      mode: 'partner',
      warnings: [UNKNOWN_VERSION],
    },
    {
      project: '2024-02-08',
      family: 'version-header',
      title: 'identity with an unknown version → 400',
      status: 'expected',
      endpoint: 'GET /api/me',
      mode: 'partner',
      warnings: [UNKNOWN_VERSION],
    },
    {
      project: '2025-09-18',
      family: 'auth',
      title: 'DELETE own owner organization · partner → 403',
      status: 'skipped',
      endpoint: 'DELETE /api/organizations/{id}',
      mode: 'partner',
      skip: `not judged here: ${OWNER_DELETE}`,
      notJudgedHere: OWNER_DELETE,
    },
    {
      project: '2025-09-18',
      family: 'auth',
      title: 'GET /api/organizations · deployment → 403',
      status: 'skipped',
      skip: 'deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY): skipped',
    },
  ]),
);
const TARGET = { targetUrl: 'https://polytomic.acme.example', bundled: false };
const PROBES = [
  { requested: '2025-09-18', status: 200, served: '2025-09-18' },
  { requested: null, status: 200, served: '2025-09-18' },
];
const counts = (given: Partial<Record<string, number>>) => ({
  passed: 0,
  warned: 0,
  failed: 0,
  skipped: 0,
  notJudgedHere: 0,
  flaky: 0,
  ...given,
});

test('summary.json: counts per version × family, failures by id, valid against its schema', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false, probes: PROBES });
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summary.summaryFormat).toBe(SUMMARY_FORMAT);
  expect(summary.versions).toEqual({
    run: ['2025-09-18', '2024-02-08'],
    defaultServed: ['2025-09-18'],
    reported: ['2025-09-18'],
    probes: PROBES,
  });
  expect(summary.counts['2025-09-18']).toEqual({
    schema: counts({ passed: 1 }),
    auth: counts({ failed: 1, skipped: 1, notJudgedHere: 1 }),
    'version-header': counts({ warned: 1 }),
  });
  // Disjoint outcomes: a warned test is not also passed; the flaky one is among the passed.
  expect(summary.totals).toEqual(
    counts({ passed: 3, warned: 2, failed: 1, skipped: 1, notJudgedHere: 1, flaky: 1 }),
  );
  expect(summary.target).toEqual({
    bundled: false,
    url: TARGET.targetUrl,
    host: 'polytomic.acme.example',
  });
  expect(summary.contract).toEqual(contractHash());
  expect(summary.harness.name).toBe('polytomic-conformance');
});

test('summary.json: a failure carries its rule, level, source and what was seen', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  expect(summary.failures).toEqual([
    {
      id: '2025-09-18 · GET /api/organizations · apiKey · auth_scope',
      version: '2025-09-18',
      endpoint: 'GET /api/organizations',
      mode: 'apiKey',
      check: 'auth_scope',
      family: 'auth',
      test: 'GET /api/organizations · apiKey → 403',
      rule: expect.any(String),
      level: 'documented',
      source: expect.stringMatching(/^[A-Z0-9.-]+: \S/),
      received: '200',
      documented: '403',
    },
  ]);
});

test('summary.json: warnings by rule with level, source, test count and one example', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  expect(summary.warnings).toEqual([
    {
      check: 'unsupported_version',
      rule: 'An unknown or malformed X-Polytomic-Version gets 400 (a 2xx naming it fails, a 5xx is safety)',
      level: 'decision',
      source: 'CONTRACT: no source gives the status for an unknown version',
      tests: 2,
      versions: ['2024-02-08', '2025-09-18'],
      example: {
        id: '2025-09-18 · GET /api/me · partner · unsupported_version',
        test: 'identity with an unknown version → 400',
        received: UNKNOWN_VERSION.received,
        documented: UNKNOWN_VERSION.documented,
      },
    },
  ]);
});

test('summary.json: not judged here is listed apart from the skips, with why', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  expect(summary.notJudgedHere).toEqual([
    {
      reason: OWNER_DELETE,
      tests: 1,
      which: ['2025-09-18 · DELETE own owner organization · partner → 403'],
    },
  ]);
  expect(summary.skipped).toEqual([
    { reason: 'deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY)', tests: 1 },
  ]);
});

test('the schema refuses counts without warned or not judged, and a warning without its example', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  const { warned: _warned, ...noWarned } = summary.totals;
  expect(validateInternal('summary', { ...summary, totals: noWarned })).not.toEqual([]);
  const [warning] = summary.warnings;
  const { example: _example, ...noExample } = warning ?? { example: undefined };
  expect(validateInternal('summary', { ...summary, warnings: [noExample] })).not.toEqual([]);
  expect(validateInternal('summary', { ...summary, summaryFormat: 1 })).not.toEqual([]);
});

test('a hashed host leaves no trace of the name, and the schema refuses a half-hashed target', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: true });
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summary.target).toEqual({
    bundled: false,
    hostSha256: hostHash('polytomic.acme.example'),
  });
  expect(JSON.stringify(summary)).not.toContain('acme');
  const leaky = { ...summary, target: { ...summary.target, host: 'polytomic.acme.example' } };
  expect(validateInternal('summary', leaky)).not.toEqual([]);
});

test('no key appears in summary.json or summary.md', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false, probes: PROBES });
  const text = JSON.stringify(summary) + summaryMarkdown(summary);
  for (const key of Object.values(REFERENCE_KEYS)) expect(text).not.toContain(key);
});

test('the contract hash changes with a schema file and with nothing else', () => {
  const copy = tempDir('contract');
  for (const dir of ['contract', 'schemas'])
    cpSync(`${ROOT}/${dir}`, `${copy}/${dir}`, { recursive: true });
  const before = contractHash(copy);
  expect(before).toEqual(contractHash());
  writeFileSync(`${copy}/README.md`, 'not part of the contract');
  expect(contractHash(copy)).toEqual(before);
  writeFileSync(`${copy}/schemas/common/organization.json`, '{}');
  expect(contractHash(copy).sha256).not.toBe(before.sha256);
});

test('summary.md: the table, the failures with level and source, for a job summary', () => {
  const markdown = summaryMarkdown(buildSummary(ROWS, { config: TARGET, hashHost: false }));
  expect(markdown).toContain(
    '**3 passed, 2 warned, 1 failed, 1 skipped, 1 not judged here (1 flaky, among the passed and warned)**',
  );
  expect(markdown).toContain('| version | schema | version-header | auth | credentials |');
  expect(markdown).toContain('| 2025-09-18 | 1/0/0/0/0 | 0/1/0/0/0 | 0/0/1/1/1 | – |');
  expect(markdown).toContain('Cells: passed/warned/failed/skipped/not judged here');
  expect(markdown).toMatch(
    /^- `2025-09-18 · GET \/api\/organizations · apiKey · auth_scope` — \*\*documented\*\* — [A-Z0-9.-]+: .+ — received `200`, documented `403`$/m,
  );
  expect(markdown).toContain('Requests without `X-Polytomic-Version` were served as: 2025-09-18');
});

test('summary.md: the warnings with rule, level, source, count and example; not judged apart', () => {
  const markdown = summaryMarkdown(buildSummary(ROWS, { config: TARGET, hashHost: false }));
  expect(markdown).toContain('### Warnings (unconfirmed expectations) (1 rule, 2 tests)');
  // A pipe in a rule or a quote stays inside its cell.
  expect(markdown).toContain(
    '| `unsupported_version`: An unknown or malformed X-Polytomic-Version gets 400 (a 2xx naming it fails, a 5xx is safety) | decision | CONTRACT: no source gives the status for an unknown version | 2 (2024-02-08, 2025-09-18) | `2025-09-18 · GET /api/me · partner · unsupported_version`: received `404 {"message":"version \\| not found"}`, documented `400 (an unknown version)` |',
  );
  expect(markdown).toContain(`### Not judged here, and why (1)`);
  expect(markdown).toContain(
    `- ${OWNER_DELETE} — 1 test: 2025-09-18 · DELETE own owner organization · partner → 403`,
  );
  expect(markdown).toContain('### Skipped (1)');
  expect(markdown).toContain('- deployment key not configured (POLYTOMIC_DEPLOYMENT_KEY) — 1 test');
});

test("summary.md: the gate's new failures carry their level and source", () => {
  const summary = buildSummary(ROWS, {
    config: TARGET,
    hashHost: false,
    gate: gateSummary(
      {
        passed: false,
        newFailures: [
          {
            id: {
              version: '2025-09-18',
              endpoint: 'GET /api/organizations',
              mode: 'apiKey',
              check: 'auth_scope',
            },
            test: 'GET /api/organizations · apiKey → 403',
            family: 'auth',
          },
        ],
        known: [],
        fixed: [],
        expired: [],
        notRun: [],
      },
      'conformance.baseline.json',
    ),
  });
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summaryMarkdown(summary)).toMatch(
    /^- `2025-09-18 · GET \/api\/organizations · apiKey · auth_scope` — \*\*documented\*\* — /m,
  );
});

test('a merged sharded run counts the tests every shard ran once, keeping a failure', () => {
  const preflight = { project: 'preflight', family: 'safety', title: 'snapshot' } as const;
  const rows = testRows(
    jsonReport([
      { ...preflight, status: 'expected' },
      { ...preflight, status: 'unexpected', failures: ['no_collateral_damage'] },
      { ...preflight, status: 'expected' },
    ]),
  );
  expect(uniqueRows(rows).map((row) => row.status)).toEqual(['failed']);
});
