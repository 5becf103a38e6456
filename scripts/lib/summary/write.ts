import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPORTS_DIR } from '../../../harness/config/paths';
import type { TestRow } from '../run/results';
import { summaryMarkdown } from './markdown';
import { buildSummary, type Summary, type SummaryOptions } from './model';

/**
 * Writes summary.json (the model as it is, for machines) and summary.md (for a PR comment or
 * $GITHUB_STEP_SUMMARY) into `dir` (default reports/), both from one model so they never
 * disagree; returns their paths.
 */
export function writeSummaryFiles(
  rows: readonly TestRow[],
  options: SummaryOptions & { dir?: string } = {},
): { json: string; markdown: string; summary: Summary } {
  const dir = options.dir ?? REPORTS_DIR;
  mkdirSync(dir, { recursive: true });
  const summary = buildSummary(rows, options);
  const json = path.join(dir, 'summary.json');
  const markdown = path.join(dir, 'summary.md');
  writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(markdown, summaryMarkdown(summary));
  return { json, markdown, summary };
}
