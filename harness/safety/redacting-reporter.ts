import type {
  FullResult,
  Reporter,
  TestCase,
  TestError,
  TestResult,
  TestStep,
} from '@playwright/test/reporter';
import { type HarnessConfig, harnessConfig } from '../config/env';
import { readMadeKey } from '../config/made-credential';
import { redact, registerSecret } from '../secrets/redact';

/**
 * Listed first among the reporters, it masks secrets in every error before
 * the other reporters see it (Playwright hands all of them the same objects).
 * Needed because a failed request's own Playwright step carries a call log
 * that lists every request header, Authorization included, and Allure, HTML
 * and blob reports keep those steps. Keys are masked by value; a Basic token
 * built from an organization id is masked by the Authorization pattern.
 */
export default class RedactingReporter implements Reporter {
  private readonly config: HarnessConfig;
  private madeKnown = false;

  constructor() {
    this.config = harnessConfig();
  }

  /**
   * The API key the run makes at its start (harness/fixtures/global-setup.ts), after this
   * reporter was made: looked for until found, before anything is scrubbed.
   */
  private knowMadeKey(): void {
    if (this.madeKnown || this.config.keys.apiKey !== undefined) return;
    const made = readMadeKey(this.config.runId);
    if (made === undefined) return;
    registerSecret(made);
    this.madeKnown = true;
  }

  onBegin(): void {
    this.knowMadeKey();
  }

  printsToStdio(): boolean {
    return false;
  }

  onStepEnd(_test: TestCase, _result: TestResult, step: TestStep): void {
    this.knowMadeKey();
    scrub(step.error);
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    this.knowMadeKey();
    for (const error of result.errors) scrub(error);
    scrub(result.error);
    for (const annotation of result.annotations) {
      if (annotation.description) annotation.description = redact(annotation.description);
    }
  }

  onError(error: TestError): void {
    this.knowMadeKey();
    scrub(error);
  }

  onEnd(_result: FullResult): void {}
}

function scrub(error: TestError | undefined): void {
  if (!error) return;
  const mutable = error as { -readonly [K in keyof TestError]: TestError[K] };
  if (mutable.message) mutable.message = redact(mutable.message);
  if (mutable.stack) mutable.stack = redact(mutable.stack);
  if (mutable.value) mutable.value = redact(mutable.value);
  if (mutable.snippet) mutable.snippet = redact(mutable.snippet);
  scrub(mutable.cause);
}
