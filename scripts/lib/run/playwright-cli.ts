/**
 * Playwright's command line, run by this Node directly: through `npx` every run would first
 * start npm (a quarter of a second here), which the benchmark would count as the suite's.
 */
export function playwrightCommand(...args: string[]): [command: string, args: string[]] {
  return [process.execPath, [require.resolve('@playwright/test/cli'), ...args]];
}
