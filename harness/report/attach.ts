import { test } from '@playwright/test';

/**
 * Attach a text to the current step of the running test (to the test, outside any step).
 * Pushed onto testInfo.attachments, which Playwright hands to the current step: no report
 * step of its own (testInfo.attach and allure.attachment add an "Attach" step with a stack
 * capture), and no output folder made for it (attach() makes the test's folder on every
 * call, which Playwright removes again when the test ends). allure-playwright places it
 * through harness/report/allure-reporter.ts.
 */
export function attachText(name: string, body: string, contentType = 'text/plain'): void {
  test.info().attachments.push({ name, contentType, body: Buffer.from(body, 'utf8') });
}
