import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { NO_ROW_YET } from '../../contract/coverage';
import { writeSettings } from '../../scripts/lib/report/allure';
import { testRows } from '../../scripts/lib/run/results';
import { validateInternal } from '../../scripts/lib/schemas/internal-schemas';
import { formatSummary } from '../../scripts/lib/summary/console';
import { coverageAttachment } from '../../scripts/lib/summary/coverage';
import { summaryMarkdown } from '../../scripts/lib/summary/markdown';
import { buildSummary } from '../../scripts/lib/summary/model';
import { jsonReport } from './reports';

/**
 * Every summary carries the coverage of the versions the run judged: summary.json the model,
 * summary.md and the report's coverage.md every operation, the console one line per resource.
 */
const ROWS = testRows(
  jsonReport([
    { project: '2024-02-08', family: 'schema', title: 'list · partner', status: 'expected' },
    { project: '2025-09-18', family: 'schema', title: 'list · partner', status: 'expected' },
    { project: 'preflight', family: 'credentials', title: 'key', status: 'expected' },
  ]),
);
const TARGET = { targetUrl: 'https://polytomic.acme.example', bundled: false };

test('summary.json: per version run, the operations documented and judged, valid', () => {
  const summary = buildSummary(ROWS, { config: TARGET, hashHost: false });
  expect(validateInternal('summary', summary)).toEqual([]);
  const versions = summary.coverage?.versions ?? [];
  expect(versions.map((v) => [v.version, v.source, v.judged, v.documented])).toEqual([
    ['2024-02-08', 'SDK-1.18', 39, 114],
    ['2025-09-18', 'SDK-HEAD', 45, 127],
  ]);
  const webhooks = versions[1]?.resources.find((resource) => resource.resource === 'webhooks');
  expect(webhooks).toMatchObject({ documented: 7, judged: 7 });
  const schedules = versions[1]?.resources.find(
    (resource) => resource.resource === 'bulkSync.schedules',
  );
  expect(schedules).toMatchObject({ documented: 5, judged: 0 });
  expect(schedules?.operations[0]).toEqual({
    sdkMethod: 'list',
    method: 'GET',
    path: '/api/bulk/syncs/{sync_id}/schedules',
    judged: false,
    reason: NO_ROW_YET,
  });
});

test('summary.md: the table per resource × version, then every operation and why', () => {
  const markdown = summaryMarkdown(buildSummary(ROWS, { config: TARGET, hashHost: false }));
  expect(markdown).toContain('### Coverage: the operations Polytomic’s clients call');
  expect(markdown).toContain('| resource | 2024-02-08 | 2025-09-18 |');
  expect(markdown).toContain('| users | 6 of 6 | 11 of 11 |');
  expect(markdown).toContain('| webhooks | 7 of 7 | 7 of 7 |');
  expect(markdown).toContain('| **total** | **39 of 114** | **45 of 127** |');
  expect(markdown).toContain('| entities | - | 0 of 2 |');
  expect(markdown).toContain(
    `| bulkSync.schedules | list | \`GET /api/bulk/syncs/{sync_id}/schedules\` | ${NO_ROW_YET} | ${NO_ROW_YET} |`,
  );
  expect(markdown).toContain(
    '| organization | getCurrent | `GET /api/organization` | not in SDK-1.18 | judged |',
  );
});

test('the console: the judged resources, the total, the rest named; within 100 columns', () => {
  const lines = formatSummary(ROWS).split('\n');
  const cells = (start: string) =>
    lines
      .find((line) => line.startsWith(start))
      ?.trim()
      .split(/\s+/);
  expect(cells('  users')).toEqual(['users', '6/6', '11/11']);
  expect(cells('  total')).toEqual(['total', '39/114', '45/127']);
  expect(lines.join(' ')).toMatch(/8 more resources judged in no version; every operation and why/);
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
});

test("the report: coverage.md beside it, Allure's global attachment (allurerc.ts)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
  const coverage = coverageAttachment(ROWS);
  writeSettings(dir, dir, { text: 'overview', metadata: [], coverage });
  const written = readFileSync(join(dir, 'coverage.md'), 'utf8');
  expect(written).toBe(coverage);
  expect(written).toContain('| **total** | **39 of 114** | **45 of 127** |');
  expect(readFileSync(join(__dirname, '..', '..', 'allurerc.ts'), 'utf8')).toMatch(
    /globalAttachments: \[[^\]]*COVERAGE/,
  );
});
