import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { CURRENT_VERSION } from '../../contract/versions';
import { freePort } from '../../scripts/lib/bench/processes';
import { playwrightCommand } from '../../scripts/lib/run/playwright-cli';
import { run } from '../safety/helpers';

/**
 * A new API version is a row in contract/versions.ts and a folder under schemas/, end to
 * end: on a copy of the project with one more version (a copy of the current one, made
 * current), the type-check passes, the self-tests that iterate versions pass, and the
 * suite's project of the new version conforms against the bundled reference server,
 * which serves any version from the rows (its behaviour keys on `since` dates).
 *
 * What else a real new version needs, none of it for a green run: its rows in
 * docs/CONTRACT.md § Versions with their sources; where it changes behaviour, the
 * field of its row in contract/versions.ts or an endpoint row's `since`/`until`, and
 * the reference server's `since` entries (reference/errors.ts, reference/auth.ts);
 * `REFERENCE_DEFAULT_VERSION` in harness/config/catalog.ts names the current version
 * (`npm run docs` writes it into README.md and .env.example).
 */
const ROOT = resolve(__dirname, '..', '..');
const NEW_VERSION = `${Number(CURRENT_VERSION.slice(0, 4)) + 1}${CURRENT_VERSION.slice(4)}`;

/** The self-tests whose cases are drawn from contract/versions.ts. */
const VERSION_SELFTESTS = [
  'selftest/unit/config.spec.ts',
  'selftest/unit/version-tags.spec.ts',
  'selftest/unit/schemas.spec.ts',
  'selftest/unit/checks.spec.ts',
  'selftest/unit/toConform.spec.ts',
];

/** The project's files as git knows them (tracked, and new ones not ignored), node_modules linked. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'polytomic-new-version-'));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  for (const file of listed.split('\n')) {
    if (file === '' || file === 'node_modules') continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      cpSync(join(ROOT, file), join(dir, file));
    } catch {
      // Listed but deleted in the working tree: not part of the copy.
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The current version's row again, with the new date; the old row becomes supported. */
function addVersionRow(dir: string): void {
  const file = join(dir, 'contract', 'versions.ts');
  const source = readFileSync(file, 'utf8');
  const start = source.indexOf(`  {\n    version: '${CURRENT_VERSION}',`);
  const end = source.indexOf('\n  },', start) + '\n  },'.length;
  expect(start, 'the current version row in contract/versions.ts').toBeGreaterThan(0);
  const row = source.slice(start, end);
  const older = row.replace("status: 'current'", "status: 'supported'");
  const added = row.replace(`version: '${CURRENT_VERSION}'`, `version: '${NEW_VERSION}'`);
  expect(older).not.toBe(row);
  writeFileSync(file, `${source.slice(0, start)}${older}\n${added}${source.slice(end)}`);
}

/**
 * schemas/<new version>: the current folder's files, each $id naming its new place. Its
 * sdk/ is what `npm run schemas:sdk` writes from the same SDK for the new version: the
 * current one's, its $id and title naming the new version, and listed for it.
 */
function addSchemaFolder(dir: string): void {
  copySchemas(join(dir, 'schemas', CURRENT_VERSION), join(dir, 'schemas', NEW_VERSION));
  // The script also names the new version's files in contract/sdk-schema-names.ts.
  const names = join(dir, 'contract', 'sdk-schema-names.ts');
  const text = readFileSync(names, 'utf8');
  const entry = new RegExp(`^( *)'${CURRENT_VERSION}': (\\w+),$`, 'm');
  if (!entry.test(text)) throw new Error(`No ${CURRENT_VERSION} entry in ${names}`);
  writeFileSync(names, text.replace(entry, `$&\n$1'${NEW_VERSION}': $2,`));
}

function copySchemas(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      copySchemas(join(from, entry.name), join(to, entry.name));
      continue;
    }
    const text = readFileSync(join(from, entry.name), 'utf8');
    writeFileSync(
      join(to, entry.name),
      text
        .replaceAll(`/${CURRENT_VERSION}/`, `/${NEW_VERSION}/`)
        .replaceAll(` (${CURRENT_VERSION})`, ` (${NEW_VERSION})`),
    );
  }
}

test('a new API version is a row and a schema folder: type-check, self-tests and suite pass on a copy', async () => {
  test.setTimeout(300_000);
  const dir = copyProject();
  try {
    addVersionRow(dir);
    addSchemaFolder(dir);
    const options = { cwd: dir, env: {}, timeoutMs: 240_000 };

    const tsc = await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'],
      options,
    );
    expect(tsc.stdout + tsc.stderr, 'tsc on the copy').toBe('');
    expect(tsc.code).toBe(0);

    const [node, selftestArgs] = playwrightCommand(
      'test',
      '-c',
      'selftest/playwright.config.ts',
      '--reporter=line',
      ...VERSION_SELFTESTS,
    );
    const selftests = await run(node, selftestArgs, options);
    expect(selftests.code, selftests.stdout.slice(-4000)).toBe(0);

    const [, suiteArgs] = playwrightCommand('test', '--reporter=line');
    const suite = await run(node, suiteArgs, {
      ...options,
      env: { POLYTOMIC_API_VERSIONS: NEW_VERSION, REFERENCE_PORT: String(await freePort()) },
    });
    expect(suite.code, suite.stdout.slice(-4000)).toBe(0);
    // The new version's project ran, and nothing failed or was skipped in it.
    expect(suite.stdout).toContain(`[${NEW_VERSION}]`);
    expect(suite.stdout).toMatch(/\d+ passed/);
    expect(suite.stdout).not.toMatch(/\d+ (failed|skipped|flaky)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
