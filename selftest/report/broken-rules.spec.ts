import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { TestResult as PlaywrightResult, TestCase } from '@playwright/test/reporter';
import type { TestResult } from 'allure-js-commons';
import {
  BROKEN_RULE_LABEL,
  brokenRules,
  CHECK_ID_LABEL,
  withBrokenRules,
} from '../../harness/report/broken-rules';
import { BROKEN_RULES_CATEGORY, reportCategories } from '../../harness/report/environment';
import { ANNOTATION } from '../../harness/report/test-identity';
import { checkIdsOf, formatCheckId } from '../../scripts/lib/gate/check-id';
import { markKnownIssues } from '../../scripts/lib/report/known-issues';
import { testRows } from '../../scripts/lib/run/results';
import { jsonReport } from './reports';

/**
 * The report of a broken run: a version-header bug sat in the tree under "auth 37 failed",
 * and a failed test's page named every rule it judged, not the one that broke. Each failed
 * test now carries the rules that broke it (labels, description, actual/expected), its check
 * ids as the gate names them, and is a known issue when the baseline accepts it.
 */
function departure(check: string, severity: 'error' | 'warning' = 'error') {
  return {
    type: ANNOTATION.violation,
    description: JSON.stringify({
      check,
      family: 'version-header',
      level: severity === 'error' ? 'documented' : 'decision',
      severity,
      endpoint: 'PATCH /api/organizations/{id}',
      mode: 'partner',
      status: 200,
      received: 'X-Polytomic-Version: 2022-12-12',
      documented: 'X-Polytomic-Version: 2025-09-18 (the requested version)',
    }),
  };
}

const failedTest = {
  id: 't1',
  expectedStatus: 'passed',
  annotations: [
    { type: ANNOTATION.family, description: 'auth' },
    { type: ANNOTATION.endpoint, description: 'update /api/organizations/{id}' },
    { type: ANNOTATION.mode, description: 'partner' },
  ],
  parent: { project: () => ({ name: '2025-09-18' }) },
} as unknown as TestCase;
const failedResult = {
  status: 'failed',
  annotations: [
    { type: ANNOTATION.endpoint, description: 'PATCH /api/organizations/{id}' },
    departure('version_header_echo'),
    departure('version_header_echo'),
    departure('error_status_field', 'warning'),
  ],
} as unknown as PlaywrightResult;

test('a failed test names the rule that broke it, and its check id as the gate does', () => {
  const broken = brokenRules(failedTest, failedResult);
  expect(broken?.rules.map((found) => found.check)).toEqual(['version_header_echo']);
  const id = '2025-09-18 · PATCH /api/organizations/{id} · partner · version_header_echo';
  expect(broken?.ids).toEqual([id]);
  // The gate's id of the same test, from Playwright's JSON report.
  const [row] = testRows(
    jsonReport([
      {
        project: '2025-09-18',
        family: 'auth',
        title: 'update',
        status: 'unexpected',
        endpoint: 'PATCH /api/organizations/{id}',
        mode: 'partner',
        failures: ['version_header_echo'],
      },
    ]),
  );
  expect(row && checkIdsOf(row).map(formatCheckId)).toEqual([id]);

  const result = withBrokenRules(
    {
      labels: [{ name: 'check', value: 'write_answer' }],
      description: 'Rules judged …',
      statusDetails: { message: 'Error: 1 contract violation' },
    } as TestResult,
    broken,
  );
  expect(result.labels).toContainEqual({ name: BROKEN_RULE_LABEL, value: 'version_header_echo' });
  expect(result.labels).toContainEqual({ name: CHECK_ID_LABEL, value: id });
  expect(result.labels.filter((label) => label.name === BROKEN_RULE_LABEL)).toHaveLength(1);
  expect(result.description).toMatch(
    /^Broken .*\n\n- \*\*version_header_echo\*\* — documented — GUIDE-VERSIONING/,
  );
  expect(result.description).toContain('  - received: X-Polytomic-Version: 2022-12-12');
  expect(result.description).toMatch(/Rules judged …$/);
  expect(result.statusDetails).toEqual({
    message: 'Error: 1 contract violation',
    actual: 'X-Polytomic-Version: 2022-12-12',
    expected: 'X-Polytomic-Version: 2025-09-18 (the requested version)',
  });
});

test('a passed test, or a failure that recorded none: no rule, the harness_error id', () => {
  expect(brokenRules(failedTest, { ...failedResult, status: 'passed' })).toBeUndefined();
  const crashed = brokenRules(failedTest, { ...failedResult, annotations: [] });
  expect(crashed?.rules).toEqual([]);
  expect(crashed?.ids).toEqual([
    '2025-09-18 · update /api/organizations/{id} · partner · harness_error',
  ]);
});

test('the report groups the failed tests by the rule that broke them, then by version', () => {
  const [first] = reportCategories();
  expect(first).toEqual({
    name: BROKEN_RULES_CATEGORY,
    matchers: { statuses: ['failed'], labels: { [BROKEN_RULE_LABEL]: '.+' } },
    groupBy: [{ label: BROKEN_RULE_LABEL }, { label: 'parentSuite' }],
    groupByMessage: false,
  });
});

test('a failure the baseline accepts, as the gate does, is a known issue; an expired entry is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'known-'));
  try {
    const write = (name: string, ids: string[], status = 'failed') =>
      writeFileSync(
        join(dir, `${name}-result.json`),
        JSON.stringify({
          uuid: name,
          status,
          statusDetails: { message: 'Error' },
          labels: ids.map((value) => ({ name: CHECK_ID_LABEL, value })),
        }),
      );
    write('accepted', ['2025-09-18 · GET /api/me · partner · version_header_echo']);
    write('expired', ['2024-02-08 · GET /api/me · partner · version_header_echo']);
    write('partly', [
      '2025-09-18 · GET /api/me · partner · version_header_echo',
      '2025-09-18 · GET /api/me · partner · schema',
    ]);
    write('unlabelled', []);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(
      baseline,
      JSON.stringify({
        entries: [
          {
            id: '2025-09-18 · GET /api/* · partner · version_header_echo',
            reason: 'the header is set by the proxy; fix in 2026.12',
            owner: 'platform-team',
            expires: '2026-12-31',
          },
          {
            id: '2024-02-08 · GET /api/me · partner · version_header_echo',
            reason: 'old',
            owner: 'platform-team',
            expires: '2026-01-01',
          },
        ],
      }),
    );
    expect(markKnownIssues(dir, baseline, '2026-12-07')).toBe(1);
    const read = (name: string) =>
      JSON.parse(readFileSync(join(dir, `${name}-result.json`), 'utf8'));
    expect(read('accepted').statusDetails).toEqual({ message: 'Error', known: true });
    expect(read('accepted').description).toContain(
      'the header is set by the proxy; fix in 2026.12 — platform-team, until 2026-12-31',
    );
    for (const name of ['expired', 'partly', 'unlabelled'])
      expect(read(name).statusDetails.known).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
