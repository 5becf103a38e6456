import { countByProjectAndFamily, emptyCounts, familiesIn, type TestRow } from './results';

/** The one-screen summary: versions × check families, skip reasons, and the failures by check. */
export function formatSummary(rows: readonly TestRow[]): string {
  const families = familiesIn(rows);
  const table = countByProjectAndFamily(rows);
  const cell = (c: { passed: number; failed: number; skipped: number; flaky: number }) =>
    `${c.passed + c.flaky}/${c.failed}/${c.skipped}`;
  const header = ['version', ...families, 'total'];
  const lines: string[][] = [header];
  for (const [project, byFamily] of table) {
    const total = emptyCounts();
    const cells = families.map((family) => {
      const counts = byFamily.get(family) ?? emptyCounts();
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
      return byFamily.has(family) ? cell(counts) : '-';
    });
    lines.push([project, ...cells, cell(total)]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((line) => (line[i] ?? '').length)));
  const out = ['Conformance by version × check family (passed/failed/skipped):', ''];
  for (const line of lines) out.push(line.map((text, i) => text.padEnd(widths[i] ?? 0)).join('  '));

  const skips = new Map<string, number>();
  for (const row of rows)
    if (row.skipReason) skips.set(row.skipReason, (skips.get(row.skipReason) ?? 0) + 1);
  if (skips.size > 0) {
    out.push('', 'Skipped:');
    for (const [reason, count] of [...skips].sort((a, b) => b[1] - a[1]))
      out.push(`  ${reason.replace(/: skipped$/, '')}: ${count} checks skipped`);
  }

  const failures = rows.filter((row) => row.status === 'failed');
  if (failures.length > 0) {
    const byCheck = new Map<string, number>();
    for (const row of failures)
      for (const check of row.violatedChecks.length
        ? row.violatedChecks
        : ['(no check: harness error)'])
        byCheck.set(check, (byCheck.get(check) ?? 0) + 1);
    out.push('', 'Failed tests by violated check:');
    for (const [check, count] of [...byCheck].sort((a, b) => b[1] - a[1]))
      out.push(`  ${check}: ${count}`);
  }
  const flaky = rows.filter((row) => row.status === 'flaky').length;
  const count = (status: TestRow['status']) => rows.filter((row) => row.status === status).length;
  out.push(
    '',
    `${count('passed') + flaky} passed, ${count('failed')} failed, ${count('skipped')} skipped${flaky ? ` (${flaky} flaky)` : ''}`,
  );
  return out.join('\n');
}
