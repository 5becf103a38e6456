import { test as base, expect as baseExpect, mergeExpects } from '@playwright/test';
import type { AuthMode } from '../contract/endpoints';
import { Api } from './api';
import { unavailableReason } from './auth';
import { type HarnessConfig, harnessConfig } from './config';
import { Conformance, endpointFromTitle } from './conformance';
import { type Directory, runDirectory } from './directory';
import { toConformMatchers } from './matchers/toConform';
import { expect as schemaExpect } from './matchers/toMatchSchema';
import { Organizations } from './organizations';
import { registerSecret } from './redact';
import { sweepStrays } from './strays';
import { ANNOTATION } from './test-identity';
import { TestLabels } from './test-labels';
import { writesBlocked } from './write-guard';

export const expect = mergeExpects(baseExpect.extend(toConformMatchers), schemaExpect);

interface WorkerFixtures {
  /** The API version of this Playwright project. */
  apiVersion: string;
  config: HarnessConfig;
  workerApi: Api;
  directory: Directory;
}

interface TestFixtures {
  api: Conformance;
  organizations: Organizations;
  /** Skips the test unless the mode's credential is configured; use as `needs('deployment')`. */
  needs: (...modes: AuthMode[]) => void;
  /** Skips the test unless writes are allowed on this target and the pre-run snapshot can vouch for them. */
  needsWrites: () => void;
  /**
   * Skips the test unless the target is the bundled server: judging it on another could
   * destroy data if the target were wrong. Counted apart from skips for a missing key.
   */
  notJudgedHere: (why: string) => void;
  /** The test's Allure labels, sent when it ends. */
  reportLabels: TestLabels;
  /** Playwright's browser-context options; see the override below. */
  _combinedContextOptions: object;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  apiVersion: ['2025-09-18', { option: true, scope: 'worker' }],
  // Playwright gathers its ~27 browser-context options (viewport, locale, …) for every test
  // through as many option fixtures, each a report step with a stack capture: about a sixth
  // of a worker's time here. No browser is opened and no request context either (requests go through
  // harness/probe.ts), so the gathered options are none.
  _combinedContextOptions: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => use({}),
    { box: 'self' },
  ],
  config: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => {
      const config = harnessConfig();
      for (const key of Object.values(config.keys)) registerSecret(key);
      await use(config);
    },
    { scope: 'worker', box: true },
  ],
  workerApi: [
    async ({ config, apiVersion }, use) => {
      registerSecret(config.proxy?.password);
      // No Playwright request context: harness/probe.ts is the one HTTP path (api.ts says why).
      const api = new Api(config, apiVersion);
      await use(api);
      const strays = await sweepStrays(api, config).catch(() => []);
      if (strays.length > 0) {
        console.warn(
          `Removed ${strays.length} organization(s) the target created under this run's names without an answer the run could take as its own: ${strays.join(', ')}`,
        );
      }
    },
    { scope: 'worker', box: true },
  ],
  directory: [
    async ({ workerApi, config }, use) => {
      await use(await runDirectory(workerApi, config));
    },
    { scope: 'worker', box: true },
  ],
  api: [
    async ({ workerApi, config, directory, reportLabels }, use, testInfo) => {
      const api = new Conformance(
        workerApi,
        config,
        directory,
        (exchange, violations) => expect.soft(exchange).toConform(violations),
        reportLabels,
      );
      await use(api);
      // A check that cannot fail is a defect: a passing test must have judged something.
      if (testInfo.status === 'passed' && api.judgedCount === 0) {
        throw new Error('This test judged no exchange, so it asserts nothing.');
      }
    },
    { box: true },
  ],
  // Not boxed: the cleanup's exchanges then show inside After Hooks, not loose at the test's end.
  organizations: async ({ api, config }, use) => {
    const organizations = new Organizations(api, config);
    await use(organizations);
    await organizations.removeAll();
  },
  needs: [
    async ({ config }, use) => {
      await use((...modes) => {
        for (const mode of modes) {
          const reason = unavailableReason(mode, config.keys);
          test.skip(reason !== undefined, `${reason}: skipped`);
        }
      });
    },
    // No step at all (as for needsWrites): a step is a message to the runner, for nothing here.
    { box: 'self' },
  ],
  needsWrites: [
    async ({ config }, use) => {
      await use(() => {
        const reason = writesBlocked(config);
        test.skip(reason !== undefined, `${reason}: skipped`);
      });
    },
    { box: 'self' },
  ],
  notJudgedHere: [
    async ({ config }, use) => {
      await use((why) => {
        if (config.bundled) return;
        test.info().annotations.push({ type: ANNOTATION.notJudgedHere, description: why });
        test.skip(true, `not judged here: ${why}`);
      });
    },
    { box: 'self' },
  ],
  reportLabels: [
    async ({ apiVersion }, use, testInfo) => {
      // Allure groups version → area (the describe block) → endpoint (set per exchange);
      // preflight and collateral are their own top-level groups, not the first version's.
      const area = testInfo.titlePath[1] ?? 'conformance';
      // The report sorts its folders by name (allurerc.ts): versions, ISO dates, oldest
      // first; the preflight, led by a digit 0, before them; collateral, a word, after them.
      const project = testInfo.project.name || apiVersion;
      const group = project === 'preflight' ? '0 · preflight' : project;
      const labels = new TestLabels();
      labels.add('parentSuite', group);
      labels.add('suite', area);
      labels.add('epic', project);
      labels.add('feature', area);
      // A default: the last subSuite wins, so the test's first api.endpoint() replaces it.
      labels.add('subSuite', endpointFromTitle(testInfo.title));
      await use(labels);
      await labels.flush();
    },
    // Not boxed: allure-playwright matches label messages to steps by order, and a boxed
    // fixture's are invisible to it, so they were dropped and later labels doubled.
    // Set up first, so torn down last: the labels of every other fixture are in.
    { auto: true },
  ],
});
