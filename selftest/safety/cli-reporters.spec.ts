import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, targetEnv, workspace } from './helpers';

/**
 * `npx playwright test` with a `--reporter` of its own (a user's `line`, the nightly's
 * `blob`), against a target that echoes the credential into its 401 bodies: the checks
 * fail, and no key is in the console, any file the run wrote, or the blob report.
 */
const SECRETS = Object.values(DISTINCT_KEYS).flatMap((key) => [
  key,
  Buffer.from(`${key}:`).toString('base64'),
]);

function leaks(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret)).map((secret) => secret.slice(0, 12));
}

for (const reporter of ['line', 'blob'])
  test(`--reporter=${reporter}: the echoed credential is in no output`, async () => {
    test.setTimeout(300_000);
    const reference = await startReferenceServer({
      port: 0,
      keys: DISTINCT_KEYS,
      faults: ['credentialInErrors'],
    });
    const ws = workspace();
    try {
      const env = targetEnv(reference.url, DISTINCT_KEYS, { POLYTOMIC_ALLOW_WRITES: 'true' });
      const suite = await run(
        'npx',
        ['playwright', 'test', `--reporter=${reporter}`, '--project=2025-09-18', '--grep', '401'],
        { cwd: ws.dir, env, timeoutMs: 240_000 },
      );
      const outputs = [suite.stdout + suite.stderr];
      for (const file of ws.outputFiles()) outputs.push(ws.read(file));
      if (reporter === 'blob') {
        // The blob is a zip: read back as Playwright's JSON, every event it recorded.
        const blob = await run(
          'npx',
          ['playwright', 'merge-reports', '--reporter=json', 'blob-report'],
          {
            cwd: ws.dir,
            env,
            timeoutMs: 120_000,
          },
        );
        expect(blob.code, blob.stderr).toBe(0);
        expect(blob.stdout).toContain('error_no_internals');
        outputs.push(blob.stdout);
      }
      expect(suite.code, suite.stdout.slice(-2000)).toBe(1);
      if (reporter === 'line') expect(suite.stdout).toContain('error_no_internals');
      expect(outputs.flatMap(leaks)).toEqual([]);
    } finally {
      ws.remove();
      await reference.close();
    }
  });
