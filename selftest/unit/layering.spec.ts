import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * Which folder may import which, so a folder keeps saying when its code runs
 * (Playwright checks the same with its DEPS.list files): the contract is data
 * that depends on nothing, the harness runs in a worker and never reaches into
 * the reference server or the commands, and the specs use only the harness and
 * the contract.
 */
const ROOT = join(__dirname, '..', '..');
const WIRE = join('harness', 'http', 'wire');

const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  contract: ['harness', 'reference', 'schemas', 'scripts', 'selftest', 'tests', '.'],
  harness: ['reference', 'scripts', 'selftest', 'tests'],
  tests: ['reference', 'scripts', 'selftest'],
};

/** Every relative import, re-export, dynamic import and require of a file, as the path it reaches. */
function importedPaths(file: string): { specifier: string; path: string }[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"]+)['"]/g)]
    .map((match) => match[1] ?? '')
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({
      specifier,
      path: relative(ROOT, resolve(ROOT, dirname(file), specifier)),
    }));
}

/** Every import of a file as the top-level folder it reaches ('package' for a package). */
function importedFolders(file: string): { specifier: string; folder: string }[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const packages = [...source.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"]+)['"]/g)]
    .map((match) => match[1] ?? '')
    .filter((specifier) => !specifier.startsWith('.'))
    .map((specifier) => ({ specifier, folder: 'package' }));
  return [
    ...packages,
    ...importedPaths(file).map(({ specifier, path }) => {
      const top = path.split(/[\\/]/);
      return { specifier, folder: top.length > 1 ? (top[0] ?? '.') : '.' };
    }),
  ];
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

for (const [folder, forbidden] of Object.entries(FORBIDDEN)) {
  test(`${folder}/ imports nothing from ${forbidden.map((f) => (f === '.' ? 'the top level' : `${f}/`)).join(', ')}`, () => {
    const files = sources(folder);
    expect(files.length).toBeGreaterThan(0);
    const crossings = files.flatMap((file) =>
      importedFolders(file)
        .filter(({ folder: reached }) => forbidden.includes(reached))
        .map(({ specifier }) => `${file} imports '${specifier}'`),
    );
    expect(crossings).toEqual([]);
  });
}

test('contract/ imports no package: it is data', () => {
  const packages = sources('contract').flatMap((file) =>
    importedFolders(file)
      .filter(({ folder }) => folder === 'package')
      .map(({ specifier }) => `${file} imports '${specifier}'`),
  );
  expect(packages).toEqual([]);
});

/**
 * The rooms of harness/, lowest floor first: a room imports only from floors below its
 * own, so none reaches up and none runs in a circle. Text and the secrets' forms know
 * nothing else; the configuration and the schemas stand on them; what the run keeps
 * (ledger, snapshot, the keys the target issued) knows only the configuration; the
 * client sends and records what the target answered; the checks judge an exchange; the
 * matchers and the report show a judgement; the judge sends, checks and attaches; the
 * resources make what a test needs through the judge; the fixtures wire it all together.
 * A new room is placed here before anything imports it.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['text', 'secrets'],
  ['config', 'schema'],
  ['safety'],
  ['http'],
  ['checks'],
  ['matchers', 'report'],
  ['judge'],
  ['resources'],
  ['fixtures'],
];

/** The harness room a path of harness/ is in, or undefined outside harness/. */
function roomOf(path: string): string | undefined {
  const [top, room] = path.split(/[\\/]/);
  return top === 'harness' ? room : undefined;
}

/**
 * Each of `file`'s imports that reaches a room on its own floor or above: of harness/ by
 * default, or of another folder given its floors and how a path names its room.
 */
function upward(
  file: string,
  imports: readonly { specifier: string; path: string }[],
  floors: readonly (readonly string[])[] = FLOORS,
  room: (path: string) => string | undefined = roomOf,
): string[] {
  const from = room(file);
  const floor = floors.findIndex((rooms) => from !== undefined && rooms.includes(from));
  return imports.flatMap(({ specifier, path }) => {
    const to = room(path);
    if (to === undefined || to === from) return [];
    const reached = floors.findIndex((rooms) => rooms.includes(to));
    return reached === -1 || reached >= floor ? [`${file} imports '${specifier}' (${to})`] : [];
  });
}

