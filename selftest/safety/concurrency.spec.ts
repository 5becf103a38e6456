import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../reference/server';
import { DISTINCT_KEYS, run, seconds, targetEnv, workspace } from './helpers';

/**
 * Gentle with a small install: with POLYTOMIC_MAX_CONCURRENCY the target never answers more
 * requests at once than the cap, although tests send their independent requests together.
 * The same run without the cap shows the count can go higher (the proof can fail).
 */
async function peakInFlight(cap: string | undefined): Promise<number> {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS, latencyMs: 30 });
  const ws = workspace();
  try {
    const env = targetEnv(reference.url, DISTINCT_KEYS, {
      POLYTOMIC_ALLOW_WRITES: 'true',
      POLYTOMIC_API_VERSIONS: '2025-09-18',
      ...(cap === undefined ? {} : { POLYTOMIC_MAX_CONCURRENCY: cap }),
    });
    const suite = await run('npm', ['run', 'conformance'], {
      cwd: ws.dir,
      env,
      timeoutMs: 240_000,
    });
    const peak = reference.peakInFlight();
    console.log(
      `POLYTOMIC_MAX_CONCURRENCY=${cap ?? '(unset)'}: exit ${suite.code} after ${seconds(suite.ms)}; at most ${peak} requests in flight`,
    );
    expect(suite.code, suite.stdout.slice(-3000) + suite.stderr).toBe(0);
    return peak;
  } finally {
    ws.remove();
    await reference.close();
  }
}

test('POLYTOMIC_MAX_CONCURRENCY=2: the target never has more than two requests in flight', async () => {
  test.setTimeout(300_000);
  expect(await peakInFlight('2')).toBeLessThanOrEqual(2);
});

test('without a cap the same run has more than two in flight', async () => {
  test.setTimeout(300_000);
  expect(await peakInFlight(undefined)).toBeGreaterThan(2);
});
