import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../reference/server';
import { needlesFor, scanText } from '../../scripts/lib/ops/leak-scan';
import { watchPeakRss } from '../hostile/peak-rss';
import { type HostileMode, startHostile } from '../hostile/transport-server';
import { DISTINCT_KEYS, ROOT, seconds, start, targetEnv, workspace } from './helpers';

/**
 * The harness against a hostile deployment, one misbehaviour at a time
 * (selftest/hostile/transport-server.ts): each command ends with the exit
 * code and the one sentence its case calls for, no process of it grows past
 * ~400 MB whatever the target sends, no configured key is in any output file
 * or the console in any encoding, and no cookie the target set comes back.
 */
// A command's own floor (Node, tsx, Playwright's client) is 250–290 MiB here,
// and a few MiB more on other machines. The hostile bodies are 500 MiB, 1 GiB
// inflated, or endless: a read that followed one would pass 400 MiB.
const RSS_LIMIT_MIB = 400;
const NARROW = ['--project=2025-09-18'];
const FIGURES = join(ROOT, 'test-results', 'hostile-transport.jsonl');

interface Case {
  readonly mode: HostileMode;
  readonly command: 'conformance' | 'verify' | 'doctor';
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  readonly onMe?: boolean;
  readonly keyedOnly?: boolean;
  readonly exit: number;
  /** The sentence the output must hold. */
  readonly sentence: RegExp;
}

const BODY_SENTENCE = /body over 5242880 bytes \(POLYTOMIC_MAX_BODY_BYTES\)/;
const ME_CASES: readonly [HostileMode, RegExp][] = [
  [
    'redirectMe',
    /GET \/api\/me answered 302 with Location: https:\/\/127\.0\.0\.1:\d+\/api\/me \(it sends http to https: use the https URL\); redirects are not followed/,
  ],
  [
    'htmlOn404Me',
    /GET \/api\/me answered 404 \(text\/html\), not the API's JSON — http:\/\/127\.0\.0\.1:\d+ \(POLYTOMIC_DEPLOYMENT_URL\) does not look like the Polytomic API's base URL/,
  ],
  [
    'error5xxOnMe',
    /GET \/api\/me answered 502 \(text\/html\): the deployment \(or a proxy in front of it\) failed on a plain request — a server problem, not a key problem/,
  ],
];

const CASES: readonly Case[] = [
  {
    mode: 'reflectKeyInRetryAfter',
    command: 'conformance',
    args: [...NARROW, 'tests/schema.spec.ts'],
    exit: 1,
    sentence: /with an unreadable Retry-After \(«redacted»\)|Result: violations found \(exit 1\)/,
  },
  {
    mode: 'reflectKeyInVersionHeader',
    command: 'conformance',
    args: [...NARROW, 'tests/schema.spec.ts'],
    exit: 1,
    sentence: /X-Polytomic-Version: «redacted»/,
  },
  {
    mode: 'reflectKeyInVersionHeader',
    command: 'verify',
    args: [...NARROW, 'tests/schema.spec.ts'],
    exit: 1,
    sentence: /Target reports: .*served as «redacted»/,
  },
  {
    mode: 'unicodeEscapedEcho',
    command: 'conformance',
    args: [...NARROW, 'tests/auth.spec.ts'],
    exit: 1,
    sentence: /error_no_internals/,
  },
  {
    mode: 'percentEncodedEcho',
    command: 'conformance',
    args: [...NARROW, 'tests/auth.spec.ts'],
    exit: 1,
    sentence: /error_no_internals/,
  },
  ...(['hugeBody', 'endlessBody', 'gzipBomb'] as const).flatMap((mode): Case[] => [
    {
      mode,
      command: 'conformance',
      args: [...NARROW, 'tests/schema.spec.ts'],
      exit: 1,
      sentence: BODY_SENTENCE,
    },
    { mode, command: 'verify', onMe: true, exit: 2, sentence: BODY_SENTENCE },
  ]),
  {
    mode: 'setCookie',
    command: 'conformance',
    args: [...NARROW, 'tests/auth.spec.ts', 'tests/schema.spec.ts'],
    exit: 0,
    sentence: /Result: conforms \(exit 0\)/,
  },
  ...ME_CASES.flatMap(([mode, sentence]): Case[] => [
    { mode, command: 'conformance', exit: 2, sentence },
    { mode, command: 'doctor', exit: 2, sentence },
    // Past the first request (no key): the preflight meets it, and says the same.
    { mode, command: 'conformance', keyedOnly: true, exit: 2, sentence },
  ]),
  {
    mode: 'hang',
    command: 'conformance',
    env: { POLYTOMIC_TIMEOUT_MS: '3000' },
    exit: 2,
    sentence:
      /The preflight broke before judging anything: GET \/api\/me: it accepted the connection but sent no answer within 3000 ms \(POLYTOMIC_TIMEOUT_MS\)/,
  },
];

