import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseProperty, prependEnvironment } from '../../scripts/lib/report/allure';
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
});

test('a clean run says it conforms', () => {
  const clean = broken.filter((row) => row.status !== 'failed');
  expect(overviewMetadata(clean)).toEqual([['result', 'conforms: no rule broken']]);
});

test('the pairs go first in environment.properties, once, and the settings stay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overview-'));
  const file = join(dir, 'environment.properties');
  writeFileSync(file, 'target=http\\://127.0.0.1\\:4010\napi\\ versions=2025-09-18\n');
  prependEnvironment(dir, [['result', 'old']]);
  prependEnvironment(dir, overviewMetadata(broken));
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map(parseProperty)
    .filter((entry) => entry !== undefined);
  expect(entries.map(([name]) => name)).toEqual([
    'result',
    'broken 1',
    'e.g. 1',
    'received 1',
    'target',
    'api versions',
  ]);
  expect(entries[0]?.[1]).toBe('1 rule broken · 1 failed');
  expect(entries.at(-2)?.[1]).toBe('http://127.0.0.1:4010');
});
