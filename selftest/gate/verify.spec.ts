import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import { VERIFY_DIR } from '../../harness/config/paths';
import { startReferenceServer } from '../../reference/server';
import { leakedFiles } from '../../scripts/lib/ops/leak-scan';
import { externalFetches } from '../../scripts/lib/report/offline';
import { validateInternal } from '../../scripts/lib/schemas/internal-schemas';
import { hostHash } from '../../scripts/lib/summary/fingerprint';
import { runScriptAsync, tempDir } from './helpers';

// `npm run verify` as a partner runs it: against a deployment (the reference server, started
// here and named by POLYTOMIC_DEPLOYMENT_URL), read-only, the host name hashed; a few tests
// of one version to stay quick. Then: a self-contained HTML report that opens in headless
// Chromium with no request leaving the page, and summary.json with its fingerprint.

const REPORT = path.join(VERIFY_DIR, 'conformance-report.html');
const SUMMARY = path.join(VERIFY_DIR, 'summary.json');
const CHROMIUM = '/usr/bin/chromium';
const HOST = '127.0.0.1';

test.describe.configure({ mode: 'serial' });

test('npm run verify: preflight, the read-only suite, one HTML file and summary.json', async () => {
  test.setTimeout(240_000);
  const server = await startReferenceServer({ host: HOST, port: 0 });
  try {
    const { status, output } = await runScriptAsync(
      'scripts/verify.ts',
      // With a write test, skipped in a read-only run: a skip must not read as an error.
      ['--grep', 'GET /api/me · partner|create, read back, update, issue and use keys'],
      {
        POLYTOMIC_DEPLOYMENT_URL: server.url,
        POLYTOMIC_PARTNER_KEY: REFERENCE_KEYS.partnerKey,
        POLYTOMIC_API_KEY: REFERENCE_KEYS.apiKey,
        POLYTOMIC_DEPLOYMENT_KEY: REFERENCE_KEYS.deploymentKey,
        POLYTOMIC_OTHER_PARTNER_KEY: REFERENCE_KEYS.otherPartnerKey,
        POLYTOMIC_ALLOW_WRITES: 'true',
        POLYTOMIC_HASH_HOST: 'true',
        POLYTOMIC_API_VERSIONS: '2025-09-18',
      },
    );
    expect(output).toContain('Target reports: 2025-09-18 → 200 served as 2025-09-18');
    expect(output).toContain('Send back these two files');
    expect(status, output.split('\n').slice(-40).join('\n')).toBe(0);
  } finally {
    await server.close();
  }
  const summary = JSON.parse(readFileSync(SUMMARY, 'utf8'));
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summary.versions.reported).toEqual(['2025-09-18']);
  expect(summary.target).toEqual({ bundled: false, hostSha256: hostHash(HOST) });
  expect(summary.totals.failed).toBe(0);
  // With the host hashed only the two files to send back stay.
  expect(readdirSync(VERIFY_DIR).sort()).toEqual([
    'conformance-report.html',
    'summary.json',
    'summary.md',
  ]);
});

test('the report names neither the host nor a key, and the suite ran read-only', () => {
  const keys = Object.values(REFERENCE_KEYS);
  expect(leakedFiles([VERIFY_DIR], [HOST, ...keys])).toEqual([]);
  const embedded = [...readFileSync(REPORT, 'utf8').matchAll(/\bd\("[^"]+","([A-Za-z0-9+/=]*)"\)/g)]
    .map((m) => Buffer.from(m[1] ?? '', 'base64').toString('utf8'))
    .join('\n');
  // --allow-writes was not given, so POLYTOMIC_ALLOW_WRITES=true in the environment did not count.
  expect(embedded).toContain('not allowed (POLYTOMIC_ALLOW_WRITES)');
  expect(embedded).toContain(`host-${hostHash(HOST).slice(0, 12)}`);
});

test('a skipped write check is a skip in the report: no global error, nothing broken', () => {
  const embedded = new Map(
    [...readFileSync(REPORT, 'utf8').matchAll(/\bd\("([^"]+)","([A-Za-z0-9+/=]*)"\)/g)].map((m) => [
      m[1] ?? '',
      Buffer.from(m[2] ?? '', 'base64').toString('utf8'),
    ]),
  );
  const statistic = JSON.parse(embedded.get('widgets/statistic.json') ?? '{}');
  const globals = JSON.parse(embedded.get('widgets/globals.json') ?? '{}');
  expect(statistic.skipped).toBeGreaterThan(0);
  expect(statistic.broken ?? 0).toBe(0);
  expect(statistic.failed ?? 0).toBe(0);
  expect(globals.errors).toEqual([]);
});

test('the report is one file that fetches nothing: no asset, no analytics tag', () => {
  const html = readFileSync(REPORT, 'utf8');
  expect(statSync(REPORT).size).toBeGreaterThan(100_000);
  expect(html).not.toContain('googletagmanager');
  expect(externalFetches(html)).toEqual([]);
  expect(
    externalFetches('<script async src="https://www.googletagmanager.com/gtag/js"></script>'),
  ).toEqual(['www.googletagmanager.com']);
});

/** Headless Chromium on a file; the requests the page itself made (not the browser's own). */
function openInChromium(file: string, extra: readonly string[] = []) {
  const dir = tempDir('chromium');
  const netlog = path.join(dir, 'netlog.json');
  const run = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Nothing resolves, so even a request the page tried could not leave the machine.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--log-net-log=${netlog}`,
      '--window-size=1280,900',
      '--virtual-time-budget=5000',
      ...extra,
      `file://${file}`,
    ],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const log = JSON.parse(readFileSync(netlog, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { url?: string; initiator?: string } }[];
  };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  // The browser's own background requests have no origin; the page's have its (opaque) one.
  const pageRequests = log.events
    .filter((e) => e.type === start && e.params?.url && e.params.initiator !== 'not an origin')
    .map((e) => e.params?.url as string)
    .filter((url) => /^(https?|wss?):/.test(url));
  return { status: run.status, stdout: run.stdout, pageRequests, dir };
}

test('the report opens in headless Chromium, renders, and requests nothing', () => {
  test.skip(!existsSync(CHROMIUM), 'chromium is not installed: apt-get install -y chromium');
  test.setTimeout(90_000);
  const png = path.join(tempDir('shot'), 'report.png');
  const shot = openInChromium(REPORT, [`--screenshot=${png}`]);
  expect(shot.pageRequests).toEqual([]);
  expect(statSync(png).size).toBeGreaterThan(20_000);
  const dom = openInChromium(REPORT, ['--dump-dom']);
  // The app rendered the run (the DOM is megabytes: say what is missing, not all of it).
  expect(dom.stdout.includes('<title> Polytomic API conformance </title>'), 'report title').toBe(
    true,
  );
  expect(/\d+ passed \([\d.]+% of all tests\)/.test(dom.stdout), 'rendered results').toBe(true);
  expect(dom.pageRequests).toEqual([]);
});

test('the request check sees a page that does fetch from elsewhere', () => {
  test.skip(!existsSync(CHROMIUM), 'chromium is not installed: apt-get install -y chromium');
  const page = path.join(tempDir('control'), 'fetching.html');
  writeFileSync(page, '<script src="https://cdn.example.invalid/x.js"></script><p>control</p>');
  expect(openInChromium(page, ['--dump-dom']).pageRequests).toEqual([
    'https://cdn.example.invalid/x.js',
  ]);
});
