import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { formatViolation } from '../../harness/checks/format';
import { reportCategories, WARNING_LABEL } from '../../harness/report/environment';
import { leakedFiles } from '../../scripts/lib/ops/leak-scan';
import { buildReport } from '../../scripts/lib/report/allure';

/**
 * The report build on a tiny synthetic allure-results folder (what allure-playwright
 * writes): grouping, categories, flaky retries, run settings, no analytics, no key.
 */
const KEY = 'test-partner-key-3xY9qQ2wE7rT';

function result(name: string, status: string, start: number, extra: object = {}): object {
  return {
    uuid: randomUUID(),
    historyId: `h-${name}`,
    testCaseId: `c-${name}`,
    name,
    fullName: `spec.ts › ${name}`,
    status,
    stage: 'finished',
    start,
    stop: start + 5,
    labels: [
      { name: 'parentSuite', value: '2025-09-18' },
      { name: 'suite', value: 'version-header' },
      { name: 'subSuite', value: 'GET /api/me' },
    ],
    parameters: [],
    steps: [],
    attachments: [],
    ...extra,
  };
}

/** A failure message as harness/matchers/toConform.ts words it. */
const FAILURE_MESSAGE = formatViolation({
  check: 'version_header_echo',
  family: 'version-header',
  level: 'documented',
  severity: 'error',
  received: 'none',
  documented: '2025-09-18',
  source: 'GUIDE-VERSIONING: "Every response includes an X-Polytomic-Version header"',
});

function writeResults(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const failed = result('echo · partner → 200', 'failed', 1000, {
    statusDetails: { message: `1 contract violation in GET /api/me:\n${FAILURE_MESSAGE}` },
  });
  const tries = [
    result('flaky · partner → 200', 'failed', 2000),
    result('flaky · partner → 200', 'passed', 3000),
  ];
  // A passing test that departed from a decision: the `warning` label harness/judge/judged-api.ts sets.
  const warned = result('unknown version · partner → 400', 'passed', 4000);
  (warned as { labels: object[] }).labels.push({
    name: WARNING_LABEL,
    value: 'unsupported_version',
  });
  for (const r of [failed, ...tries, warned])
    writeFileSync(join(dir, `${randomUUID()}-result.json`), JSON.stringify(r));
  writeFileSync(
    join(dir, 'environment.properties'),
    'target=http\\://127.0.0.1\\:1\ndecision\\:\\ remove\\ success=200 or 204\n',
  );
}

/** The single-file report embeds each data file as base64 `d("name","…")`. */
function embedded(html: string, name: string): unknown {
  const match = new RegExp(`d\\("${name}","([^"]*)"\\)`).exec(html);
  if (!match) throw new Error(`${name} is not embedded in the report`);
  return JSON.parse(Buffer.from(match[1] ?? '', 'base64').toString('utf8'));
}

test.describe('the Allure report build', () => {
  test.describe.configure({ timeout: 30_000 });
  let dir: string;
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-selftest-'));
    writeResults(join(dir, 'allure-results'));
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('builds one index.html grouped version → area → endpoint, with categories and flaky', () => {
    const built = buildReport(join(dir, 'allure-results'), join(dir, 'report'));
    expect(built.ok).toBe(true);
    expect(existsSync(built.path)).toBe(true);
    const html = readFileSync(built.path, 'utf8');
    expect(html).toContain('Polytomic API conformance');
    expect(html).not.toContain('googletagmanager');

    const tree = JSON.stringify(embedded(html, 'widgets/tree.json'));
    for (const group of ['2025-09-18', 'version-header', 'GET /api/me'])
      expect(tree).toContain(`"name":"${group}"`);
    const categories = JSON.stringify(embedded(html, 'widgets/categories.json'));
    expect(categories).toContain('version-header violations');
    expect(categories).toContain('unconfirmed expectations (warnings: a decision departed from)');
    expect(categories).toContain('unsupported_version');

    const summary = JSON.parse(readFileSync(join(dir, 'report', 'summary.json'), 'utf8'));
    expect(summary.stats).toMatchObject({ total: 3, failed: 1, passed: 2, flaky: 1, retries: 1 });
    expect(readFileSync(join(dir, 'run-settings.txt'), 'utf8')).toContain(
      'decision: remove success: 200 or 204',
    );
  });
});

test.describe('a key in the results or the report is found in every form', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-leaks-'));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const cases: Record<string, string> = {
    'as sent': `authorization: Bearer ${KEY}`,
    'deployment Basic': `Authorization: Basic ${base64(`${KEY}:`)}`,
    'acting-as Basic': `authorization: basic ${base64(`3f1e2d3c-0000-4000-8000-000000000001:${KEY}`)}`,
    'embedded in the single-file report': `d("data/attachments/1.txt","${base64(`Bearer ${KEY}`)}")`,
  };
  for (const [form, text] of Object.entries(cases)) {
    test(form, () => {
      writeFileSync(join(dir, 'leak.txt'), text);
      expect(leakedFiles([dir], [KEY])).toEqual([join(dir, 'leak.txt')]);
    });
  }

  test('a redacted exchange holds none', () => {
    writeFileSync(join(dir, 'clean.txt'), 'authorization: Basic «redacted»\nBearer «redacted»');
    expect(leakedFiles([dir], [KEY])).toEqual([]);
  });
});

test.describe('the report categories', () => {
  const categories = reportCategories();
  const matcherOf = (name: string) => {
    const found = categories.find((category) => category.name === name)?.matchers;
    if (!found || typeof found === 'function' || Array.isArray(found))
      throw new Error(`${name}: no single object matcher`);
    return found as { statuses?: readonly string[]; message?: string; labels?: object };
  };

  test("a failure's message, Level line and all, lands in its check's family", () => {
    const message = matcherOf('version-header violations').message ?? '';
    expect(new RegExp(message).test(FAILURE_MESSAGE)).toBe(true);
    expect(FAILURE_MESSAGE.split('\n')).toEqual([
      '[version_header_echo]',
      '  Received:   none',
      '  Documented: 2025-09-18',
      '  Level:      documented',
      expect.stringMatching(/^ {2}Source: {5}GUIDE-VERSIONING: /),
    ]);
    expect(new RegExp(matcherOf('schema violations').message ?? '').test(FAILURE_MESSAGE)).toBe(
      false,
    );
  });

  test('warnings are the passed tests with a warning label, grouped by it', () => {
    const name = 'unconfirmed expectations (warnings: a decision departed from)';
    expect(matcherOf(name)).toEqual({ statuses: ['passed'], labels: { [WARNING_LABEL]: '.+' } });
    expect(WARNING_LABEL).toBe('warning');
    expect(categories.find((category) => category.name === name)?.groupBy?.[0]).toEqual({
      label: WARNING_LABEL,
    });
  });
});
