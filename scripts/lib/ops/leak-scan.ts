import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  escapableForms,
  escapedFormPattern,
  mayHoldEscapes,
  secretForms,
} from '../../../harness/secrets/secret-forms';

/**
 * After a run, every output file is searched for the configured secrets in
 * every form the harness could have written them: as is, URL- or
 * JSON-escaped, `\u`-escaped or percent-encoded character by character (in any
 * mix, as a target may echo it), and in the Basic forms base64("<key>:") and
 * base64("<organization id>:<key>"). Base64 text found in a file (Playwright
 * stores attachments so, and a Basic token is one) is decoded and searched
 * too, so an id the scan was not told about still cannot hide a key.
 */
export interface Secret {
  /** The variable it came from: the only thing a finding names. */
  readonly variable: string;
  readonly value: string;
}

export interface Needle {
  readonly variable: string;
  readonly form: string;
  readonly value: string;
}

export interface Leak {
  readonly file: string;
  readonly line: number;
  readonly variable: string;
  readonly form: string;
}

export interface ScanResult {
  readonly files: number;
  readonly bytes: number;
  readonly leaks: Leak[];
  /** Files that could not be searched (compressed archives), with why. */
  readonly unscanned: string[];
}

/** Shorter values would match ordinary text; real keys are far longer. */
export const MIN_SCANNED_LENGTH = 8;
const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Archives cannot be searched as text: listed, so a trace or zip does not pass unseen. */
const COMPRESSED = /\.(zip|gz|tgz|br|7z|webm)$/i;
/** Images hold no text the harness wrote. */
const IMAGE = /\.(png|jpe?g|gif|ico|svg|woff2?|ttf)$/i;
const BASE64_TOKEN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;
const MAX_DEPTH = 3;

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** What to look for: a few forms per key, and one Basic token per known organization id. */
export interface Needles {
  /** Searched as substrings of every text, decoded ones included. */
  readonly plain: readonly Needle[];
  /** base64("<org id>:<key>"), matched against whole base64 tokens. */
  readonly tokens: ReadonlyMap<string, Needle>;
  /** The key and its Basic form with `\u` or %XX escapes, in texts that have any. */
  readonly escaped: readonly { variable: string; form: string; pattern: RegExp }[];
}

export function needlesFor(secrets: readonly Secret[], ids: Iterable<string>): Needles {
  const plain: Needle[] = [];
  const tokens = new Map<string, Needle>();
  const escaped: Needles['escaped'][number][] = [];
  const idList = [...ids];
  for (const { variable, value } of secrets) {
    if (value.length < MIN_SCANNED_LENGTH) continue;
    for (const { form, text } of secretForms(value)) plain.push({ variable, form, value: text });
    for (const id of idList) {
      const value64 = b64(`${id}:${value}`);
      tokens.set(value64, { variable, form: 'Basic base64("<org id>:<key>")', value: value64 });
    }
    for (const { form, text } of escapableForms(value))
      escaped.push({ variable, form, pattern: escapedFormPattern(text, '') });
  }
  return { plain, tokens, escaped };
}

interface Hit {
  readonly index: number;
  readonly variable: string;
  readonly form: string;
}

/** Findings in one text, searching decoded base64 runs down to MAX_DEPTH. */
export function scanText(text: string, needles: Needles, depth = 0): Hit[] {
  const found: Hit[] = [];
  for (const needle of needles.plain) {
    const index = text.indexOf(needle.value);
    if (index >= 0) found.push({ index, variable: needle.variable, form: needle.form });
  }
  if (mayHoldEscapes(text)) {
    for (const { variable, form, pattern } of needles.escaped) {
      const index = text.search(pattern);
      if (index >= 0 && !found.some((hit) => hit.variable === variable && hit.index === index))
        found.push({ index, variable, form });
    }
  }
  if (depth >= MAX_DEPTH) return found;
  for (const match of text.matchAll(BASE64_TOKEN)) {
    const index = match.index ?? 0;
    const token = needles.tokens.get(match[0]);
    if (token) found.push({ index, variable: token.variable, form: token.form });
    const decoded = decodeText(match[0]);
    if (decoded === undefined) continue;
    for (const inner of scanText(decoded, needles, depth + 1)) {
      found.push({ index, variable: inner.variable, form: `${inner.form}, inside base64 text` });
    }
  }
  return found;
}

/** Decoded text, or undefined when the bytes are not text (most matches are ordinary words). */
function decodeText(token: string): string | undefined {
  const bytes = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < MIN_SCANNED_LENGTH) return undefined;
  let printable = 0;
  for (const byte of bytes) {
    if ((byte >= 32 && byte !== 127) || byte === 9 || byte === 10 || byte === 13) printable += 1;
  }
  return printable / bytes.length > 0.95 ? bytes.toString('utf8') : undefined;
}

export function scanFiles(dirs: readonly string[], needles: Needles): ScanResult {
  return scanPaths(dirs.flatMap(listFiles), needles);
}

/** The files given, as listed: one gone by the time it is read is passed over. */
export function scanPaths(paths: readonly string[], needles: Needles): ScanResult {
  const leaks: Leak[] = [];
  const unscanned: string[] = [];
  let files = 0;
  let bytes = 0;
  for (const file of paths) {
    const size = sizeOf(file);
    // Gone since the folder was listed (another run's Playwright tidying its state): nothing
    // to find in it.
    if (size === undefined) continue;
    if (IMAGE.test(file)) continue;
    if (COMPRESSED.test(file) || size > MAX_FILE_BYTES) {
      unscanned.push(`${file} (${size > MAX_FILE_BYTES ? 'too large' : 'compressed'})`);
      continue;
    }
    const text = readIfThere(file);
    if (text === undefined) continue;
    files += 1;
    bytes += size;
    // One finding per file and variable, naming every form it was found in.
    const byVariable = new Map<string, { index: number; forms: Set<string> }>();
    for (const hit of scanText(text, needles)) {
      const entry = byVariable.get(hit.variable) ?? { index: hit.index, forms: new Set() };
      entry.index = Math.min(entry.index, hit.index);
      entry.forms.add(hit.form);
      byVariable.set(hit.variable, entry);
    }
    for (const [variable, { index, forms }] of byVariable) {
      leaks.push({ file, line: lineOf(text, index), variable, form: [...forms].join('; ') });
    }
  }
  return { files, bytes, leaks, unscanned };
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Organization ids the run knew: from its ledgers and snapshots (they hold no secret). */
/**
 * The files under `dirs` that hold any of `values`, in every form the scan knows
 * (the report build's last look, and the self-tests' "no key, no host in here").
 */
export function leakedFiles(dirs: readonly string[], values: readonly string[]): string[] {
  if (values.length === 0) return [];
  const needles = needlesFor(
    values.map((value) => ({ variable: 'a configured key', value })),
    [],
  );
  return [...new Set(scanFiles(dirs, needles).leaks.map((leak) => leak.file))];
}

export function knownIds(files: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(UUID)) ids.add(match[0]);
  }
  return ids;
}

/** A finding as one line: the file, the line, the variable and the form — never the value. */
export function describeLeak(leak: Leak): string {
  return `${leak.file}:${leak.line}: ${leak.variable} (${leak.form})`;
}
