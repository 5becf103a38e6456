import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { MADE_KEY_NAME, removeMadeKey, saveMadeKey } from '../../harness/config/made-credential';
import { Ledger } from '../../harness/safety/ledger';
import { needlesFor, scanPaths, scanText } from '../../scripts/lib/ops/leak-scan';
import { DISTINCT_KEYS, run, targetEnv, workspace } from './helpers';

/**
 * The scan can fail: a key planted in any output file, in any form the
 * harness could write it, is found and named by variable — never printed.
 */
const ORG_ID = '3f2b8c1e-9d4a-4f6b-8e2c-7a1d5b9c0e4f';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const env = targetEnv('https://deployment.example.com', DISTINCT_KEYS);

test('npm run leak-scan finds planted keys, names the file, line and variable, and never prints a value', async () => {
  test.setTimeout(60_000);
  const ws = workspace();
  try {
    const plant = (path: string, text: string) => {
      mkdirSync(join(ws.dir, path, '..'), { recursive: true });
      writeFileSync(join(ws.dir, path), text);
    };
    // The ledger holds the id a Basic "<id>:<key>" form is built from.
    new Ledger(
      { runId: 'planted', targetUrl: env.POLYTOMIC_DEPLOYMENT_URL, bundled: false },
      join(ws.dir, 'reports', 'ledger'),
    ).write({ event: 'created', id: ORG_ID, credential: 'partner' });
    plant('reports/clean.json', '{"message":"Bearer «redacted»"}\n');
    plant(
      'allure-results/a-attachment.txt',
      `line one\nauthorization: Bearer ${DISTINCT_KEYS.partnerKey}\n`,
    );
    plant('test-results/x/error.txt', `\n\nBasic ${b64(`${DISTINCT_KEYS.deploymentKey}:`)}\n`);
    plant('reports/acting.txt', `as ${b64(`${ORG_ID}:${DISTINCT_KEYS.partnerKey}`)}`);
    // Playwright's JSON report keeps attachment bodies in base64.
    plant(
      'reports/results.json',
      `{"body":"${b64(`request\nauthorization: Bearer ${DISTINCT_KEYS.apiKey}\n`)}"}`,
    );
    plant('reports/url.txt', `?key=${encodeURIComponent(DISTINCT_KEYS.otherPartnerKey)}`);

    const scan = await run('npm', ['run', '--silent', 'leak-scan'], {
      cwd: ws.dir,
      env,
      timeoutMs: 30_000,
    });
    const output = scan.stdout + scan.stderr;
    console.log(output);
    expect(scan.code).toBe(1);
    expect(output).toContain(
      'allure-results/a-attachment.txt:2: POLYTOMIC_PARTNER_KEY (the key itself)',
    );
    expect(output).toContain(
      'test-results/x/error.txt:3: POLYTOMIC_DEPLOYMENT_KEY (Basic base64("<key>:")',
    );
    expect(output).toContain(
      'reports/acting.txt:1: POLYTOMIC_PARTNER_KEY (Basic base64("<org id>:<key>")',
    );
    expect(output).toContain('reports/results.json:1: POLYTOMIC_API_KEY (');
    expect(output).toMatch(
      /reports\/results\.json:1: POLYTOMIC_API_KEY \(.*the key itself, inside base64 text/,
    );
    expect(output).toContain('reports/url.txt:1: POLYTOMIC_OTHER_PARTNER_KEY');
    expect(output).not.toContain('reports/clean.json');
    for (const key of Object.values(DISTINCT_KEYS)) expect(output).not.toContain(key);
  } finally {
    ws.remove();
  }
});

test('a Basic "<org id>:<key>" token is found even for an id the scan was not told about', () => {
  const needles = needlesFor(
    [{ variable: 'POLYTOMIC_PARTNER_KEY', value: DISTINCT_KEYS.partnerKey }],
    [],
  );
  const token = b64(`11111111-2222-4333-8444-555555555555:${DISTINCT_KEYS.partnerKey}`);
  const hits = scanText(`{"headers":{"authorization":"Basic ${token}"}}`, needles);
  expect(hits.map((hit) => hit.variable)).toEqual(['POLYTOMIC_PARTNER_KEY']);
  expect(scanText('nothing here but «redacted» and Basic «redacted»', needles)).toEqual([]);
});

test('a file gone between the listing and the read (another run tidying up) is passed over; the others are still searched', () => {
  const ws = workspace();
  try {
    const needles = needlesFor(
      [{ variable: 'POLYTOMIC_PARTNER_KEY', value: DISTINCT_KEYS.partnerKey }],
      [],
    );
    const planted = join(ws.dir, 'planted.txt');
    writeFileSync(planted, `key ${DISTINCT_KEYS.partnerKey}\n`);
    const result = scanPaths([join(ws.dir, 'gone', '.last-run.json'), planted], needles);
    expect(result.files).toBe(1);
    expect(result.leaks.map((leak) => leak.file)).toEqual([planted]);
  } finally {
    ws.remove();
  }
});

test('a key inside the built Allure report (attachments embedded in base64) is found', async () => {
  test.setTimeout(90_000);
  const ws = workspace();
  try {
    const results = join(ws.dir, 'allure-results');
    mkdirSync(results, { recursive: true });
    const attachment = 'planted-attachment.txt';
    writeFileSync(join(results, attachment), `authorization: Bearer ${DISTINCT_KEYS.partnerKey}\n`);
    writeFileSync(
      join(results, 'planted-result.json'),
      JSON.stringify({
        uuid: 'planted',
        historyId: 'planted',
        name: 'planted',
        status: 'passed',
        stage: 'finished',
        start: 1,
        stop: 2,
        steps: [],
        labels: [],
        attachments: [{ name: 'request', source: attachment, type: 'text/plain' }],
      }),
    );
    const built = await run(
      'npx',
      ['allure', 'generate', 'allure-results', '--output', 'reports/allure'],
      {
        cwd: ws.dir,
        env: {},
        timeoutMs: 60_000,
      },
    );
    expect(built.code, built.stderr).toBe(0);
    const scan = await run('npm', ['run', '--silent', 'leak-scan', '--', 'reports/allure'], {
      cwd: ws.dir,
      env,
      timeoutMs: 30_000,
    });
    console.log(scan.stdout + scan.stderr);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toMatch(/reports\/allure\/\S+: POLYTOMIC_PARTNER_KEY/);
  } finally {
    ws.remove();
  }
});

test('a clean output tree passes the scan (exit 0)', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, 'reports'), { recursive: true });
    writeFileSync(join(ws.dir, 'reports', 'results.json'), '{"ok":true}\n');
    const scan = await run('npm', ['run', '--silent', 'leak-scan'], {
      cwd: ws.dir,
      env,
      timeoutMs: 30_000,
    });
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('none found');
  } finally {
    ws.remove();
  }
});

