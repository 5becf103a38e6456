import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CURRENT_VERSION } from '../../contract/versions';
import { freePort } from '../../scripts/lib/bench/processes';
import { playwrightCommand } from '../../scripts/lib/run/playwright-cli';
import { BASE_ENV, ROOT, tempDir } from '../gate/helpers';

/**
 * Each exchange is attached to its own step in the Allure results: the worker pushes it
 * onto the step's attachments (harness/report/attach.ts, no "Attach" step) and the reporter
 * (harness/report/allure-reporter.ts) places it there, in a test's body and in its After
 * Hooks alike; a hook step with nothing in it is left out. Run on the current version's
 * organization update (with the preflight, which writes need) with every version echo
 * wrong, so the checks' violations are attached too.
 */
const CONFIG = path.join(__dirname, 'judged', 'judged.config.ts');
const EXCHANGE = /^(GET|POST|PUT|PATCH|DELETE) \//;

interface AllureStep {
  name: string;
  steps: AllureStep[];
  attachments: { name: string; source: string }[];
}
interface AllureResult extends AllureStep {
  status: string;
  labels: { name: string; value: string }[];
}

function walk(steps: readonly AllureStep[], visit: (step: AllureStep) => void): void {
  for (const step of steps) {
    visit(step);
    walk(step.steps, visit);
  }
}

test('every exchange and its violations are attached inside the step that sent it', async () => {
  test.setTimeout(180_000);
  const dir = tempDir('allure-steps');
  const run = spawnSync(
    ...playwrightCommand(
      'test',
      '--config',
      CONFIG,
      `--project=${CURRENT_VERSION}`,
      '--grep',
      'PUT /api/organizations/\\{id\\} · partner',
    ),
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 170_000,
      env: {
        ...process.env,
        ...BASE_ENV,
        REFERENCE_PORT: String(await freePort()),
        REFERENCE_FAULTS: 'wrongVersionEcho',
        PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(dir, 'results.json'),
        JUDGED_SELFTEST_BARE: 'true',
      },
    },
  );
  expect(run.status, run.stdout.slice(-2000)).toBe(1);
  const allureDir = path.join(dir, 'allure-results');
  const results = readdirSync(allureDir)
    .filter((name) => name.endsWith('-result.json'))
    .map((name) => JSON.parse(readFileSync(path.join(allureDir, name), 'utf8')) as AllureResult)
    // The version's tests; the preflight and its collateral teardown judge no version echo.
    .filter((result) =>
      result.labels.some((one) => one.name === 'epic' && one.value === CURRENT_VERSION),
    );
  expect(results.length).toBeGreaterThan(0);
  let exchanges = 0;
  let violations = 0;
  let cleanups = 0;
  for (const result of results) {
    expect(result.status).toBe('failed');
    // Nothing loose on the test itself, and the labels (one runtime message) are in.
    expect(result.attachments.map((one) => one.name)).toEqual([]);
    expect(result.labels).toContainEqual({ name: 'checkMode', value: 'partner' });
    walk(result.steps, (step) => {
      const attached = step.steps.flatMap((child) => child.attachments.map((one) => one.name));
      if (EXCHANGE.test(step.name)) {
        exchanges += 1;
        // One exchange, as the attachment step allure-playwright makes for it.
        expect(
          attached.filter((name) => name === 'request and response'),
          step.name,
        ).toHaveLength(1);
        const file = step.steps.find((child) => child.name === 'request and response')
          ?.attachments[0]?.source;
        const text = readFileSync(path.join(allureDir, file ?? 'missing'), 'utf8');
        // Its own request: the step's title starts with the same method and path.
        expect(text.startsWith(`${step.name.split(' ').slice(0, 2).join(' ')}\n`), step.name).toBe(
          true,
        );
        if (attached.includes('violations')) violations += 1;
      } else if (step.name !== 'request and response' && step.name !== 'violations') {
        expect(attached, `${step.name} holds no exchange of its own`).toEqual([]);
      }
    });
    // No empty hook step: Before Hooks holds nothing here (the fixtures make no step).
    expect(result.steps.map((step) => step.name)).not.toContain('Before Hooks');
    const afterHooks = result.steps.find((step) => step.name === 'After Hooks');
    walk(afterHooks?.steps ?? [], (step) => {
      if (step.name.startsWith('DELETE ')) cleanups += 1;
    });
  }
  expect(exchanges).toBeGreaterThan(results.length);
  expect(violations).toBeGreaterThan(0);
  // The cleanup's exchanges are in After Hooks, each with its attachment (checked above).
  expect(cleanups).toBeGreaterThan(0);
});
