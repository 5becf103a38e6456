import { VERSION_PATTERN } from '../../../contract/versions';
import {
  addCounts,
  type Counts,
  countByProjectAndFamily,
  countRow,
  emptyCounts,
  familiesIn,
  OUTCOMES,
  type TestRow,
} from '../run/results';
import { coverageSummary, formatCoverage, versionsRun } from './coverage';
import {
  brokenRuleSummaries,
  defaultServedOf,
  notJudgedSummaries,
  skipSummaries,
  warningSummaries,
} from './model';

/**
 * The console summary `npm run conformance` prints: one screen, 100 columns.
 * The rules broken first (a failing run is about them, not its hundreds of failed
 * tests), then check families down, API versions across (four versions fit; nine
 * families across would not), then the warnings, the skip reasons, what was not
 * judged here, the failures without a rule, and the version that served
 * header-less requests.
 */
const RUN_WIDE = 'preflight';
const LIST_LIMIT = 10;
const WIDTH = 100;

/** What a table cell holds: a test is in exactly one of them. */
export const CELL_LEGEND = 'passed/warned/failed/skipped/not judged here';

export function formatSummary(rows: readonly TestRow[]): string {
  const broken = formatFailures(rows);
  // What was judged first, then what broke, then the table: the rules broken stay on the
  // last screen however many resources the coverage lists.
  const coverage = formatCoverage(coverageSummary(versionsRun(rows)));
  return [
    ...(coverage.length > 0 ? [...coverage.slice(coverage[0] === '' ? 1 : 0), ''] : []),
    ...(broken.length > 0 ? [...broken.slice(1), ''] : []),
    `Conformance by check family × API version (${CELL_LEGEND}):`,
    '',
    ...formatTable(rows),
    ...formatWarnings(rows),
    ...formatSkips(rows),
    ...formatNotJudged(rows),
    ...formatUnnamedFailures(rows),
    ...formatDefaultServed(rows),
    '',
    countsLine(rows),
  ].join('\n');
}

/** Version projects are columns; preflight and its teardown share one run-wide column. */
function column(project: string): string {
  return VERSION_PATTERN.test(project) ? project : RUN_WIDE;
}

