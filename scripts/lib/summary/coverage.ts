import {
  coverage,
  NO_ROW_YET,
  type OperationCoverage,
  route,
  type VersionCoverage,
} from '../../../contract/coverage';
import { VERSION_PATTERN } from '../../../contract/versions';
import type { TestRow } from '../run/results';

/**
 * The coverage table of every summary (contract/coverage.ts): per resource × API version of
 * the run, the operations judged of those Polytomic's clients call. The console has one line
 * per resource; summary.md and the report's coverage.md every operation and why any is not
 * judged; summary.json the model whole.
 */
export const JUDGED_WHEN =
  "judged: a contract row of the version has the operation's method and path (contract/endpoints.ts); documented: the operation is in the version's inventory of what Polytomic's SDK calls (contract/inventory/)";

export interface CoverageSummary {
  readonly judgedWhen: string;
  readonly versions: readonly VersionCoverage[];
}

/** The API versions the rows ran, oldest first (not the preflight or the collateral check). */
export function versionsRun(rows: readonly TestRow[]): string[] {
  return [...new Set(rows.map((row) => row.project))].filter((p) => VERSION_PATTERN.test(p)).sort();
}

export function coverageSummary(versions: readonly string[]): CoverageSummary {
  return { judgedWhen: JUDGED_WHEN, versions: coverage(versions) };
}

const WIDTH = 100;

/** Resource rows, version columns: `judged/documented`, `-` where the version's SDK has none. */
function grid(versions: readonly VersionCoverage[], cell: (n: number, of: number) => string) {
  const resources = [
    ...new Set(versions.flatMap((version) => version.resources.map((r) => r.resource))),
  ].sort();
  const rows = resources.map((name) => [
    name,
    ...versions.map((version) => {
      const found = version.resources.find((resource) => resource.resource === name);
      return found ? cell(found.judged, found.documented) : '-';
    }),
  ]);
  const total = ['total', ...versions.map((version) => cell(version.judged, version.documented))];
  return { header: ['resource', ...versions.map((version) => version.version)], rows, total };
}

/** The report's coverage.md: the same as summary.md's part, for the rows' versions. */
export function coverageAttachment(rows: readonly TestRow[]): string {
  const lines = coverageMarkdown(coverageSummary(versionsRun(rows)));
  return `# Polytomic API conformance: coverage\n\n${lines.join('\n')}\n`;
}

/**
 * The console's part, short enough to leave the broken rules in the last screen: the
 * resources judged at all, one line each, the total, and those judged in no version.
 */
export function formatCoverage(summary: CoverageSummary): string[] {
  const { versions } = summary;
  if (versions.length === 0) return [];
  const { header, rows, total } = grid(versions, (n, of) => `${n}/${of}`);
  const judged = rows.filter((row) => row.slice(1).some((cell) => !/^(0\/\d+|-)$/.test(cell)));
  const untouched = rows.filter((row) => !judged.includes(row)).map((row) => row[0]);
  const lines = [header, ...judged, total];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i]?.length ?? 0)));
  const table = lines.map((line) =>
    `  ${line.map((text, i) => text.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd(),
  );
  const unexplained = versions.reduce((sum, version) => sum + version.rowsInNoInventory.length, 0);
  return [
    '',
    'Coverage: operations judged / operations Polytomic’s SDK calls, by resource × API version:',
    ...table,
    ...wrap(
      `${untouched.length} more resources judged in no version; every operation and why, and the ${unexplained} contract rows no SDK calls: reports/summary.md.`,
    ),
  ];
}

/** summary.md's part (and the report's coverage.md): the table, then every operation. */
export function coverageMarkdown(summary: CoverageSummary): string[] {
  const { versions } = summary;
  if (versions.length === 0) return [];
  const { header, rows, total } = grid(versions, (n, of) => `${n} of ${of}`);
  const tableRow = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    '### Coverage: the operations Polytomic’s clients call, and which are judged',
    '',
    `${summary.judgedWhen[0]?.toUpperCase()}${summary.judgedWhen.slice(1)}. Inventories: ${inventoriesText(versions)}.`,
    '',
    tableRow(header),
    `|---|${versions.map(() => '---').join('|')}|`,
    ...rows.map(tableRow),
    tableRow(total.map((cell) => `**${cell}**`)),
    '',
    `Not judged: ${reasonCounts(versions)}.`,
  ];
  const unexplained = versions.flatMap((version) =>
    version.rowsInNoInventory.map(
      (row) =>
        `- ${version.version}: \`${row.method} ${row.path}\` (${row.resource} ${row.operation}) — ${row.reason}`,
    ),
  );
  if (unexplained.length > 0)
    out.push(
      '',
      'Contract rows no SDK of their version calls (judged, though no Polytomic client sends them):',
      '',
      ...unexplained,
    );
  out.push(
    '',
    '<details><summary>Every operation, by version</summary>',
    '',
    tableRow(['resource', 'SDK method', 'operation', ...versions.map((v) => v.version)]),
    `|---|---|---|${versions.map(() => '---').join('|')}|`,
    ...operationRows(versions).map(tableRow),
    '',
    '</details>',
  );
  return out;
}

