import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseEnvInfo, stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';
import { writeSettings } from '../../scripts/lib/report/allure';
import { testRows } from '../../scripts/lib/run/results';
import { overviewMetadata } from '../../scripts/lib/summary/console';
import { jsonReport } from './reports';

/**
 * The report's Metadata panel is the only thing above its test list: it opens with the
 * verdict and, for each broken rule, its count and one example.
 */
const broken = testRows(
  jsonReport([
    {
      project: '2025-09-18',
      family: 'version-header',
      title: 'GET /api/me · partner → 200',
      status: 'unexpected',
      endpoint: 'GET /api/me',
      mode: 'partner',
      failures: [
        {
          check: 'version_header_echo',
          received: 'X-Polytomic-Version: 2022-12-12',
          documented: 'X-Polytomic-Version: 2025-09-18',
        },
      ],
    },
    { project: '2025-09-18', family: 'schema', title: 'list · partner', status: 'expected' },
  ]),
);

test('a failing run: the verdict, then each broken rule with its count and an example', () => {
  const pairs = Object.fromEntries(overviewMetadata(broken));
  expect(pairs.result).toBe('1 rule broken · 1 failed');
  expect(pairs['broken 1']).toBe('version_header_echo · 1 failed · documented');
  expect(pairs['e.g. 1']).toBe('GET /api/me');
  expect(pairs['received 1']).toBe('X-Polytomic-Version: 2022-12-12');
  expect(pairs['documented 1']).toBe('X-Polytomic-Version: 2025-09-18');
});

test('a clean run says it conforms', () => {
  const clean = broken.filter((row) => row.status !== 'failed');
  expect(overviewMetadata(clean)).toEqual([['result', 'conforms: no rule broken']]);
});

const overview = (settings?: Record<string, string>) => ({
  text: 'overview',
  metadata: overviewMetadata(broken),
  ...(settings ? { settings } : {}),
});

test('the pairs go first in environment.properties, once, and the settings stay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overview-'));
  const file = join(dir, 'environment.properties');
  writeFileSync(
    file,
    stringifyEnvInfo({ target: 'http://127.0.0.1:4010', 'api versions': '2025-09-18' }),
  );
  writeSettings(dir, dir, { text: 'old', metadata: [['result', 'old']] });
  writeSettings(dir, dir, overview());
  const entries = Object.entries(parseEnvInfo(readFileSync(file, 'utf8')));
  expect(entries.map(([name]) => name)).toEqual([
    'result',
    'broken 1',
    'e.g. 1',
    'received 1',
    'documented 1',
    'target',
    'api versions',
  ]);
  expect(entries[0]?.[1]).toBe('1 rule broken · 1 failed');
  expect(entries.at(-2)?.[1]).toBe('http://127.0.0.1:4010');
});

// Regression: run-settings.txt read "the bundled serveru2019s reference key" when a hand-written
// reader re-parsed environment.properties and dropped the backslash of \u2019.
test('run-settings.txt is written from the settings object, every character kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'settings-'));
  const settings = {
    target: 'http://127.0.0.1:4010 (bundled reference server)',
    keys: 'partner key: the bundled server’s reference key; API key: made by the run (user a=b)',
    'decision: non-UUID id': '400, 404 or 422 — a decision',
  };
  writeSettings(dir, dir, overview(settings));
  const text = readFileSync(join(dir, 'run-settings.txt'), 'utf8');
  for (const [name, value] of Object.entries(settings)) expect(text).toContain(`${name}: ${value}`);
  expect(text).not.toContain('u2019');
  // The Metadata panel holds the same object after the overview's pairs.
  const panel = parseEnvInfo(readFileSync(join(dir, 'environment.properties'), 'utf8'));
  expect(panel).toEqual({ ...Object.fromEntries(overviewMetadata(broken)), ...settings });
});
