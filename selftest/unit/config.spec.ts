import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import dotenv from 'dotenv';
import { REFERENCE_KEYS } from '../../contract/reference';
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import { keyVariable, parseConfig, requireSomeKey } from '../../harness/config/env';
import { newRunId, runPrefix } from '../../harness/config/run';
import { ConfigError } from '../../harness/config/variables';

type Env = Record<string, string | undefined>;
const TARGET = { POLYTOMIC_DEPLOYMENT_URL: 'staging.polytomic.example' };

/** The ConfigError `parseConfig(env)` throws; fails the test when it throws nothing else. */
function configError(env: Env): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).name).toBe('ConfigError');
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

test.describe('parseConfig', () => {
  test('an empty environment: the bundled reference server, every version, its keys, writes allowed', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      targetUrl: 'http://127.0.0.1:4010',
      bundled: true,
      versions: [...SUPPORTED_VERSIONS],
      // POLYTOMIC_DEFAULT_VERSION unset: any supported version (or 2021-05-23) may serve a
      // request without the header, and the report says which did.
      defaultVersion: undefined,
      keys: {
        partner: REFERENCE_KEYS.partnerKey,
        apiKey: REFERENCE_KEYS.apiKey,
        deployment: REFERENCE_KEYS.deploymentKey,
        otherPartner: REFERENCE_KEYS.otherPartnerKey,
      },
      allowWrites: true,
      strict: false,
      timeoutMs: 15_000,
      workers: undefined,
      retries: 0,
    });
    // The rows are in date order and the current one is the newest: what 'every version' means.
    expect([...SUPPORTED_VERSIONS].sort()).toEqual([...SUPPORTED_VERSIONS]);
    expect(SUPPORTED_VERSIONS.at(-1)).toBe(CURRENT_VERSION);
    expect(parseConfig({ POLYTOMIC_RUN_ID: config.runId }).runId).toBe(config.runId);
  });

  test('blank values count as unset', () => {
    expect(
      parseConfig({ POLYTOMIC_DEPLOYMENT_URL: '  ', POLYTOMIC_API_VERSIONS: '' }),
    ).toMatchObject({ bundled: true, versions: [...SUPPORTED_VERSIONS] });
  });

  test('the bundled server follows REFERENCE_HOST and REFERENCE_PORT', () => {
    expect(parseConfig({ REFERENCE_PORT: '4410' }).targetUrl).toBe('http://127.0.0.1:4410');
    expect(parseConfig({ REFERENCE_HOST: 'localhost', REFERENCE_PORT: '4411' }).targetUrl).toBe(
      'http://localhost:4411',
    );
    expect(configError({ REFERENCE_PORT: '70000' }).message).toContain('REFERENCE_PORT');
  });

  for (const [raw, url] of [
    ['app.polytomic.com', 'https://app.polytomic.com'],
    ['polytomic.internal.example:8443', 'https://polytomic.internal.example:8443'],
    ['https://app.polytomic.com/', 'https://app.polytomic.com'],
    ['http://127.0.0.1:4410', 'http://127.0.0.1:4410'],
    ['HTTPS://Polytomic.Example.com/on-prem/api//', 'https://polytomic.example.com/on-prem/api'],
  ]) {
    test(`target ${raw} → ${url}`, () => {
      const config = parseConfig({ POLYTOMIC_DEPLOYMENT_URL: raw });
      expect(config.targetUrl).toBe(url);
      expect(config.bundled).toBe(false);
    });
  }

  for (const [why, raw] of [
    ['not a URL', 'https://exa mple.com'],
    ['no host', 'https://'],
    ['an ftp scheme', 'ftp://files.example.com'],
    ['credentials', 'https://admin:hunter2-secret@app.polytomic.com'],
    ['a query', 'https://app.polytomic.com/?token=abc'],
  ]) {
    test(`a target with ${why} is refused, naming the variable`, () => {
      const { message } = configError({ POLYTOMIC_DEPLOYMENT_URL: raw });
      expect(message).toContain('POLYTOMIC_DEPLOYMENT_URL');
      expect(message).not.toContain('hunter2');
    });
  }

  test('POLYTOMIC_API_VERSIONS narrows, deduplicates, and accepts "all"', () => {
    expect(parseConfig({ POLYTOMIC_API_VERSIONS: '2025-09-18' }).versions).toEqual(['2025-09-18']);
    expect(
      parseConfig({ POLYTOMIC_API_VERSIONS: ' 2022-12-12 , 2024-02-08,2022-12-12' }).versions,
    ).toEqual(['2022-12-12', '2024-02-08']);
    expect(parseConfig({ POLYTOMIC_API_VERSIONS: 'ALL' }).versions).toEqual([
      ...SUPPORTED_VERSIONS,
    ]);
  });

  test('an unknown version names the variable, the value and every valid version', () => {
    const { message } = configError({ POLYTOMIC_API_VERSIONS: '2024-02-08,2021-05-23' });
    expect(message).toContain('POLYTOMIC_API_VERSIONS');
    expect(message).toContain('"2021-05-23"');
    for (const version of SUPPORTED_VERSIONS) expect(message).toContain(version);
  });

  // Regression: a list of only commas ran no version and passed.
  test('a list that names no version is refused', () => {
    expect(configError({ POLYTOMIC_API_VERSIONS: ',' }).message).toContain(
      'POLYTOMIC_API_VERSIONS',
    );
  });

  test('POLYTOMIC_DEFAULT_VERSION must be a version date', () => {
    expect(parseConfig({ POLYTOMIC_DEFAULT_VERSION: '2021-05-23' }).defaultVersion).toBe(
      '2021-05-23',
    );
    expect(configError({ POLYTOMIC_DEFAULT_VERSION: 'latest' }).message).toContain(
      'POLYTOMIC_DEFAULT_VERSION',
    );
  });
});