test('every room of harness/ has a floor', () => {
  const rooms = readdirSync(join(ROOT, 'harness'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  expect(rooms.filter((room) => !FLOORS.flat().includes(room))).toEqual([]);
  expect(FLOORS.flat().filter((room) => !rooms.includes(room))).toEqual([]);
});

test('a room of harness/ imports only from the floors below it', () => {
  expect(sources('harness').flatMap((file) => upward(file, importedPaths(file)))).toEqual([]);
});

/**
 * The wire knows sockets, the client knows the contract: everything else sends through
 * the client (harness/http/client.ts), so the version header, Authorization and the
 * secrets are done one way. The wire's own self-tests may reach it.
 */
test('only harness/http/ imports the wire', () => {
  const reaching = ['harness', 'reference', 'scripts', 'tests'].flatMap((folder) =>
    sources(folder).flatMap((file) =>
      importedPaths(file)
        .filter(({ path }) => path === WIRE && !file.startsWith(`harness${sep}http${sep}`))
        .map(({ specifier }) => `${file} imports '${specifier}'`),
    ),
  );
  expect(reaching).toEqual([]);
  expect(importedPaths('harness/http/client.ts').map(({ path }) => path)).toContain(WIRE);
});

test('the floors see an import that reaches up or sideways', () => {
  // The scan is not vacuous: the judge reaching the fixtures, or the matchers the report
  // on their own floor, would be reported; the fixtures reaching the judge are not.
  const reach = (path: string) => [{ specifier: `../${path}`, path: join('harness', path) }];
  expect(upward('harness/judge/key-reach.ts', reach('fixtures/worker'))).toHaveLength(1);
  expect(upward('harness/matchers/toConform.ts', reach('report/attach'))).toHaveLength(1);
  expect(upward('harness/fixtures/worker.ts', reach('judge/key-reach'))).toEqual([]);
  const reached = importedPaths('harness/fixtures/worker.ts').map(({ path }) => roomOf(path));
  expect(reached).toContain('judge');
});

test('the check sees an import that crosses a line', () => {
  // A file of tests/ that imported a command would be reported: the scan is not vacuous.
  const folders = importedFolders('tests/preflight.setup.ts').map(({ folder }) => folder);
  expect(folders).toContain('harness');
  expect(folders).toContain('contract');
});

/**
 * The files of scripts/lib/summary/, lowest floor first: what a summary is made of (the
 * fingerprint of the run, the coverage of the SDK's operations), then the model built from
 * the results, then the ways it is shown, then the writer of summary.json and summary.md.
 * The model never imports what shows or writes it, so a new way of showing it is one more
 * file above, and the JSON is the model as it is.
 */
const SUMMARY = join('scripts', 'lib', 'summary');
const SUMMARY_FLOORS: readonly (readonly string[])[] = [
  ['fingerprint', 'coverage'],
  ['model'],
  ['console', 'markdown'],
  ['write'],
];

/** The file of scripts/lib/summary/ a path is, without `.ts`; undefined outside it. */
function summaryFileOf(path: string): string | undefined {
  const inside = relative(SUMMARY, path.replace(/\.ts$/, ''));
  return inside.startsWith('..') || inside.includes(sep) ? undefined : inside;
}

test('every file of scripts/lib/summary/ has a floor', () => {
  const files = sources(SUMMARY).map((file) => summaryFileOf(file));
  expect(files.filter((file) => !SUMMARY_FLOORS.flat().includes(file ?? ''))).toEqual([]);
  expect(SUMMARY_FLOORS.flat().filter((file) => !files.includes(file))).toEqual([]);
});

test('the summary model imports none of what shows or writes it', () => {
  const reachingUp = sources(SUMMARY).flatMap((file) =>
    upward(file, importedPaths(file), SUMMARY_FLOORS, summaryFileOf),
  );
  expect(reachingUp).toEqual([]);
});

/** The project file an import path names (`x` is `x.ts` or `x/index.ts`), if it is one. */
function sourceFile(path: string, files: ReadonlySet<string>): string | undefined {
  return [`${path}.ts`, join(path, 'index.ts'), path].find((candidate) => files.has(candidate));
}

/** The circles of imports among `graph`'s files (one at least in each knot), as `a → b → a`. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found = new Set<string>();
  const done = new Set<string>();
  const walk = (file: string, trail: readonly string[]) => {
    const back = trail.indexOf(file);
    if (back !== -1) {
      const loop = trail.slice(back);
      const first = loop.indexOf([...loop].sort()[0] as string);
      const turned = [...loop.slice(first), ...loop.slice(0, first)];
      found.add([...turned, turned[0]].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...trail, file]);
    done.add(file);
  };
  for (const file of graph.keys()) walk(file, []);
  return [...found].sort();
}

test('no import of scripts/ runs in a circle', () => {
  const files = new Set(sources('scripts'));
  const graph = new Map(
    [...files].map((file) => [
      file,
      importedPaths(file).flatMap(({ path }) => sourceFile(path, files) ?? []),
    ]),
  );
  expect([...graph.values()].flat().length).toBeGreaterThan(files.size);
  expect(circles(graph)).toEqual([]);
});

test('the summary checks see a model that imports a writer, and a circle', () => {
  // Not vacuous: the model importing the Markdown would be reported twice, as an import
  // that reaches up and as the circle it closes with markdown.ts importing the model.
  const model = join(SUMMARY, 'model.ts');
  const markdown = join(SUMMARY, 'markdown.ts');
  const reach = (file: string) => [{ specifier: `./${file}`, path: join(SUMMARY, file) }];
  expect(upward(model, reach('markdown'), SUMMARY_FLOORS, summaryFileOf)).toHaveLength(1);
  expect(upward(markdown, reach('model'), SUMMARY_FLOORS, summaryFileOf)).toEqual([]);
  const graph = new Map([
    [model, [markdown]],
    [markdown, [model]],
  ]);
  expect(circles(graph)).toEqual([`${markdown} → ${model} → ${markdown}`]);
  expect(circles(new Map([[markdown, [model]]]))).toEqual([]);
});
