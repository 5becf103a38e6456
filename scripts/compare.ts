import path from 'node:path';
import dotenv from 'dotenv';
import { SUPPORTED_VERSIONS, VERSION_PATTERN } from '../contract/versions';
import { runMain } from './lib/cli';
import { compareContract } from './lib/compare/contract-diff';
import { compareLive, type LiveDifference } from './lib/compare/live-diff';
import { compareSchemas, type SchemaComparison } from './lib/compare/schema-diff';
import {
  BASELINE_FILE,
  type BaselineEntry,
  BaselineError,
  isExpired,
  loadBaseline,
  utcDate,
} from './lib/gate/baseline';
import {
  type CheckId,
  formatCheckId,
  matchesPattern,
  NO_MODE,
  parseCheckId,
} from './lib/gate/check-id';
import { takeOptions } from './lib/run/run-suite';

/**
 * `npm run compare -- <old> <new>`: what changes for clients between two API versions.
 * (a) schemas/<old> against schemas/<new>, each change classified breaking or not
 * (scripts/lib/compare/schema-diff.ts says how), and the contract rows that apply to one version and
 * not the other; (b) with --live, the suite run for both versions on the target and the
 * checks whose outcome differs. Exit 1 on a breaking change no baseline entry covers
 * (ids `<new> · <where> · - · <kind>`), 2 when the comparison could not be made.
 *   --schemas <dir>   another schema root (default schemas/)
 *   --baseline <file> default conformance.baseline.json
 *   --today <date>    the day expiry is judged on
 */
const SCHEMAS = path.resolve(__dirname, '..', 'schemas');

interface Finding {
  readonly id: CheckId;
  readonly breaking: boolean;
  readonly line: string;
}

async function main(argv: readonly string[]): Promise<number> {
  dotenv.config({ quiet: true });
  const { values, flags, rest } = takeOptions(
    argv,
    ['--schemas', '--baseline', '--today'],
    ['--live'],
  );
  const [oldVersion, newVersion, ...extra] = rest;
  if (
    !oldVersion ||
    !newVersion ||
    extra.length > 0 ||
    ![oldVersion, newVersion].every((v) => VERSION_PATTERN.test(v))
  ) {
    console.error(
      'Usage: npm run compare -- <old version> <new version> [--live] [--schemas <dir>] [--baseline <file>]',
    );
    return 2;
  }
  let entries: BaselineEntry[];
  let schemas: SchemaComparison;
  try {
    entries = loadBaseline(values['--baseline'] ?? BASELINE_FILE);
    schemas = compareSchemas(values['--schemas'] ?? SCHEMAS, oldVersion, newVersion);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    console.error(
      error instanceof BaselineError ? error.message : `Cannot compare: ${error.message}`,
    );
    return 2;
  }
  const contract = contractFindings(oldVersion, newVersion);
  const schema = schemaFindings(schemas, newVersion);
  printSection(
    `Contract (contract/endpoints.ts, contract/versions.ts), ${oldVersion} → ${newVersion}`,
    contract,
  );
  printSection(
    `Schemas (${values['--schemas'] ?? 'schemas'}/${oldVersion} → ${newVersion})`,
    schema,
  );
  const findings = [...contract, ...schema];
  printSchemaNotes(schemas);
  if (flags.has('--live')) {
    if (![oldVersion, newVersion].every((v) => SUPPORTED_VERSIONS.includes(v))) {
      console.error(`--live runs the suite, which knows only ${SUPPORTED_VERSIONS.join(', ')}.`);
      return 2;
    }
    const live = compareLive(oldVersion, newVersion);
    if (!live) return 2;
    const liveFindings = live.differences.map((difference) => liveFinding(difference, newVersion));
    printSection(
      `Live: checks whose outcome differs between ${oldVersion} and ${newVersion}`,
      liveFindings,
    );
    for (const [version, count] of Object.entries(live.passingOnlyIn))
      if (count > 0) console.log(`  ${count} tests run only on ${version}, all passing`);
    findings.push(...liveFindings);
  }
  return verdict(findings, entries, values['--today'] ?? utcDate());
}

function contractFindings(oldVersion: string, newVersion: string): Finding[] {
  return compareContract(oldVersion, newVersion).map((c) => ({
    id: { version: newVersion, endpoint: c.subject, mode: NO_MODE, check: c.kind },
    breaking: c.breaking,
    line: `${c.subject}: ${c.kind.replace(/_/g, ' ')} — ${c.detail}`,
  }));
}

function schemaFindings(schemas: SchemaComparison, newVersion: string): Finding[] {
  return schemas.changes.map((c) => {
    const where = `${c.schema} ${c.path || '(body)'}`;
    return {
      id: { version: newVersion, endpoint: where, mode: NO_MODE, check: c.kind },
      breaking: c.breaking,
      line: `${where} (${c.direction}): ${c.kind.replace(/_/g, ' ')} — ${c.detail}`,
    };
  });
}

function liveFinding(d: LiveDifference, newVersion: string): Finding {
  const id = d.regression ?? {
    version: newVersion,
    endpoint: d.test,
    mode: NO_MODE,
    check: 'outcome_changed',
  };
  return { id, breaking: d.regression !== undefined, line: `${d.test}: ${d.before} → ${d.after}` };
}

function printSection(title: string, findings: readonly Finding[]): void {
  console.log(`\n${title}:`);
  if (findings.length === 0) console.log('  no change');
  for (const f of findings)
    console.log(`  ${f.breaking ? 'BREAKING    ' : 'non-breaking'}  ${f.line}`);
}

function printSchemaNotes(schemas: SchemaComparison): void {
  const unchanged = schemas.compared.filter(
    (name) => !schemas.changes.some((c) => c.schema === name),
  );
  if (unchanged.length) console.log(`  unchanged: ${unchanged.join(', ')}`);
  if (schemas.requestSchemas.length === 0) {
    console.log(
      '  request bodies: no request schemas (*.request.json) in either folder — the create/update body is described in prose in docs/CONTRACT.md § Organizations, so request changes are not compared.',
    );
  }
}

function verdict(
  findings: readonly Finding[],
  entries: readonly BaselineEntry[],
  today: string,
): number {
  const live = entries.filter((entry) => !isExpired(entry, today));
  const breaking = findings.filter((f) => f.breaking);
  const covered = breaking.filter((f) =>
    live.some((e) => matchesPattern(parseCheckId(e.id) as CheckId, f.id)),
  );
  const open = breaking.filter((f) => !covered.includes(f));
  console.log(
    `\n${findings.length} changes: ${breaking.length} breaking (${covered.length} baselined), ${findings.length - breaking.length} non-breaking.`,
  );
  for (const f of open) console.log(`  not baselined: ${formatCheckId(f.id)}`);
  return open.length > 0 ? 1 : 0;
}

if (require.main === module) runMain(main);