test.describe('booleans', () => {
  const cases: [string, boolean][] = [
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['No', false],
    ['off', false],
  ];
  for (const [raw, parsed] of cases) {
    test(`${JSON.stringify(raw)} → ${parsed}`, () => {
      expect(parseConfig({ POLYTOMIC_STRICT: raw }).strict).toBe(parsed);
      expect(parseConfig({ ...TARGET, POLYTOMIC_ALLOW_WRITES: raw }).allowWrites).toBe(parsed);
    });
  }

  test('anything else names the variable', () => {
    expect(configError({ POLYTOMIC_STRICT: 'maybe' }).message).toBe(
      'POLYTOMIC_STRICT must be true or false, got "maybe".',
    );
    expect(configError({ ...TARGET, POLYTOMIC_ALLOW_WRITES: 'y' }).message).toContain(
      'POLYTOMIC_ALLOW_WRITES',
    );
  });

  test('writes: off by default against a target, always on against the bundled server', () => {
    expect(parseConfig(TARGET).allowWrites).toBe(false);
    expect(parseConfig({ POLYTOMIC_ALLOW_WRITES: 'false' }).allowWrites).toBe(true);
  });

  // Regression: a bad POLYTOMIC_ALLOW_WRITES went unnoticed until a target was set.
  test('a bad POLYTOMIC_ALLOW_WRITES is refused without a target too', () => {
    expect(configError({ POLYTOMIC_ALLOW_WRITES: 'maybe' }).message).toContain(
      'POLYTOMIC_ALLOW_WRITES',
    );
  });
});

test.describe('keys', () => {
  test('not defaulted when a target is set; set ones are kept', () => {
    expect(parseConfig(TARGET).keys).toEqual({});
    expect(parseConfig({ ...TARGET, POLYTOMIC_API_KEY: 'ak-live-5tQ9wE2r' }).keys).toEqual({
      apiKey: 'ak-live-5tQ9wE2r',
    });
  });

  test("the reference server's fake keys: refused for a deployment, accepted on this machine", () => {
    const { message } = configError({
      ...TARGET,
      POLYTOMIC_PARTNER_KEY: REFERENCE_KEYS.partnerKey,
    });
    expect(message).toBe(
      "POLYTOMIC_PARTNER_KEY is the bundled reference server's own fake key, but POLYTOMIC_DEPLOYMENT_URL names another target; set it to a key of that deployment, or leave it unset.",
    );
    expect(message).not.toContain(REFERENCE_KEYS.partnerKey);
    // `npm run reference` started by hand and named as the target.
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010'])
      expect(
        parseConfig({
          POLYTOMIC_DEPLOYMENT_URL: url,
          POLYTOMIC_PARTNER_KEY: REFERENCE_KEYS.partnerKey,
        }).keys.partner,
      ).toBe(REFERENCE_KEYS.partnerKey);
  });

  test('.env.example copied and given a target and one real key sends that key alone', () => {
    const example = dotenv.parse(readFileSync(path.join(__dirname, '..', '..', '.env.example')));
    const config = parseConfig({ ...example, ...TARGET, POLYTOMIC_PARTNER_KEY: 'pk-live-3Rt8' });
    expect(config.keys).toEqual({ partner: 'pk-live-3Rt8' });
    // Unchanged, it still runs the bundled server with its keys (the README's npm run conformance).
    expect(parseConfig(example).keys).toEqual(parseConfig({}).keys);
  });

  test('a deployment with no key at all is a configuration error; one key is enough', () => {
    expect(() => requireSomeKey(parseConfig(TARGET))).toThrow(
      /^POLYTOMIC_DEPLOYMENT_URL is set but no key is; set at least one of POLYTOMIC_PARTNER_KEY, POLYTOMIC_API_KEY, POLYTOMIC_DEPLOYMENT_KEY, POLYTOMIC_OTHER_PARTNER_KEY\.$/,
    );
    expect(() =>
      requireSomeKey(parseConfig({ ...TARGET, POLYTOMIC_DEPLOYMENT_KEY: 'dk-live-8uJ2' })),
    ).not.toThrow();
    expect(requireSomeKey(parseConfig({})).bundled).toBe(true);
  });

  for (const field of ['partner', 'apiKey', 'deployment', 'otherPartner'] as const) {
    const variable = keyVariable(field);
    test(`${variable} with whitespace names the variable, never the key`, () => {
      for (const raw of ['sk-live-Zq9 wX2pL', 'sk-live-Zq9wX2pL\n', ' sk-live-Zq9wX2pL']) {
        const { message } = configError({ ...TARGET, [variable]: raw });
        expect(message).toContain(variable);
        expect(message).not.toContain('Zq9');
        expect(message).not.toContain('wX2pL');
      }
    });
  }
});

