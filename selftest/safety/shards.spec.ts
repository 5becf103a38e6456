import { setTimeout as delay } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { snapshotPath } from '../../harness/safety/snapshot';
import { startReferenceServer } from '../../reference/server';
import { type JsonReport, testRows } from '../../scripts/lib/run/results';
import { seconds, start, targetEnv, workspace } from './helpers';

/**
 * Sharded with writes, as the nightly runs it: two shards at once against one target, each
 * in its own folder (its own runner) with its own run id. The first makes its own API key
 * (no POLYTOMIC_API_KEY), so one of its organizations lives from its start to its end; the
 * second starts once that one exists, so its snapshot holds it, and the first removes it
 * when it ends. That is no data lost: the collateral check of neither shard may say so.
 */
const VERSION = '2025-09-18';
const RUN_IDS = ['shard-one-run', 'shard-two-run'] as const;

test('two shards with writes at once against one target raise no collateral alarm', async () => {
  test.setTimeout(420_000);
  // Latency: the first shard still runs when the second, started a second or two later,
  // takes its snapshot, and ends before the second's collateral check.
  const reference = await startReferenceServer({ port: 0, latencyMs: 25 });
  const folders = [workspace(), workspace()];
  const shard = (index: 0 | 1) =>
    start('npx', ['playwright', 'test', `--shard=${index + 1}/2`], {
      cwd: folders[index]?.dir as string,
      env: targetEnv(reference.url, undefined, {
        POLYTOMIC_ALLOW_WRITES: 'true',
        POLYTOMIC_API_VERSIONS: VERSION,
        POLYTOMIC_WORKERS: '2',
        POLYTOMIC_RUN_ID: RUN_IDS[index],
        ...(index === 0 ? { POLYTOMIC_API_KEY: '' } : {}),
      }),
      timeoutMs: 360_000,
    });
  try {
    const first = shard(0);
    const firstPrefix = `conformance-${RUN_IDS[0]}-`;
    const firstHasOrganizations = () =>
      reference.organizationNames().some((name) => name.startsWith(firstPrefix));
    for (let waited = 0; !firstHasOrganizations() && waited < 120_000; waited += 50)
      await delay(50);
    const second = shard(1);
    const [one, two] = await Promise.all([first.done, second.done]);
    console.log(
      `shard 1: exit ${one.code} in ${seconds(one.ms)}; shard 2: exit ${two.code} in ${seconds(two.ms)}`,
    );

    // The situation that raised the alarm: the second shard's snapshot holds the first's.
    const snapshot = folders[1]?.read(snapshotPath(RUN_IDS[1])) ?? '';
    expect(snapshot, "the second shard's snapshot holds the first shard's organizations").toContain(
      firstPrefix,
    );
    for (const [index, outcome] of [one, two].entries()) {
      const output = outcome.stdout + outcome.stderr;
      const report = JSON.parse(folders[index]?.read('reports/results.json') ?? '{}') as JsonReport;
      const collateral = testRows(report).filter((row) => row.project === 'collateral');
      expect(collateral, `shard ${index + 1} ran its collateral check`).toHaveLength(1);
      expect(collateral[0]?.status, `shard ${index + 1}: ${collateral[0]?.errors.join('\n')}`).toBe(
        'passed',
      );
      expect(output).not.toContain('is gone');
      expect(outcome.code, output.slice(-3000)).toBe(0);
    }
  } finally {
    for (const folder of folders) folder.remove();
    await reference.close();
  }
});
