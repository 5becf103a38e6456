import { expect, test } from '@playwright/test';
import type { Label } from 'allure-js-commons';
import { XMLParser } from 'fast-xml-parser';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, targetEnv, workspace } from '../safety/helpers';

/**
 * `npm run conformance` against a target breaking one rule on every answer. Its console was
 * 36,151 lines, the broken rules starting at line 36,115 after 440 failed tests printed whole:
 * now at most 300 lines, the broken rule in the last screen, the summary last and whole. Its
 * JUnit XML had 440 <error>s (a harness crash) and test names repeated across versions: now
 * each failed test is a <failure>, each name holds its version. Its Allure results name the
 * rule that broke each failed test.
 */
const MAX_LINES = 300;
const LAST_SCREEN = 50;

test('a one-rule-broken run: a few hundred console lines, the rule last; JUnit failures, versioned names', async () => {
  test.setTimeout(300_000);
  const reference = await startReferenceServer({
    port: 0,
    keys: DISTINCT_KEYS,
    faults: ['wrongVersionEcho'],
  });
  const ws = workspace();
  try {
    const env = targetEnv(reference.url, DISTINCT_KEYS, {
      POLYTOMIC_ALLOW_WRITES: 'true',
      POLYTOMIC_RUN_ID: 'console-lines',
      // The console `npm run conformance` chooses, as a user gets it.
      POLYTOMIC_CONSOLE: '',
    });
    const suite = await run('npm', ['run', 'conformance'], {
      cwd: ws.dir,
      env,
      timeoutMs: 240_000,
    });
    const lines = `${suite.stdout}${suite.stderr}`.trimEnd().split('\n');
    console.log(`console: ${lines.length} lines, exit ${suite.code}`);
    expect(suite.code, lines.slice(-40).join('\n')).toBe(1);
    expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
    const failed = Number(/\d+ warned, (\d+) failed/.exec(suite.stdout)?.[1]);
    expect(failed).toBeGreaterThan(100);
    const last = lines.slice(-LAST_SCREEN).join('\n');
    expect(last).toContain('Broken rules (1 rule; each fails the run):');
    expect(last).toMatch(/version_header_echo \(documented\) +\d+ failed/);
    expect(last).toContain('Result: violations found (exit 1).');
    // One line per failing check above the summary, capped, and the rest counted.
    expect(suite.stdout).toMatch(
      / {2}✘ version_header_echo · \S+ · \S+ \S+ · \S+ → \d{3}: received /,
    );
    expect(suite.stdout).toMatch(/… and \d+ more version_header_echo/);

    const junit = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    }).parse(ws.read('reports/junit.xml')).testsuites;
    expect(junit).toMatchObject({ failures: String(failed), errors: '0' });
    const names: string[] = junit.testsuite.flatMap((suite: { testcase: { name: string }[] }) =>
      suite.testcase.map((testCase) => testCase.name),
    );
    expect(names.length).toBeGreaterThan(failed);
    expect(names.length - new Set(names).size, 'test names repeated').toBe(0);

    // The report: each failed test names the rule that broke it (harness/report/broken-rules.ts).
    const results = ws
      .outputFiles()
      .filter((file) => /^allure-results\/.*-result\.json$/.test(file))
      .map((file) => JSON.parse(ws.read(file)) as { status: string; labels: Label[] });
    const failedResults = results.filter((result) => result.status === 'failed');
    expect(failedResults.length).toBe(failed);
    for (const result of failedResults)
      expect(result.labels).toContainEqual({ name: 'brokenRule', value: 'version_header_echo' });
  } finally {
    ws.remove();
    await reference.close();
  }
});
