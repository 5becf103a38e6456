import { FAMILIES } from '../harness/checks/types';
import type { Counts } from './results';
import type { GateSummary, Summary } from './summary-json';

/**
 * summary.md: what a reviewer reads first, in a PR comment or the job summary. GitHub
 * caps a step summary at 1 MiB, so long lists are cut with a count of the rest.
 */
const LIST_LIMIT = 50;

export function summaryMarkdown(summary: Summary): string {
  const lines = [
    '## Polytomic API conformance',
    '',
    `**Target:** ${targetText(summary)} · **harness** ${summary.harness.name} ${summary.harness.version} · **contract** \`${summary.contract.sha256.slice(0, 12)}\``,
    '',
    `**${totalsText(summary.totals)}** — generated ${summary.generatedAt}`,
    '',
    ...table(summary.counts),
  ];
  if (summary.versions.reported) {
    lines.push(
      '',
      `Versions the target reported: ${summary.versions.reported.join(', ') || 'none'}`,
    );
  }
  if (summary.gate) lines.push('', ...gateSection(summary.gate));
  else if (summary.failures.length > 0) {
    lines.push('', `### Failures (${summary.failures.length})`, '');
    lines.push(...bullets(summary.failures.map((failure) => `\`${failure.id}\``)));
  }
  return `${lines.join('\n')}\n`;
}

function targetText(summary: Summary): string {
  const { target } = summary;
  const where = target.url ?? `host sha256 \`${target.hostSha256?.slice(0, 16)}…\``;
  return target.bundled ? `${where} (bundled reference server)` : where;
}

function totalsText(totals: Counts): string {
  const flaky = totals.flaky ? ` (${totals.flaky} flaky)` : '';
  return `${totals.passed + totals.flaky} passed, ${totals.failed} failed, ${totals.skipped} skipped${flaky}`;
}

function table(counts: Summary['counts']): string[] {
  const seen = new Set(Object.values(counts).flatMap((byFamily) => Object.keys(byFamily)));
  const families = [
    ...FAMILIES.filter((family) => seen.has(family)),
    ...[...seen].filter((family) => !(FAMILIES as readonly string[]).includes(family)),
  ];
  const cell = (c: Counts | undefined) =>
    c ? `${c.passed + c.flaky}/${c.failed}/${c.skipped}` : '–';
  const rows = Object.entries(counts).map(
    ([project, byFamily]) =>
      `| ${project} | ${families.map((family) => cell(byFamily[family])).join(' | ')} |`,
  );
  return [
    `| version | ${families.join(' | ')} |`,
    `|---|${families.map(() => '---').join('|')}|`,
    ...rows,
    '',
    'Cells: passed/failed/skipped.',
  ];
}

function gateSection(gate: GateSummary): string[] {
  const out = [
    `### Gate: ${gate.passed ? '✅ passed' : '❌ failed'} (baseline \`${gate.baseline}\`)`,
    '',
  ];
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    out.push(`**${title} (${items.length})**`, '', ...bullets(items), '');
  };
  section('New failures', gate.new.map(code));
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

function code(text: string): string {
  return `\`${text}\``;
}

function bullets(items: readonly string[]): string[] {
  const shown = items.slice(0, LIST_LIMIT).map((item) => `- ${item}`);
  if (items.length > LIST_LIMIT) shown.push(`- … and ${items.length - LIST_LIMIT} more`);
  return shown;
}
