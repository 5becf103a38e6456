import { FAMILIES } from '../../../harness/checks/types';
import { truncate } from '../../../harness/text/truncate';
import { type Counts, OUTCOMES } from '../run/results';
import { coverageMarkdown } from './coverage';
import type {
  BrokenRuleSummary,
  FailureSummary,
  GateSummary,
  Summary,
  WarningSummary,
} from './model';

/**
 * summary.md: what a reviewer reads first, in a PR comment or the job summary. GitHub
 * caps a step summary at 1 MiB, so long lists are cut with a count of the rest.
 */
const LIST_LIMIT = 50;
/** Received and documented texts are cut to this in the Markdown (summary.json has them whole). */
const QUOTE_LIMIT = 160;

export function summaryMarkdown(summary: Summary): string {
  const lines = [
    '## Polytomic API conformance',
    '',
    `**Target:** ${targetText(summary)} · **harness** ${summary.harness.name} ${summary.harness.version} · **contract** \`${summary.contract.sha256.slice(0, 12)}\``,
    '',
    ...(summary.keys ? [`**Keys:** ${summary.keys.join('; ')}`, ''] : []),
    `**${totalsText(summary.totals)}** — generated ${summary.generatedAt}`,
    '',
    ...brokenSection(summary.brokenRules ?? []),
    ...table(summary.counts),
  ];
  if (summary.versions.defaultServed.length > 0)
    lines.push(
      '',
      `Requests without \`X-Polytomic-Version\` were served as: ${summary.versions.defaultServed.join(', ')}`,
    );
  if (summary.versions.reported) {
    lines.push(
      '',
      `Versions the target reported: ${summary.versions.reported.join(', ') || 'none'}`,
    );
  }
  if (summary.gate) lines.push('', ...gateSection(summary.gate, summary.failures));
  else if (summary.failures.length > 0) {
    lines.push('', `### Failures (${failuresCount(summary)})`, '');
    lines.push(...bullets(summary.failures.map(failureText)));
  }
  if (summary.warnings.length > 0) lines.push('', ...warningSection(summary.warnings));
  if (summary.notJudgedHere.length > 0) {
    const tests = summary.notJudgedHere.reduce((sum, entry) => sum + entry.tests, 0);
    lines.push('', `### Not judged here, and why (${tests})`, '');
    lines.push(
      'Judged against the bundled reference server only: a wrong answer would destroy data on this target.',
      '',
    );
    lines.push(
      ...bullets(
        summary.notJudgedHere.map(
          (entry) =>
            `${entry.reason} — ${entry.tests} test${plural(entry.tests)}: ${entry.which.join('; ')}`,
        ),
      ),
    );
  }
  if (summary.skipped.length > 0) {
    lines.push('', `### Skipped (${summary.totals.skipped})`, '');
    lines.push(
      ...bullets(
        summary.skipped.map(
          (entry) => `${entry.reason} — ${entry.tests} test${plural(entry.tests)}`,
        ),
      ),
    );
  }
  if (summary.coverage) lines.push('', ...coverageMarkdown(summary.coverage));
  return `${lines.join('\n')}\n`;
}

/**
 * The failed tests, as the header counts them, and the check ids they failed, as listed: a
 * check id (version · endpoint · mode · check) is often failed by several tests, so the list
 * is shorter than the tests ("440 failed" above "Failures (302)" read as a contradiction).
 */
export function failuresCount(summary: Summary): string {
  const tests = summary.totals.failed;
  const ids = summary.failures.length;
  return `${tests} failed test${plural(tests)}, ${ids} failing check id${plural(ids)}`;
}

function targetText(summary: Summary): string {
  const { target } = summary;
  const where = target.url ?? `host sha256 \`${target.hostSha256?.slice(0, 16)}…\``;
  return target.bundled ? `${where} (bundled reference server)` : where;
}

function totalsText(totals: Counts): string {
  const flaky = totals.flaky ? ` (${totals.flaky} flaky, among the passed and warned)` : '';
  return `${totals.passed} passed, ${totals.warned} warned, ${totals.failed} failed, ${totals.skipped} skipped, ${totals.notJudgedHere} not judged here${flaky}`;
}

function table(counts: Summary['counts']): string[] {
  const seen = new Set(Object.values(counts).flatMap((byFamily) => Object.keys(byFamily)));
  const families = [
    ...FAMILIES.filter((family) => seen.has(family)),
    ...[...seen].filter((family) => !(FAMILIES as readonly string[]).includes(family)),
  ];
  const cell = (c: Counts | undefined) =>
    c ? OUTCOMES.map((outcome) => c[outcome]).join('/') : '–';
  const rows = Object.entries(counts).map(
    ([project, byFamily]) =>
      `| ${project} | ${families.map((family) => cell(byFamily[family])).join(' | ')} |`,
  );
  return [
    `| version | ${families.join(' | ')} |`,
    `|---|${families.map(() => '---').join('|')}|`,
    ...rows,
    '',
    'Cells: passed/warned/failed/skipped/not judged here (a test is in one; warned: passed, with a warning).',
  ];
}

