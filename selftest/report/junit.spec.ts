import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase } from '@playwright/test/reporter';
import { XMLParser } from 'fast-xml-parser';
import JUnitReporter from '../../harness/report/junit-reporter';
import { ANNOTATION } from '../../harness/report/test-identity';

/**
 * reports/junit.xml for CI dashboards: a violation (a judged check failing) is a <failure>,
 * an <error> only a harness error (nothing judged failed the test); every test's name holds
 * its API version. Playwright's own reporter wrote 440 <error>s for one broken rule, and
 * 119 names repeated across the versions.
 */
const VIOLATION = {
  type: ANNOTATION.violation,
  description: JSON.stringify({
    check: 'version_header_echo',
    family: 'version-header',
    level: 'documented',
    severity: 'error',
    endpoint: 'GET /api/me',
    mode: 'partner',
    status: 200,
    received: 'X-Polytomic-Version: 2022-12-12',
    documented: 'X-Polytomic-Version: 2025-09-18 (the requested version)',
  }),
};
const WARNING = {
  type: ANNOTATION.violation,
  description: JSON.stringify({ ...JSON.parse(VIOLATION.description), severity: 'warning' }),
};

type Kind = 'violation' | 'crash' | 'skipped' | 'passed';

function fakeTest(project: string, title: string, kind: Kind): TestCase {
  const message =
    kind === 'violation'
      ? '\u001b[31mError: 1 contract violation in GET /api/me\u001b[39m\n[version_header_echo]'
      : 'TransportError: socket hang up\n    at send (harness/http/client.ts:1:1)';
  const failed = kind === 'violation' || kind === 'crash';
  return {
    title,
    annotations: kind === 'skipped' ? [{ type: 'skip', description: 'no deployment key' }] : [],
    outcome: () => (failed ? 'unexpected' : kind === 'skipped' ? 'skipped' : 'expected'),
    titlePath: () => ['', project, 'auth.spec.ts', 'auth', title],
    results: [
      {
        duration: 12,
        status: failed ? 'failed' : kind === 'skipped' ? 'skipped' : 'passed',
        retry: 0,
        errors: failed ? [{ message }] : [],
        annotations:
          kind === 'violation' ? [VIOLATION, WARNING] : kind === 'crash' ? [WARNING] : [],
      },
    ],
  } as unknown as TestCase;
}

function fakeRun(projects: readonly string[], kinds: readonly Kind[]): Suite {
  const suites = projects.map((project) => {
    const tests = kinds.map((kind, i) => fakeTest(project, `test ${i} · ${kind}`, kind));
    const file = { title: 'auth.spec.ts', allTests: () => tests };
    return { title: project, suites: [file] };
  });
  return { suites } as unknown as Suite;
}

function junitOf(suite: Suite) {
  const dir = mkdtempSync(join(tmpdir(), 'junit-'));
  try {
    const reporter = new JUnitReporter({ outputFile: join(dir, 'junit.xml') });
    reporter.onBegin({} as FullConfig, suite);
    reporter.onEnd({ status: 'failed', duration: 1500 } as FullResult);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    }).parse(xml);
    return { xml, root: parsed.testsuites };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Case = { name: string; failure?: { type: string; message: string }; error?: object };

test('a violation is a <failure> typed by its rule; an <error> only for a harness error', () => {
  const { root, xml } = junitOf(
    fakeRun(['2025-09-18'], ['violation', 'crash', 'skipped', 'passed']),
  );
  expect(root).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
  const cases: Case[] = root.testsuite[0].testcase;
  expect(cases[0]?.failure).toMatchObject({
    type: 'version_header_echo',
    message:
      'version_header_echo: GET /api/me · partner: received X-Polytomic-Version: 2022-12-12, documented X-Polytomic-Version: 2025-09-18 (the requested version)',
  });
  expect(cases[0]?.error).toBeUndefined();
  // A warning (a decision departed from) does not make a crash a violation.
  expect(cases[1]?.failure).toBeUndefined();
  expect(cases[1]?.error).toMatchObject({
    type: 'TransportError',
    message: 'TransportError: socket hang up',
  });
  expect(root.testsuite[0]).toMatchObject({ failures: '1', errors: '1', skipped: '1' });
  // No ANSI escape survives (XML 1.0 cannot hold one).
  expect(xml).not.toContain('\u001b');
});

test("every test's name holds its API version: none repeats across versions", () => {
  const { root } = junitOf(fakeRun(['2024-02-08', '2025-09-18'], ['violation', 'passed']));
  const names = (root.testsuite as { testcase: Case[] }[]).flatMap((suite) =>
    suite.testcase.map((c) => c.name),
  );
  expect(names).toEqual([
    '[2024-02-08] auth › test 0 · violation',
    '[2024-02-08] auth › test 1 · passed',
    '[2025-09-18] auth › test 0 · violation',
    '[2025-09-18] auth › test 1 · passed',
  ]);
  expect(new Set(names).size).toBe(names.length);
  expect(root).toMatchObject({ tests: '4', failures: '2', errors: '0' });
});