/** One row per operation any version's SDK calls: judged, or why not, in each version. */
function operationRows(versions: readonly VersionCoverage[]): string[][] {
  const byRoute = new Map<string, { resource: string; sdkMethods: Set<string>; label: string }>();
  const cells = new Map<string, Map<string, OperationCoverage>>();
  for (const version of versions)
    for (const resource of version.resources)
      for (const operation of resource.operations) {
        const key = `${resource.resource}\0${route(operation.method, operation.path)}`;
        const seen = byRoute.get(key) ?? {
          resource: resource.resource,
          sdkMethods: new Set<string>(),
          label: `\`${operation.method} ${operation.path}\``,
        };
        // An SDK renames a method now and then (1.18.1's `remove` is `delete` at its newest).
        seen.sdkMethods.add(operation.sdkMethod);
        byRoute.set(key, seen);
        const inVersion = cells.get(key) ?? new Map<string, OperationCoverage>();
        inVersion.set(version.version, operation);
        cells.set(key, inVersion);
      }
  // By resource, each in its SDK's order (a newer SDK's additions after the older's).
  return [...byRoute]
    .sort(([, a], [, b]) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0))
    .map(([key, { resource, sdkMethods, label }]) => [
      resource,
      [...sdkMethods].join(' / '),
      label,
      ...versions.map((version) => {
        const operation = cells.get(key)?.get(version.version);
        if (!operation) return `not in ${version.source ?? 'any inventory'}`;
        return operation.judged ? 'judged' : (operation.reason ?? NO_ROW_YET);
      }),
    ]);
}

/** "SDK-1.18 (npm polytomic 1.18.1) for 2022-12-12, 2023-04-25; SDK-HEAD (…) for 2025-09-18". */
function inventoriesText(versions: readonly VersionCoverage[]): string {
  const bySource = new Map<string, string[]>();
  for (const version of versions) {
    const name = version.source ? `${version.source} (${version.readFrom})` : 'none';
    bySource.set(name, [...(bySource.get(name) ?? []), version.version]);
  }
  return [...bySource].map(([name, list]) => `${name} for ${list.join(', ')}`).join('; ');
}

/** "no contract row yet: 104 in 2022-12-12, …; other reasons: 2 in 2022-12-12, …". */
function reasonCounts(versions: readonly VersionCoverage[]): string {
  const count = (version: VersionCoverage, noRow: boolean) =>
    version.resources
      .flatMap((resource) => resource.operations)
      .filter((operation) => !operation.judged && (operation.reason === NO_ROW_YET) === noRow)
      .length;
  const part = (noRow: boolean) =>
    versions
      .map((version) => [version.version, count(version, noRow)] as const)
      .filter(([, n]) => n > 0)
      .map(([version, n]) => `${n} in ${version}`)
      .join(', ');
  const noRow = part(true);
  const other = part(false);
  return [
    noRow ? `${NO_ROW_YET}: ${noRow}` : `none for want of a row`,
    ...(other ? [`a more specific reason: ${other}`] : []),
  ].join('; ');
}

/** Word-wrapped to WIDTH, indented by 2, continuation lines by 6. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : `  ${word}`;
    if (candidate.length > WIDTH && line) {
      lines.push(line);
      line = `      ${word}`;
    } else line = candidate;
  }
  return [...lines, line].map((l) => (l.length > WIDTH ? `${l.slice(0, WIDTH - 1)}…` : l));
}
