import path from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError,
  TestResult,
} from '@playwright/test/reporter';
import { redact } from '../secrets/redact';
import { truncate } from '../text/truncate';
import {
  ANNOTATION,
  departuresOf,
  failedBy,
  NO_MODE,
  type RecordedViolation,
} from './test-identity';

/**
 * The console of `npm run conformance`: one line per failing check — rule, version, request,
 * mode, what was received against what is documented — the first PER_RULE of each rule, then
 * how many more. Playwright's own reporters print every failed test whole (a target breaking
 * one rule on every answer made 36,000 lines, the summary after them); the details of each
 * are in the report. The run's summary follows, printed by scripts/conformance.ts.
 */
export const CONSOLE_REPORTER = path.resolve(__dirname, 'console-reporter.ts');

/** Lines per broken rule, and in all: a run breaking many rules stays a few screens. */
export const PER_RULE = 5;
export const ALL_RULES = 60;
/** Failed tests that recorded no departure (a harness or target error), one line each. */
export const UNNAMED = 10;
/** Characters of a line; the rest is in the report. */
const WIDTH = 220;

interface Tally {
  shown: number;
  departures: number;
  readonly tests: Set<string>;
}

export default class ConsoleReporter implements Reporter {
  private readonly rules = new Map<string, Tally>();
  private shown = 0;
  private unnamed = 0;
  /** As the summary counts (scripts/lib/run/results.ts outcomeOf): each test in one, flaky apart. */
  private readonly counts = {
    passed: 0,
    warned: 0,
    failed: 0,
    skipped: 0,
    notJudgedHere: 0,
    flaky: 0,
  };

  private readonly write: (line: string) => void;
  /** On a terminal, one line that counts the tests done, rewritten in place. */
  private readonly progress?: (text: string) => void;
  private total = 0;
  private done = 0;

  /** Playwright passes its reporter options; a self-test passes where the lines go. */
  constructor(options: { readonly write?: (line: string) => void } = {}) {
    if (options.write) this.write = options.write;
    else if (process.stdout.isTTY) {
      // Erase the progress line, write, and let the next test end redraw it.
      this.write = (line) => process.stdout.write(`\r\u001b[2K${line}\n`);
      this.progress = (text) =>
        process.stdout.write(`\r\u001b[2K${text.slice(0, (process.stdout.columns || 80) - 1)}`);
    } else this.write = (line) => console.log(line);
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    const tests = suite.allTests().length;
    this.total = tests;
    this.write(`Running ${tests} test${tests === 1 ? '' : 's'} using ${config.workers} workers`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // A test counts once, at its last attempt; each failed attempt is printed.
    const last =
      result.status === 'passed' || result.status === 'skipped' || result.retry >= test.retries;
    if (last) {
      this.count(test, result);
      this.done += 1;
      this.progress?.(`[${this.done}/${this.total}] ${test.titlePath().slice(1).join(' › ')}`);
    }
    if (result.status === test.expectedStatus || result.status === 'skipped') return;
    const where = test.parent.project()?.name ?? '';
    const failures = failedBy(result);
    if (failures.length === 0) {
      this.unnamedFailure(test, result, where);
      return;
    }
    for (const found of failures) {
      const tally = this.rules.get(found.check) ?? { shown: 0, departures: 0, tests: new Set() };
      tally.departures += 1;
      tally.tests.add(test.id);
      this.rules.set(found.check, tally);
      if (tally.shown >= PER_RULE || this.shown >= ALL_RULES) continue;
      tally.shown += 1;
      this.shown += 1;
      this.write(line(found, where));
    }
  }

  onError(error: TestError): void {
    const lines = (error.message ?? error.value ?? 'an error outside any test').split('\n');
    for (const text of lines.slice(0, 10)) this.write(redact(text));
    if (lines.length > 10) this.write(`  … ${lines.length - 10} more lines`);
  }

  onStdErr(chunk: string | Buffer, test?: TestCase): void {
    // A test's output is in its report; the runner's own (the web server's) is printed.
    if (!test) process.stderr.write(redact(chunk.toString()));
  }

  onStdOut(chunk: string | Buffer, test?: TestCase): void {
    if (!test) process.stdout.write(redact(chunk.toString()));
  }

  onEnd(result: FullResult): void {
    this.progress?.('');
    for (const [rule, tally] of this.rules) {
      const more = tally.departures - tally.shown;
      if (more > 0)
        this.write(
          `  … and ${more} more ${rule} (${tally.departures} in ${tally.tests.size} failed test${tally.tests.size === 1 ? '' : 's'}; each is in the report)`,
        );
    }
    if (this.unnamed > UNNAMED)
      this.write(`  … and ${this.unnamed - UNNAMED} more failed without a named check`);
    const { passed, warned, failed, skipped, notJudgedHere, flaky } = this.counts;
    const flakyText = flaky > 0 ? ` (${flaky} flaky: failed, then passed on retry)` : '';
    this.write(
      `${passed} passed, ${warned} warned, ${failed} failed, ${skipped} skipped, ${notJudgedHere} not judged here${flakyText} (${(result.duration / 1000).toFixed(1)} s)`,
    );
  }

  private count(test: TestCase, result: TestResult): void {
    const outcome = test.outcome();
    const annotations = [...test.annotations, ...result.annotations];
    if (outcome === 'unexpected') this.counts.failed += 1;
    else if (outcome === 'skipped') {
      const notJudged = annotations.some((note) => note.type === ANNOTATION.notJudgedHere);
      this.counts[notJudged ? 'notJudgedHere' : 'skipped'] += 1;
    } else {
      const warned = departuresOf(result).some((found) => found.severity === 'warning');
      this.counts[warned ? 'warned' : 'passed'] += 1;
      if (outcome === 'flaky') this.counts.flaky += 1;
    }
  }

  private unnamedFailure(test: TestCase, result: TestResult, where: string): void {
    this.unnamed += 1;
    if (this.unnamed > UNNAMED) return;
    const message = result.errors[0]?.message ?? result.error?.message ?? result.status;
    const first = message.split('\n').find((text) => text.trim() !== '') ?? message;
    const title = test.titlePath().slice(3).join(' › ');
    this.write(fit(`  ✘ ${where} · ${title}: ${stripAnsi(first).trim()}`));
  }
}

/** `✘ rule · version · METHOD path · mode → status: received …, documented …` */
function line(found: RecordedViolation, version: string): string {
  const status = found.status === undefined ? '' : ` → ${found.status}`;
  const request = `${found.endpoint || NO_MODE} · ${found.mode || NO_MODE}${status}`;
  return fit(
    `  ✘ ${found.check} · ${version} · ${request}: received ${oneLine(found.received)}, documented ${oneLine(found.documented)}`,
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function fit(text: string): string {
  return truncate(redact(text), WIDTH);
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
