import { expect, test as playwrightTest, test } from '@playwright/test';
import { test as harnessTest } from '../../harness/fixtures';

/**
 * harness/fixtures/judging.ts replaces some of Playwright's own per-test fixtures (its
 * browser set-up, which this harness never uses) by name. Those names are not public: if
 * an upgrade renames one, the override becomes a new fixture of its own, Playwright's runs
 * again for every test, and nothing fails but the speed. This fails instead.
 */
type Registered = { fixtures?: readonly { fixtures: object }[] };

/** The fixture names a test type registers, in Playwright's own record of them. */
function registered(type: object): string[] {
  const symbol = Object.getOwnPropertySymbols(type).find((one) => one.description === 'testType');
  expect(symbol, "Playwright's record of a test type's fixtures (Symbol(testType))").toBeDefined();
  const record = (type as Record<symbol, Registered>)[symbol as symbol];
  return (record?.fixtures ?? []).flatMap((one) => Object.keys(one.fixtures));
}

test("every Playwright fixture the harness overrides is still one of Playwright's", () => {
  const playwright = new Set(registered(playwrightTest));
  expect(playwright.size).toBeGreaterThan(10);
  const overridden = registered(harnessTest).filter((name) => name.startsWith('_'));
  expect(overridden).toEqual(
    expect.arrayContaining(['_combinedContextOptions', '_setupContextOptions', '_setupArtifacts']),
  );
  const stale = overridden.filter((name) => !playwright.has(name));
  expect(stale, 'renamed or removed by Playwright: see harness/fixtures/judging.ts').toEqual([]);
});
