import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { reporterArgument } from '../../harness/report/reporters';
import type { FaultName } from '../../reference/faults';
import { freePort } from '../../scripts/lib/bench/processes';
import { playwrightCommand } from '../../scripts/lib/run/playwright-cli';
import { readReport, type TestRow, testRows } from '../../scripts/lib/run/results';

/**
 * A departure from a decision never fails a run, even where it leaves a later step of a
 * test nothing to work on (docs/CONTRACT.md § How a departure is reported): one case per
 * kind of setup step — an organization create by a credential whose success is a decision
 * (the deployment key as Basic after 2023-04-25), and a user create by the Terraform
 * provider's credentials (an API key, or acting as the organization). Each run: 0 failed,
 * the departure a warning, and the test that depended on it a skip that says why.
 */
const CASES: readonly {
  readonly fault: FaultName;
  readonly version: string;
  readonly grep: string;
  readonly warned: string;
  readonly missing: string;
}[] = [
  {
    fault: 'deploymentBasicRefused',
    version: '2024-02-08',
    grep: 'PUT /api/organizations/\\{id\\} · deploymentBasic',
    // The create that makes the organization to update is judged as a create by that mode.
    warned: 'write_answer',
    missing: 'The create returned no organization id',
  },
  {
    fault: 'ownOrganizationUsersRefused',
    version: '2025-09-18',
    grep: "the Terraform provider's user flow",
    warned: 'own_organization_users',
    missing: 'The user create returned no user id',
  },
];

async function suite(fault: FaultName, version: string, grep: string): Promise<TestRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'decision-setup-'));
  const output = join(dir, 'results.json');
  try {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env))
      if (!name.startsWith('POLYTOMIC_') && !name.startsWith('REFERENCE_')) env[name] = value;
    const args = ['test', reporterArgument('json'), `--project=${version}`, `--grep=${grep}`];
    const port = String(await freePort());
    await new Promise<void>((resolve) => {
      const child = spawn(...playwrightCommand(...args), {
        env: {
          ...env,
          REFERENCE_FAULTS: fault,
          REFERENCE_PORT: port,
          POLYTOMIC_WORKERS: '1',
          PLAYWRIGHT_JSON_OUTPUT_NAME: output,
        },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      child.on('close', () => resolve());
    });
    return testRows(readReport(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const { fault, version, grep, warned, missing } of CASES) {
  test(`${fault}: a decision departed from in a setup step warns, and what depends on it is skipped`, async () => {
    test.setTimeout(180_000);
    const rows = await suite(fault, version, grep);
    expect(rows.length, 'the tests the grep names ran').toBeGreaterThan(0);
    expect(rows.filter((row) => row.status === 'failed').map((row) => row.title)).toEqual([]);
    const skipped = rows.filter((row) => row.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const row of skipped) {
      expect(row.warnings.map((found) => found.check)).toContain(warned);
      expect(row.skipReason).toContain(missing);
      expect(row.skipReason).toContain(version);
      expect(row.skipReason).toMatch(/HTTP (401|403)/);
      expect(row.skipReason).toContain('departs from a decision only');
    }
  });
}
