import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * No test waits a fixed time: a wait is on a response, never on the clock. The one timer
 * allowed is the retry back-off of harness/http/retry.ts (a 429's or 503's Retry-After).
 */
const ROOT = join(__dirname, '..', '..');
const TIMERS = /\b(setTimeout|waitForTimeout|setInterval)\s*\(|\bsetTimeout as\b|timers\/promises/;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1));
}

test('the suites and the harness use no timer but the retry back-off', () => {
  const files = [...sources('tests'), ...sources('harness')];
  expect(files.length).toBeGreaterThan(20);
  const timed = files.filter(
    (file) =>
      file !== join('harness', 'http', 'retry.ts') &&
      TIMERS.test(readFileSync(join(ROOT, file), 'utf8')),
  );
  expect(timed).toEqual([]);
});
