import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { validateInternal } from '../../harness/internal-schemas';
import { externalFetches } from '../../scripts/offline-html';
import { VERIFY_DIR } from '../../scripts/verify-paths';
import { freePort, runScript, tempDir } from './helpers';

// `npm run verify` against the reference server (one version, a few tests, to stay quick):
// a self-contained HTML report that opens in headless Chromium with no request leaving
// the page, and summary.json with its fingerprint.

const REPORT = path.join(VERIFY_DIR, 'conformance-report.html');
const SUMMARY = path.join(VERIFY_DIR, 'summary.json');
const CHROMIUM = '/usr/bin/chromium';

test.describe.configure({ mode: 'serial' });

test('npm run verify: preflight, the suite, one HTML file and summary.json', async () => {
  test.setTimeout(120_000);
  const { status, output } = runScript('scripts/verify.ts', ['--grep', 'GET /api/me'], {
    REFERENCE_PORT: String(await freePort()),
    POLYTOMIC_API_VERSIONS: '2025-09-18',
  });
  expect(output).toContain('Target reports: 2025-09-18 → 200 served as 2025-09-18');
  expect(output).toContain('Send back these two files');
  expect(status).toBe(0);
  const summary = JSON.parse(readFileSync(SUMMARY, 'utf8'));
  expect(validateInternal('summary', summary)).toEqual([]);
  expect(summary.versions.reported).toEqual(['2025-09-18']);
  expect(summary.target.bundled).toBe(true);
  expect(summary.totals.failed).toBe(0);
  expect(readdirSync(VERIFY_DIR).sort()).toEqual([
    'conformance-report.html',
    'results.json',
    'summary.json',
    'summary.md',
  ]);
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
  expect(/\d+ passed \(100% of all tests\)/.test(dom.stdout), 'rendered results').toBe(true);
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
