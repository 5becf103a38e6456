import path from 'node:path';
import dotenv from 'dotenv';
import { SUPPORTED_VERSIONS, VERSION_PATTERN } from '../contract/versions';
import { REPORTS_DIR } from '../harness/config/paths';
import { type CommandLine, command } from './lib/cli';
import { commandSpec } from './lib/commands';
import { compareContract } from './lib/compare/contract-diff';
import { compareLive, type LiveDifference } from './lib/compare/live-diff';
import {
  type Finding,
  listSection,
  printSections,
  requestSection,
  type Section,
  type Verdict,
  writeComparison,
} from './lib/compare/output';
import { compareRequestBodies, type RequestComparison } from './lib/compare/request-diff';
import { compareSchemas, directionOf, type SchemaComparison } from './lib/compare/schema-diff';
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

/**
 * `npm run compare -- <old> <new>`: what changes for clients between two API versions.
 * (a) the contract rows that apply to one version and not the other; (b) the response
 * schemas of schemas/<old> against schemas/<new>, and (c) each operation's request body (the
 * schema its endpoint row names), each change classified for clients — who read responses and
 * write requests (scripts/lib/compare/schema-diff.ts says how); (d) with --live, the suite run
 * for both versions on the target and the checks whose outcome differs. Printed, and written
 * to <out>/compare.md and compare.json. Exit 1 on a breaking change no baseline entry covers
 * (ids `<new> · <where> · - · <kind>`; a request change's <where> is `<resource> <operation>
 * <field path>`), 2 when the comparison could not be made.
 *   --schemas <dir>   another schema root (default schemas/)
 *   --baseline <file> default conformance.baseline.json
 *   --today <date>    the day expiry is judged on
 *   --out <dir>       where compare.md and compare.json go (default reports/)
 */
const SCHEMAS = path.resolve(__dirname, '..', 'schemas');

async function main(line: CommandLine): Promise<number> {
  dotenv.config({ quiet: true });
  const values = line.values as Readonly<Record<string, string | undefined>>;
  const [oldVersion, newVersion, ...extra] = line.operands;
  if (
    !oldVersion ||
    !newVersion ||
    extra.length > 0 ||
    ![oldVersion, newVersion].every((v) => VERSION_PATTERN.test(v))
  ) {
    console.error(
      'Usage: npm run compare -- <old version> <new version> [--live] [--schemas <dir>] [--baseline <file>] [--out <dir>]',
    );
    return 2;
  }
  const root = values.schemas ?? SCHEMAS;
  let entries: BaselineEntry[];
  let schemas: SchemaComparison;
  let requests: RequestComparison;
  try {
    entries = loadBaseline(values.baseline ?? BASELINE_FILE);
    schemas = compareSchemas(root, oldVersion, newVersion);
    requests = compareRequestBodies(root, oldVersion, newVersion);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    console.error(
      error instanceof BaselineError ? error.message : `Cannot compare: ${error.message}`,
    );
    return 2;
  }
  const folders = `${values.schemas ?? 'schemas'}/${oldVersion} → ${newVersion}`;
  const sections: Section[] = [
    listSection(
      'contract',
      `Contract (contract/endpoints.ts, contract/versions.ts), ${oldVersion} → ${newVersion}`,
      contractFindings(oldVersion, newVersion),
    ),
    responseSection(
      `Response bodies, read by clients: breaking when a client may now receive what it could not before (${folders})`,
      schemas,
      newVersion,
    ),
    requestSection(
      `Request bodies, written by clients: breaking when a request ${oldVersion} accepted may now be refused (${folders}, the schema each endpoint row names)`,
      requests,
      newVersion,
    ),
  ];
  if (line.values.live) {
    if (![oldVersion, newVersion].every((v) => SUPPORTED_VERSIONS.includes(v))) {
      console.error(`--live runs the suite, which knows only ${SUPPORTED_VERSIONS.join(', ')}.`);
      return 2;
    }
    const live = compareLive(oldVersion, newVersion);
    if (!live) return 2;
    const section = listSection(
      'live',
      `Live: checks whose outcome differs between ${oldVersion} and ${newVersion}`,
      live.differences.map((difference) => liveFinding(difference, newVersion)),
    );
    const only = Object.entries(live.passingOnlyIn).filter(([, count]) => count > 0);
    sections.push({
      ...section,
      lines: [
        ...section.lines,
        ...only.map(([version, count]) => `${count} tests run only on ${version}, all passing`),
      ],
    });
  }
  printSections(sections);
  const result = verdict(
    sections.flatMap((s) => s.findings),
    entries,
    values.today ?? utcDate(),
  );
  const written = writeComparison(
    values.out ?? REPORTS_DIR,
    { old: oldVersion, new: newVersion },
    sections,
    result,
  );
  console.log(`  written: ${written.join(', ')}`);
  return result.open.length > 0 ? 1 : 0;
}

function contractFindings(oldVersion: string, newVersion: string): Finding[] {
  return compareContract(oldVersion, newVersion).map((c) => ({
    id: { version: newVersion, endpoint: c.subject, mode: NO_MODE, check: c.kind },
    breaking: c.breaking,
    line: `${c.subject}: ${c.kind.replace(/_/g, ' ')} — ${c.detail}`,
    data: { subject: c.subject, change: c.kind, detail: c.detail },
  }));
}

/** The response side: every schema file but the request bodies, compared by name. */
function responseSection(title: string, schemas: SchemaComparison, newVersion: string): Section {
  const changes = schemas.changes.filter((c) => c.direction === 'response');
  const findings = changes.map((c): Finding => {
    const where = `${c.schema} ${c.path || '(body)'}`;
    return {
      id: { version: newVersion, endpoint: where, mode: NO_MODE, check: c.kind },
      breaking: c.breaking,
      line: `${where} (${c.direction}): ${c.kind.replace(/_/g, ' ')} — ${c.detail}`,
      data: { schema: c.schema, path: c.path || '(body)', change: c.kind, detail: c.detail },
    };
  });
  const section = listSection('responses', title, findings);
  const unchanged = schemas.compared.filter(
    (name) => directionOf(name) === 'response' && !changes.some((c) => c.schema === name),
  );
  return unchanged.length > 0
    ? { ...section, lines: [...section.lines, `unchanged: ${unchanged.join(', ')}`] }
    : section;
}

function liveFinding(d: LiveDifference, newVersion: string): Finding {
  const id = d.regression ?? {
    version: newVersion,
    endpoint: d.endpoint,
    mode: d.mode,
    check: 'outcome_changed',
  };
  const renamed = d.renamedFrom === undefined ? '' : ` (was "${d.renamedFrom}")`;
  return {
    id,
    breaking: d.regression !== undefined,
    line: `${d.identity} · ${d.test}${renamed}: ${d.before} → ${d.after}`,
    data: { ...d },
  };
}

function verdict(
  findings: readonly Finding[],
  entries: readonly BaselineEntry[],
  today: string,
): Verdict {
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
  return {
    total: findings.length,
    breaking: breaking.length,
    baselined: covered.length,
    open: open.map((f) => f.id),
  };
}

export const program = command(commandSpec('compare'), main);

if (require.main === module) program.start(process.argv.slice(2));