test('the leak scan searches for the API key a run made itself: absent, the scan passes; planted, it is found and named, never printed', async () => {
  test.setTimeout(60_000);
  const ws = workspace();
  const runId = `planted-made-${process.pid}`;
  const made = 'leakcanary-made-Zq93Lm1Xe5';
  // Where the run's global setup keeps it (harness/config/made-credential.ts): outside the outputs.
  saveMadeKey(runId, made);
  try {
    const options = { cwd: ws.dir, env, timeoutMs: 30_000 };
    mkdirSync(join(ws.dir, 'reports'), { recursive: true });
    writeFileSync(join(ws.dir, 'reports', 'clean.json'), '{"message":"Bearer «redacted»"}\n');
    const clean = await run('npm', ['run', '--silent', 'leak-scan'], options);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('none found');

    writeFileSync(join(ws.dir, 'reports', 'planted.txt'), `x\nauthorization: Bearer ${made}\n`);
    const planted = await run('npm', ['run', '--silent', 'leak-scan'], options);
    const output = planted.stdout + planted.stderr;
    console.log(output);
    expect(planted.code).toBe(1);
    expect(output).toContain(`reports/planted.txt:2: ${MADE_KEY_NAME} ${runId} (the key itself)`);
    expect(output).not.toContain(made);
  } finally {
    removeMadeKey(runId);
    ws.remove();
  }
});