/** `id` — level — source, then what was received against what is documented. */
function failureText(failure: FailureSummary): string {
  const rule = failure.level
    ? ` — **${failure.level}** — ${failure.source ?? 'no source'}`
    : ' — no rule (a harness or target error)';
  const seen =
    failure.received !== undefined || failure.documented !== undefined
      ? ` — received ${quote(failure.received)}, documented ${quote(failure.documented)}`
      : '';
  return `${code(failure.id)}${rule}${seen}`;
}

/** What a failing run is about, before the table: each rule broken, with one example. */
function brokenSection(broken: readonly BrokenRuleSummary[]): string[] {
  if (broken.length === 0) return [];
  return [
    `### Broken rules (${broken.length})`,
    '',
    '| rule | level | versions | failed tests (departures) | example: request → status, received vs documented |',
    '|---|---|---|---|---|',
    ...broken.slice(0, LIST_LIMIT).map((rule) => {
      const { example } = rule;
      const request = `${example.request ?? example.id}${example.status === undefined ? '' : ` → ${example.status}`}`;
      return [
        '',
        cellText(`${code(rule.check)}${rule.rule ? `: ${rule.rule}` : ''}`),
        rule.level ?? 'no level',
        rule.versions.join(', '),
        `${rule.tests} (${rule.exchanges})`,
        cellText(
          `${code(request)} in ${code(example.id)}: received ${quote(example.received)}, documented ${quote(example.documented)}`,
        ),
        '',
      ]
        .join(' | ')
        .trim();
    }),
    ...(broken.length > LIST_LIMIT ? ['', `… and ${broken.length - LIST_LIMIT} more rules`] : []),
    '',
  ];
}

/** The unconfirmed expectations: each rule with its level, source, count and one example. */
function warningSection(warnings: readonly WarningSummary[]): string[] {
  const tests = warnings.reduce((sum, warning) => sum + warning.tests, 0);
  return [
    `### Warnings (unconfirmed expectations) (${warnings.length} rule${plural(warnings.length)}, ${tests} test${plural(tests)})`,
    '',
    'No Polytomic source states these rules (level decision): a departure warns and fails no test; with `POLYTOMIC_STRICT=true` it fails.',
    '',
    '| rule | level | source | tests | example: received vs documented |',
    '|---|---|---|---|---|',
    ...warnings
      .slice(0, LIST_LIMIT)
      .map((warning) =>
        [
          '',
          cellText(`${code(warning.check)}${warning.rule ? `: ${warning.rule}` : ''}`),
          warning.level,
          cellText(warning.source ?? 'no source'),
          `${warning.tests} (${warning.versions.join(', ')})`,
          cellText(
            `${code(warning.example.id)}: received ${quote(warning.example.received)}, documented ${quote(warning.example.documented)}`,
          ),
          '',
        ]
          .join(' | ')
          .trim(),
      ),
    ...(warnings.length > LIST_LIMIT
      ? ['', `… and ${warnings.length - LIST_LIMIT} more rules`]
      : []),
  ];
}

function gateSection(gate: GateSummary, failures: readonly FailureSummary[]): string[] {
  const out = [
    `### Gate: ${gate.passed ? '✅ passed' : '❌ failed'} (baseline \`${gate.baseline}\`)`,
    '',
  ];
  const byId = new Map(failures.map((failure) => [failure.id, failure] as const));
  const withRule = (id: string) => {
    const failure = byId.get(id);
    return failure ? failureText(failure) : code(id);
  };
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    out.push(`**${title} (${items.length})**`, '', ...bullets(items), '');
  };
  section('New failures', gate.new.map(withRule));
  section('Expired baseline entries — fix the check or renew the entry', gate.expired.map(code));
  section(
    'Known (baselined) failures',
    gate.known.map((k) => `${code(k.id)} — until ${k.expires}`),
  );
  section('Baselined checks that now pass — remove these entries', gate.fixed.map(code));
  section('Baseline entries whose test did not run here', gate.notRun.map(code));
  if (out.length === 2) out.push('No failures, and the baseline is empty.');
  return out;
}

/** Inline code that holds whatever it quotes: the fence is longer than any backtick run inside. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A received or documented text as inline code, cut to QUOTE_LIMIT, one line. */
function quote(text: string | undefined): string {
  if (text === undefined) return '(not recorded)';
  const line = text.replace(/\s+/g, ' ').trim();
  return code(truncate(line, QUOTE_LIMIT));
}

/** Text in a table cell, on one line: a pipe would end the cell (GFM escapes it in code too). */
function cellText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}

function bullets(items: readonly string[]): string[] {
  const shown = items.slice(0, LIST_LIMIT).map((item) => `- ${item}`);
  if (items.length > LIST_LIMIT) shown.push(`- … and ${items.length - LIST_LIMIT} more`);
  return shown;
}
