import { VERSION_PATTERN } from '../contract/versions';
import {
  type Counts,
  countByProjectAndFamily,
  emptyCounts,
  familiesIn,
  type TestRow,
} from './results';

/**
 * The console summary `npm run conformance` prints: one screen, 100 columns.
 * Check families down, API versions across (four versions fit; nine families
 * across would not), then the skip reasons and the failures by check.
 */
const RUN_WIDE = 'preflight';
const LIST_LIMIT = 10;
const WIDTH = 100;

export function formatSummary(rows: readonly TestRow[]): string {
  return [
    'Conformance by check family × API version (passed/failed/skipped):',
    '',
    ...formatTable(rows),
    ...formatSkips(rows),
    ...formatFailures(rows),
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
      add(total, counts);
      add(columnTotals[i] ?? emptyCounts(), counts);
      return cell(counts);
    });
    lines.push([family, ...cells, cell(total)]);
  }
  const grand = emptyCounts();
  for (const counts of columnTotals) add(grand, counts);
  lines.push(['total', ...columnTotals.map(cell), cell(grand)]);
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((line) => line[i]?.length ?? 0)));
  return lines.map((line) =>
    line
      .map((text, i) => text.padEnd(widths?.[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** One line per reason, e.g. "deployment key not configured (…): 40 checks skipped". */
export function formatSkips(rows: readonly TestRow[]): string[] {
  const byReason = tally(rows.flatMap((row) => (row.skipReason ? [skipText(row.skipReason)] : [])));
  if (byReason.length === 0) return [];
  return [
    '',
    'Skipped:',
    ...byReason.flatMap(([reason, count]) =>
      wrap(`  ${reason}: ${count} check${count === 1 ? '' : 's'} skipped`),
    ),
  ];
}

/** A test with no skip reason was never started: its project's dependency failed. */
function skipText(reason: string): string {
  if (reason === 'skipped') return 'not run because the preflight failed (or the run stopped)';
  return reason.replace(/: skipped$/, '');
}

/** Each violated check with its failed tests and versions; harness errors by first line. */
export function formatFailures(rows: readonly TestRow[]): string[] {
  const failed = rows.filter((row) => row.status === 'failed');
  if (failed.length === 0) return [];
  const versions = new Map<string, Set<string>>();
  for (const row of failed)
    for (const check of row.violatedChecks) {
      const seen = versions.get(check) ?? new Set<string>();
      seen.add(column(row.project));
      versions.set(check, seen);
    }
  const byCheck = tally(failed.flatMap((row) => row.violatedChecks));
  const nameWidth = Math.max(...byCheck.map(([check]) => check.length), 0);
  const out = ['', 'Failed tests by violated check:'];
  for (const [check, count] of byCheck.slice(0, LIST_LIMIT)) {
    const where = [...(versions.get(check) ?? [])].sort().join(', ');
    out.push(fit(`  ${check.padEnd(nameWidth)}  ${String(count).padStart(3)} failed  in ${where}`));
  }
  if (byCheck.length > LIST_LIMIT) out.push(`  … and ${byCheck.length - LIST_LIMIT} more checks`);
  const unnamed = failed.filter((row) => row.violatedChecks.length === 0);
  if (unnamed.length > 0) {
    out.push('', `Failed without a named check (${unnamed.length}; a harness or target error):`);
    const firstLines = tally(unnamed.map((row) => firstLine(row.errors[0] ?? 'no message')));
    for (const [line, count] of firstLines.slice(0, 3)) out.push(fit(`  ${count}× ${line}`));
  }
  return out;
}

export function countsLine(rows: readonly TestRow[]): string {
  const count = (status: TestRow['status']) => rows.filter((row) => row.status === status).length;
  const flaky = count('flaky');
  return `${count('passed') + flaky} passed, ${count('failed')} failed, ${count('skipped')} skipped${flaky ? ` (${flaky} flaky: failed, then passed on retry)` : ''}`;
}

function cell(counts: Counts): string {
  return `${counts.passed + counts.flaky}/${counts.failed}/${counts.skipped}`;
}

function add(into: Counts, counts: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += counts[key];
}

/** Distinct values with their counts, most frequent first. */
function tally(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/** Word-wrapped to WIDTH, continuation lines indented under the first. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(' ')) {
    const next = line ? `${line} ${word}` : `  ${word}`;
    if (next.length > WIDTH && line) {
      lines.push(line);
      line = `      ${word}`;
    } else line = next;
  }
  return [...lines, line];
}

function fit(line: string): string {
  return line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line;
}