test.describe('numbers', () => {
  const bounds: [string, string, number, number][] = [
    ['POLYTOMIC_TIMEOUT_MS', 'timeoutMs', 1, 600_000],
    ['POLYTOMIC_WORKERS', 'workers', 1, 64],
    ['POLYTOMIC_RETRIES', 'retries', 0, 5],
  ];
  for (const [variable, field, min, max] of bounds) {
    test(`${variable} from ${min} to ${max}`, () => {
      for (const ok of [min, max])
        expect(parseConfig({ [variable]: String(ok) })).toHaveProperty(field, ok);
      for (const bad of [String(min - 1), String(max + 1), '2.5', 'ten']) {
        const { message } = configError({ [variable]: bad });
        expect(message).toBe(
          `${variable} must be a whole number from ${min} to ${max}, got ${JSON.stringify(bad)}.`,
        );
      }
    });
  }
});

test.describe('run id', () => {
  test('POLYTOMIC_RUN_ID: 4–40 lower-case letters, digits or dashes', () => {
    expect(parseConfig({ POLYTOMIC_RUN_ID: 'nightly-42' }).runId).toBe('nightly-42');
    expect(parseConfig({ POLYTOMIC_RUN_ID: 'a'.repeat(40) }).runId).toHaveLength(40);
    for (const bad of ['abc', 'a'.repeat(41), 'Nightly-42', 'run_42', 'run 42', 'run/42']) {
      expect(configError({ POLYTOMIC_RUN_ID: bad }).message).toContain('POLYTOMIC_RUN_ID');
    }
  });

  test('a generated run id is a valid POLYTOMIC_RUN_ID, stamped with the time', () => {
    const runId = newRunId(new Date('2025-09-18T07:08:09.123Z'));
    expect(runId).toMatch(/^20250918t070809-[0-9a-f]{6}$/);
    expect(parseConfig({ POLYTOMIC_RUN_ID: runId }).runId).toBe(runId);
    expect(newRunId()).not.toBe(newRunId());
  });

  test('runPrefix names every organization the run creates', () => {
    expect(runPrefix('nightly-42')).toBe('conformance-nightly-42-');
  });
});

test('every variable the harness, the commands and the reference server read is in .env.example', () => {
  const root = path.resolve(__dirname, '..', '..');
  const source = ['harness', 'scripts', 'reference']
    .flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => path.join(root, dir, file)),
    )
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const example = readFileSync(path.join(root, '.env.example'), 'utf8');
  // Variables are named in strings or read as process.env.NAME (constants such as
  // REFERENCE_KEYS are neither).
  const named = source.match(/(['"`]|process\.env\.)(POLYTOMIC|REFERENCE)_[A-Z_]+\b/g) ?? [];
  const variables = new Set(named.map((found) => found.replace(/^(['"`]|process\.env\.)/, '')));
  expect(variables.size).toBeGreaterThan(10);
  const undocumented = [...variables].filter(
    (variable) => !new RegExp(`^#? ?${variable}=`, 'm').test(example),
  );
  expect(undocumented).toEqual([]);
});
