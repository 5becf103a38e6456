import { cpSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { validateInternal } from '../../harness/internal-schemas';
import { REFERENCE_KEYS } from '../../reference/defaults';
import { contractHash, hostHash } from '../../scripts/fingerprint';
import { testRows } from '../../scripts/results';
import { buildSummary, uniqueRows } from '../../scripts/summary-json';
import { summaryMarkdown } from '../../scripts/summary-markdown';
import { ROOT, syntheticReport, tempDir } from './helpers';

// summary.json: machine-readable, valid against schemas-internal/summary.schema.json,
// with a fingerprint that names nothing secret.

const ROWS = testRows(
  syntheticReport([
    {
      project: 'preflight',
      family: 'credentials',
      title: 'POLYTOMIC_PARTNER_KEY is a partner credential',
      status: 'expected',
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
      errors: ['[auth_scope]\n  Received: 200\n  Documented: 403'],
    },
    {
      project: '2024-02-08',
      family: 'auth',
      title: 'GET /api/organizations · apiKey → 403',
      status: 'flaky',
    },
  ]),
);
const TARGET = { targetUrl: 'https://polytomic.acme.example', bundled: false };
const PROBES = [
  { requested: '2025-09-18', status: 200, served: '2025-09-18' },
  { requested: null, status: 200, served: '2025-09-18' },
];

test('summary.json: counts per version × family, failures by id, valid against its schema', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false, probes: PROBES });
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summary.versions).toEqual({
    run: ['2025-09-18', '2024-02-08'],
    reported: ['2025-09-18'],
    probes: PROBES,
  });
  expect(summary.counts['2025-09-18']).toEqual({
    schema: { passed: 1, failed: 0, skipped: 0, flaky: 0 },
    auth: { passed: 0, failed: 1, skipped: 0, flaky: 0 },
  });
  expect(summary.totals).toEqual({ passed: 2, failed: 1, skipped: 0, flaky: 1 });
  expect(summary.failures).toEqual([
    {
      id: '2025-09-18 · GET /api/organizations · apiKey · auth_scope',
      version: '2025-09-18',
      endpoint: 'GET /api/organizations',
      mode: 'apiKey',
      check: 'auth_scope',
      family: 'auth',
      test: 'GET /api/organizations · apiKey → 403',
    },
  ]);
  expect(summary.target).toEqual({
    bundled: false,
    url: TARGET.targetUrl,
    host: 'polytomic.acme.example',
  });
  expect(summary.contract).toEqual(contractHash());
  expect(summary.harness.name).toBe('polytomic-conformance');
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

test('summary.md: the table and the failures, for a job summary', () => {
  const markdown = summaryMarkdown(buildSummary(ROWS, { config: TARGET, hashHost: false }));
  expect(markdown).toContain('| version | schema | auth | credentials |');
  expect(markdown).toContain('| 2025-09-18 | 1/0/0 | 0/1/0 | – |');
  expect(markdown).toContain('- `2025-09-18 · GET /api/organizations · apiKey · auth_scope`');
});

test('a merged sharded run counts the tests every shard ran once, keeping a failure', () => {
  const preflight = { project: 'preflight', family: 'safety', title: 'snapshot' } as const;
  const rows = testRows(
    syntheticReport([
      { ...preflight, status: 'expected' },
      { ...preflight, status: 'unexpected', errors: ['[no_collateral_damage]'] },
      { ...preflight, status: 'expected' },
    ]),
  );
  expect(uniqueRows(rows).map((row) => row.status)).toEqual(['failed']);
});
