import { test as base, expect as baseExpect, mergeExpects } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { AuthMode } from '../contract/endpoints';
import { Api } from './api';
import { unavailableReason } from './auth';
import { type HarnessConfig, harnessConfig } from './config';
import { Conformance, endpointFromTitle } from './conformance';
import { type Directory, discover } from './directory';
import { toConformMatchers } from './matchers/toConform';
import { expect as schemaExpect } from './matchers/toMatchSchema';
import { Organizations } from './organizations';
import { registerSecret } from './redact';
import { sweepStrays } from './strays';
import { requestContextOptions } from './transport';

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
  /** Skips the test unless writes are allowed on this target. */
  needsWrites: () => void;
  reportLabels: undefined;
  /** Playwright's browser-context options; see the override below. */
  _combinedContextOptions: object;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  apiVersion: ['2025-09-18', { option: true, scope: 'worker' }],
  // Playwright gathers its ~27 browser-context options (viewport, locale, …) for every test
  // through as many option fixtures, each a report step with a stack capture: about a sixth
  // of a worker's time here. No browser is opened and the request context takes its options
  // from the harness's config (transport.ts), so the gathered options are none.
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
    async ({ playwright, config, apiVersion }, use) => {
      registerSecret(config.proxy?.password);
      const request = await playwright.request.newContext(requestContextOptions(config));
      const api = new Api(request, config, apiVersion);
      await use(api);
      const strays = await sweepStrays(api, config).catch(() => []);
      if (strays.length > 0) {
        console.warn(
          `Removed ${strays.length} organization(s) the target created when asked to refuse: ${strays.join(', ')}`,
        );
      }
      await request.dispose();
    },
    { scope: 'worker', box: true },
  ],
  directory: [
    async ({ workerApi, config }, use) => {
      await use(await discover(workerApi, config));
    },
    { scope: 'worker', box: true },
  ],
  api: [
    async ({ workerApi, config, directory }, use, testInfo) => {
      const api = new Conformance(workerApi, config, directory, (exchange, context) =>
        expect.soft(exchange).toConform(context),
      );
      await use(api);
      await api.flushLabels();
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
    { box: true },
  ],
  needsWrites: [
    async ({ config }, use) => {
      await use(() =>
        test.skip(
          !config.allowWrites,
          'writes not allowed on this target (set POLYTOMIC_ALLOW_WRITES=true): skipped',
        ),
      );
    },
    { box: true },
  ],
  reportLabels: [
    async ({ apiVersion }, use, testInfo) => {
      // Allure groups version → area (the describe block) → endpoint (set per exchange);
      // preflight and collateral are their own top-level groups, not the first version's.
      const area = testInfo.titlePath[1] ?? 'conformance';
      const group = testInfo.project.name || apiVersion;
      // One message (each costs the worker a report step). subSuite is a default: the last
      // one wins, so the test's first api.endpoint() replaces it.
      await allure.labels(
        { name: 'parentSuite', value: group },
        { name: 'suite', value: area },
        { name: 'epic', value: group },
        { name: 'feature', value: area },
        { name: 'subSuite', value: endpointFromTitle(testInfo.title) },
      );
      await use(undefined);
    },
    // Not boxed: allure-playwright matches label messages to steps by order, and a boxed
    // fixture's are invisible to it, so they were dropped and later labels doubled.
    { auto: true },
  ],
});