/** Every form a key could take in text, decoded independently of the harness's own scanner. */
function independentFinds(text: string): string[] {
  const decoded = text
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Object.entries(DISTINCT_KEYS)
    .filter(([, key]) =>
      [key, Buffer.from(`${key}:`).toString('base64'), Buffer.from(key).toString('base64')].some(
        (form) => decoded.includes(form) || text.includes(form),
      ),
    )
    .map(([name]) => name);
}

async function runCase(c: Case) {
  const reference = await startReferenceServer({ port: 0, keys: DISTINCT_KEYS });
  const hostile = await startHostile(reference.url, c.mode, {
    onMe: c.onMe,
    keyedOnly: c.keyedOnly,
  });
  const ws = workspace();
  try {
    const env = targetEnv(hostile.url, DISTINCT_KEYS, c.env);
    const running = start('npm', ['run', '--silent', c.command, '--', ...(c.args ?? [])], {
      cwd: ws.dir,
      env,
      timeoutMs: 280_000,
    });
    const rss = watchPeakRss(running.pid);
    const finished = await running.done;
    const peak = rss.stop();
    const needles = needlesFor(
      Object.entries(DISTINCT_KEYS).map(([variable, value]) => ({ variable, value })),
      [],
    );
    const texts: [string, string][] = [
      ['console', finished.stdout + finished.stderr],
      ...ws.outputFiles().map((file): [string, string] => [file, ws.read(file)]),
    ];
    const keysFound = texts.flatMap(([file, text]) => [
      ...new Set([
        ...scanText(text, needles).map((hit) => `${file}: ${hit.variable} (${hit.form})`),
        ...independentFinds(text).map((name) => `${file}: ${name}`),
      ]),
    ]);
    return { finished, peak, keysFound, counts: { ...hostile.counts }, files: texts.length - 1 };
  } finally {
    ws.remove();
    await hostile.close();
    await reference.close();
  }
}

for (const c of CASES) {
  const where = c.onMe ? ' (on /api/me)' : c.keyedOnly ? ' (with a key only)' : '';
  test(`${c.mode}${where}: npm run ${c.command} exits ${c.exit}, bounded memory, no key in any output`, async () => {
    test.setTimeout(300_000);
    const { finished, peak, keysFound, counts, files } = await runCase(c);
    const output = finished.stdout + finished.stderr;
    // Key advice only when a key was refused: never for a redirect, an HTML page or a 5xx.
    if (c.exit === 2) expect(output).not.toContain('a key of its kind');
    const sentence = output
      .split('\n')
      .filter((line) => c.sentence.test(line))
      .at(-1);
    const figures = {
      mode: c.mode,
      command: c.command,
      where: where.trim(),
      exit: finished.code,
      wallS: Number((finished.ms / 1000).toFixed(1)),
      peakRssMiB: peak.peakMiB,
      peakProcess: peak.peakProcess,
      keysFound: keysFound.length,
      files,
      hostileAnswers: counts.hostile,
      requests: counts.requests,
      withCookie: counts.withCookie,
      sentence: sentence?.trim(),
    };
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    appendFileSync(FIGURES, `${JSON.stringify(figures)}\n`);
    console.log(
      `${c.mode} · ${c.command}: exit ${finished.code} in ${seconds(finished.ms)}, peak RSS ${peak.peakMiB} MiB (${peak.peakProcess}), ${keysFound.length} keys found — ${sentence?.trim()}`,
    );
    expect(keysFound, 'configured keys in the outputs').toEqual([]);
    expect(finished.code, output.slice(-3000)).toBe(c.exit);
    expect(sentence, output.slice(-3000)).toBeDefined();
    expect(peak.peakMiB).toBeLessThan(RSS_LIMIT_MIB);
    expect(output).not.toMatch(/Fixture "\w+" timeout|heap out of memory|exited unexpectedly/);
    // The leak scan ran on the way out, whatever the exit code.
    expect(output).toMatch(/Leak scan: \d+ files/);
    expect(counts.hostile, 'the misbehaviour was met').toBeGreaterThan(0);
    if (c.mode === 'setCookie') {
      expect(counts.withCookie, 'requests that carried a cookie back').toBe(0);
      expect(counts.cookieAuthenticated).toBe(0);
    }
  });
}