export function formatTable(rows: readonly TestRow[]): string[] {
  const columns = [...new Set(rows.map((row) => column(row.project)))].sort(
    (a, b) => Number(a === RUN_WIDE) - Number(b === RUN_WIDE) || a.localeCompare(b),
  );
  const byColumn = countByProjectAndFamily(
    rows.map((row) => ({ ...row, project: column(row.project) })),
  );
  const lines: string[][] = [['family', ...columns, 'total']];
  const columnTotals = columns.map(() => emptyCounts());
  for (const family of familiesIn(rows)) {
    const total = emptyCounts();
    const cells = columns.map((name, i) => {
      const counts = byColumn.get(name)?.get(family);
      if (!counts) return '-';
      addCounts(total, counts);
      addCounts(columnTotals[i] ?? emptyCounts(), counts);
      return cell(counts);
    });
    lines.push([family, ...cells, cell(total)]);
  }
  const grand = emptyCounts();
  for (const counts of columnTotals) addCounts(grand, counts);
  lines.push(['total', ...columnTotals.map(cell), cell(grand)]);
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((line) => line[i]?.length ?? 0)));
  return lines.map((line) =>
    line
      .map((text, i) => text.padEnd(widths?.[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Each rule departed from as a warning: its level, how many tests, where, its source and
 * one example of what was seen. Such tests passed; with POLYTOMIC_STRICT=true they fail.
 */
export function formatWarnings(rows: readonly TestRow[]): string[] {
  const warnings = warningSummaries(rows);
  if (warnings.length === 0) return [];
  const out = [
    '',
    'Warnings (unconfirmed expectations; each fails only with POLYTOMIC_STRICT=true):',
  ];
  for (const warning of warnings.slice(0, LIST_LIMIT)) {
    const tests = `${warning.tests} test${warning.tests === 1 ? '' : 's'}`;
    out.push(
      fit(`  ${warning.check} (${warning.level})  ${tests}  in ${warning.versions.join(', ')}`),
      ...wrap(`Source: ${warning.source ?? 'not a rule of contract/rules.ts'}`, 6),
      ...wrap(`e.g. ${warning.example.id}: ${seen(warning.example)}`, 6),
    );
  }
  if (warnings.length > LIST_LIMIT) out.push(`  … and ${warnings.length - LIST_LIMIT} more rules`);
  return out;
}

/** One line per reason, e.g. "deployment key not configured (…): 40 checks skipped". */
export function formatSkips(rows: readonly TestRow[]): string[] {
  const skips = skipSummaries(rows);
  if (skips.length === 0) return [];
  return [
    '',
    'Skipped:',
    ...skips.flatMap(({ reason, tests }) =>
      wrap(`${reason}: ${tests} check${tests === 1 ? '' : 's'} skipped`),
    ),
  ];
}

/** Tests not judged on this target (a wrong answer would destroy its data), by why. */
export function formatNotJudged(rows: readonly TestRow[]): string[] {
  const notJudged = notJudgedSummaries(rows);
  if (notJudged.length === 0) return [];
  return [
    '',
    'Not judged here, and why (judged against the bundled reference server only):',
    ...notJudged.flatMap(({ reason, tests }) =>
      wrap(`${reason}: ${tests} check${tests === 1 ? '' : 's'} not judged`),
    ),
  ];
}

/**
 * Each rule broken (from the rows' recorded failures), the gravest level first: its level,
 * failed tests and departures (about one an exchange), versions, source, and one example
 * exchange with what was received against what is documented.
 */
export function formatFailures(rows: readonly TestRow[]): string[] {
  const broken = brokenRuleSummaries(rows);
  if (broken.length === 0) return [];
  const named = broken.map((rule) => `${rule.check} (${rule.level ?? 'no level'})`);
  const nameWidth = Math.max(...named.map((name) => name.length), 0);
  const count = broken.length;
  const out = ['', `Broken rules (${count} rule${count === 1 ? '' : 's'}; each fails the run):`];
  broken.slice(0, LIST_LIMIT).forEach((rule, i) => {
    const name = named[i] ?? rule.check;
    const exchanges = `${rule.exchanges} departure${rule.exchanges === 1 ? '' : 's'}`;
    out.push(
      fit(
        `  ${name.padEnd(nameWidth)}  ${String(rule.tests).padStart(3)} failed (${exchanges})  in ${rule.versions.join(', ')}`,
      ),
    );
    if (rule.source) out.push(...wrap(`Source: ${rule.source}`, 6));
    const { example } = rule;
    const status = example.status === undefined ? '' : ` → ${example.status}`;
    out.push(
      ...wrap(`e.g. ${example.id}: ${example.request ?? ''}${status} in "${example.test}"`, 6),
      fit(`          Received:   ${oneLine(example.received ?? '(not recorded)')}`),
      fit(`          Documented: ${oneLine(example.documented ?? '(not recorded)')}`),
    );
  });
  if (count > LIST_LIMIT) out.push(`  … and ${count - LIST_LIMIT} more rules`);
  return out;
}

/**
 * The run at a glance for the report, whose Metadata panel is the one thing above its test
 * list: the verdict, then each broken rule (at most 3) with its count and one example (what
 * was received beside what is documented), as short name/value pairs. The whole overview is
 * the report's first global attachment.
 */
export function overviewMetadata(rows: readonly TestRow[]): [string, string][] {
  const broken = brokenRuleSummaries(rows);
  const failed = rows.filter((row) => row.status === 'failed').length;
  const verdict =
    broken.length === 0
      ? failed === 0
        ? 'conforms: no rule broken'
        : `${failed} failed without a named rule`
      : `${broken.length} rule${broken.length === 1 ? '' : 's'} broken · ${failed} failed`;
  const pairs: [string, string][] = [['result', verdict]];
  broken.slice(0, 3).forEach((rule, i) => {
    const { example } = rule;
    const status = example.status === undefined ? '' : ` → ${example.status}`;
    pairs.push(
      [`broken ${i + 1}`, `${rule.check} · ${rule.tests} failed · ${rule.level ?? 'no level'}`],
      // The request without its mode: the value column shows about 30 characters.
      [`e.g. ${i + 1}`, `${(example.request ?? example.id).replace(/ · \S+$/, '')}${status}`],
      [`received ${i + 1}`, oneLine(example.received ?? '(not recorded)')],
      [`documented ${i + 1}`, oneLine(example.documented ?? '(not recorded)')],
    );
  });
  if (broken.length > 3) pairs.push(['broken, more', `${broken.length - 3} more rules`]);
  return pairs;
}

/** Failed tests that recorded no departure (a harness or target error), by first line. */
export function formatUnnamedFailures(rows: readonly TestRow[]): string[] {
  const unnamed = rows.filter((row) => row.status === 'failed' && row.violatedChecks.length === 0);
  if (unnamed.length === 0) return [];
  const out = ['', `Failed without a named check (${unnamed.length}; a harness or target error):`];
  const firstLines = tally(unnamed.map((row) => firstLine(row.errors[0] ?? 'no message')));
  for (const [line, count] of firstLines.slice(0, 3)) out.push(fit(`  ${count}× ${line}`));
  return out;
}

/** Which version(s) answered requests sent without X-Polytomic-Version. */
export function formatDefaultServed(rows: readonly TestRow[]): string[] {
  const served = defaultServedOf(rows);
  if (served.length === 0) return [];
  return [
    '',
    ...wrap(`Requests without X-Polytomic-Version were served as: ${served.join(', ')}`, 0),
  ];
}

export function countsLine(rows: readonly TestRow[]): string {
  const totals = emptyCounts();
  for (const row of rows) countRow(totals, row);
  return countsText(totals);
}

/** "300 passed, 2 warned, 0 failed, 0 skipped, 1 not judged here (1 flaky: …)". */
export function countsText(totals: Counts): string {
  // Flaky tests are among the passed and the warned.
  const flaky = totals.flaky ? ` (${totals.flaky} flaky: failed, then passed on retry)` : '';
  return `${totals.passed} passed, ${totals.warned} warned, ${totals.failed} failed, ${totals.skipped} skipped, ${totals.notJudgedHere} not judged here${flaky}`;
}

function cell(counts: Counts): string {
  return OUTCOMES.map((outcome) => counts[outcome]).join('/');
}

/** What a warning's test received against what the rule documents. */
function seen(example: { received?: string; documented?: string }): string {
  return `received ${example.received ?? '?'}, documented ${example.documented ?? '?'}`;
}

/** Distinct values with their counts, most frequent first. */
function tally(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/**
 * Word-wrapped to WIDTH: the first line indented by 2 (or `indent` when given), continuation
 * lines by 4 more.
 */
function wrap(text: string, indent = 2): string[] {
  const first = ' '.repeat(indent);
  const next = ' '.repeat(indent + 4);
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(' ')) {
    const candidate = line ? `${line} ${word}` : `${first}${word}`;
    if (candidate.length > WIDTH && line) {
      lines.push(line);
      line = `${next}${word}`;
    } else line = candidate;
  }
  return [...lines, line].map(fit);
}

function fit(line: string): string {
  return line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line;
}
