import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase } from '@playwright/test/reporter';
import XMLBuilder from 'fast-xml-builder';
import { truncate } from '../text/truncate';
import { failedBy } from './test-identity';

/**
 * JUnit XML for CI dashboards. Playwright's junit reporter writes every thrown error that is
 * not an `expect()` as `<error>` (the harness crashed) and names a test without its project,
 * so a broken rule was 440 errors and 119 names repeated across the API versions. Here:
 * - a test failed by a judged exchange (it recorded a departure) is a `<failure>`, its type
 *   the rule, its message what was received against what is documented;
 * - a failed test that recorded none (a timeout, a thrown error) is an `<error>`;
 * - each test's name starts with its project (`[2025-09-18] auth › …`), as Playwright's
 *   `includeProjectInTestName` would, and each suite is one project's file.
 */
export const JUNIT_REPORTER = path.resolve(__dirname, 'junit-reporter.ts');

interface Options {
  readonly outputFile: string;
  readonly configDir?: string;
}

type Node = Record<string, unknown>;

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export default class JUnitReporter implements Reporter {
  private suite?: Suite;
  private readonly started = new Date();
  private readonly outputFile: string;

  constructor(options: Options) {
    this.outputFile = path.resolve(options.configDir ?? process.cwd(), options.outputFile);
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.suite = suite;
  }

  onEnd(result: FullResult): void {
    const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const suites: Node[] = [];
    for (const project of this.suite?.suites ?? [])
      for (const file of project.suites) {
        const built = testSuite(project.title, file, this.started);
        if (!built) continue;
        suites.push(built.node);
        for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += built.counts[key];
      }
    const xml = new XMLBuilder({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      format: true,
      suppressEmptyNode: true,
    }).build({
      testsuites: {
        '@_name': 'Polytomic API conformance',
        ...attributes(total),
        '@_time': seconds(result.duration),
        testsuite: suites,
      },
    });
    mkdirSync(path.dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  }
}

function testSuite(
  project: string,
  file: Suite,
  started: Date,
): { node: Node; counts: Counts } | undefined {
  const tests = file.allTests();
  if (tests.length === 0) return undefined;
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let duration = 0;
  const cases = tests.map((test) => {
    counts.tests += 1;
    for (const result of test.results) duration += result.duration;
    const built = testCase(project, file.title, test);
    if (built.kind) counts[built.kind] += 1;
    return built.node;
  });
  return {
    node: {
      '@_name': `${project} · ${file.title}`,
      '@_timestamp': started.toISOString(),
      '@_hostname': project,
      ...attributes(counts),
      '@_time': seconds(duration),
      testcase: cases,
    },
    counts,
  };
}

function testCase(
  project: string,
  file: string,
  test: TestCase,
): { node: Node; kind?: 'failures' | 'errors' | 'skipped' } {
  const last = test.results.at(-1);
  const node: Node = {
    '@_name': `[${project}] ${test.titlePath().slice(3).join(' › ')}`,
    '@_classname': `${project}.${file}`,
    '@_time': seconds(test.results.reduce((sum, result) => sum + result.duration, 0)),
  };
  const properties = test.annotations.map((annotation) => ({
    '@_name': annotation.type,
    '@_value': annotation.description ?? '',
  }));
  if (properties.length > 0) node.properties = { property: properties };
  const outcome = test.outcome();
  if (outcome === 'skipped') {
    const reason = [...test.annotations, ...(last?.annotations ?? [])].find(
      (annotation) => annotation.type === 'skip',
    )?.description;
    node.skipped = reason ? { '@_message': xmlText(reason) } : '';
    return { node, kind: 'skipped' };
  }
  if (outcome !== 'unexpected' || !last) return { node };
  const text = xmlText(
    last.errors.map((error) => error.message ?? error.value ?? '').join('\n\n') || last.status,
  );
  const found = failedBy(last);
  const first = found[0];
  if (first) {
    const rules = [...new Set(found.map((departure) => departure.check))];
    node.failure = {
      '@_type': rules.join(', '),
      '@_message': xmlText(
        truncate(
          `${first.check}: ${first.endpoint} · ${first.mode}: received ${first.received}, documented ${first.documented}`,
          500,
        ),
      ),
      '#text': text,
    };
    return { node, kind: 'failures' };
  }
  const message = text.split('\n').find((line) => line.trim() !== '') ?? last.status;
  node.error = {
    '@_type': /^(\w+): /.exec(message)?.[1] ?? 'Error',
    '@_message': truncate(message.trim(), 500),
    '#text': text,
  };
  return { node, kind: 'errors' };
}

function attributes(counts: Counts): Node {
  return {
    '@_tests': counts.tests,
    '@_failures': counts.failures,
    '@_errors': counts.errors,
    '@_skipped': counts.skipped,
  };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** No ANSI colours, and no character XML 1.0 cannot hold. */
function xmlText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
      .replace(/\u001b\[[0-9;]*m/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}
