import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CheckId, formatCheckId, NO_MODE } from '../gate/check-id';
import type { RequestComparison } from './request-diff';

/**
 * What `npm run compare` prints and writes: sections of findings, the same lines on the
 * console, in compare.md and (as data) in compare.json. A finding is one change; its id is
 * what a baseline entry names (`<new> · <where> · - · <kind>`).
 */
export interface Finding {
  readonly id: CheckId;
  readonly breaking: boolean;
  readonly line: string;
  /** The change as data, for compare.json. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Section {
  readonly key: 'contract' | 'responses' | 'requests' | 'live';
  readonly title: string;
  /** The lines shown, in order; every finding has one, and a section may add notes. */
  readonly lines: readonly string[];
  readonly findings: readonly Finding[];
}

/** A section whose lines are its findings, class first (the response and contract sides). */
export function listSection(key: Section['key'], title: string, findings: Finding[]): Section {
  const lines = findings.map((f) => `${f.breaking ? 'BREAKING    ' : 'non-breaking'}  ${f.line}`);
  return { key, title, lines: lines.length > 0 ? lines : ['no change'], findings };
}

const CLASS = { breaking: 'breaking', compatible: 'compatible', none: '-' } as const;

/**
 * The request side as a table, one line per change: resource, operation, field path, change,
 * class — and a `no change` line for each operation whose body did not change, so a
 * resource with nothing to report is seen to have been compared.
 */
export function requestSection(
  title: string,
  requests: RequestComparison,
  newVersion: string,
): Section {
  const rows: string[][] = [['resource', 'operation', 'field path', 'change', 'class']];
  const findings: Finding[] = [];
  for (const body of requests.bodies) {
    const moved = body.endpoints.length > 1 ? `; ${body.endpoints.join(' → ')}` : '';
    if (body.changes.length === 0)
      rows.push([
        body.resource,
        body.operation,
        '(body)',
        `no change (${body.schemas.join(' → ')}${moved})`,
        CLASS.none,
      ]);
    for (const change of body.changes) {
      const where = change.path || '(body)';
      const text = `${change.kind.replace(/_/g, ' ')} — ${change.detail}`;
      const klass = change.breaking ? CLASS.breaking : CLASS.compatible;
      rows.push([body.resource, body.operation, where, text, klass]);
      findings.push({
        id: {
          version: newVersion,
          endpoint: `${body.resource} ${body.operation} ${where}`,
          mode: NO_MODE,
          check: change.kind,
        },
        breaking: change.breaking,
        line: [body.resource, body.operation, where, text, klass].join('  '),
        data: {
          resource: body.resource,
          operation: body.operation,
          endpoints: body.endpoints,
          schemas: body.schemas,
          path: where,
          change: change.kind,
          detail: change.detail,
          class: klass,
        },
      });
    }
  }
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, i) => Math.max(max[i] ?? 0, cell.length)),
    [],
  );
  const lines = rows.map((row) =>
    row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  '),
  );
  if (requests.unnamed.length > 0)
    lines.push(`not compared (no endpoint row names them): ${requests.unnamed.join(', ')}`);
  return { key: 'requests', title, lines, findings };
}

export function printSections(sections: readonly Section[]): void {
  for (const section of sections) {
    console.log(`\n${section.title}:`);
    for (const line of section.lines) console.log(`  ${line}`);
  }
}

export interface Verdict {
  readonly total: number;
  readonly breaking: number;
  readonly baselined: number;
  readonly open: readonly CheckId[];
}

/** compare.md (the console's lines under headings) and compare.json (the same as data). */
export function writeComparison(
  dir: string,
  versions: { readonly old: string; readonly new: string },
  sections: readonly Section[],
  verdict: Verdict,
): string[] {
  mkdirSync(dir, { recursive: true });
  const md = [
    `# API changes ${versions.old} → ${versions.new}`,
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', '```', ...s.lines, '```', '']),
    `${verdict.total} changes: ${verdict.breaking} breaking (${verdict.baselined} baselined), ${verdict.total - verdict.breaking} non-breaking.`,
    ...verdict.open.map((id) => `- not baselined: \`${formatCheckId(id)}\``),
    '',
  ].join('\n');
  const json = {
    old: versions.old,
    new: versions.new,
    ...Object.fromEntries(
      sections.map((s) => [
        s.key,
        s.findings.map((f) => ({
          ...f.data,
          id: formatCheckId(f.id),
          breaking: f.breaking,
        })),
      ]),
    ),
    verdict: { ...verdict, open: verdict.open.map(formatCheckId) },
  };
  const files = [path.join(dir, 'compare.md'), path.join(dir, 'compare.json')];
  writeFileSync(files[0] as string, md);
  writeFileSync(files[1] as string, `${JSON.stringify(json, null, 2)}\n`);
  return files;
}
