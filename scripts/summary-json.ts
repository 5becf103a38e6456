import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VERSION_PATTERN } from '../contract/versions';
import { type Failure, type GateResult, uniqueFailures } from '../harness/baseline';
import { checkIdsOf, formatCheckId } from '../harness/check-id';
import { type HarnessConfig, harnessConfig } from '../harness/config';
import {
  contractHash,
  harnessVersion,
  hashHostRequested,
  type TargetInfo,
  targetInfo,
} from './fingerprint';
import { type Counts, countByProjectAndFamily, emptyCounts, type TestRow } from './results';
import { summaryMarkdown } from './summary-markdown';

/**
 * reports/summary.json (for machines; schemas-internal/summary.schema.json) and
 * reports/summary.md (for a PR comment or $GITHUB_STEP_SUMMARY), from the rows of
 * Playwright's JSON report. Nothing in either is secret: ids, counts, hashes, the target URL
 * (or only its host's hash).
 */
export const SUMMARY_FORMAT = 1;

export interface VersionProbe {
  /** The X-Polytomic-Version sent; null for a request without it. */
  readonly requested: string | null;
  readonly status: number;
  /** The X-Polytomic-Version the target answered with; null when absent. */
  readonly served: string | null;
}

export interface GateSummary {
  readonly passed: boolean;
  readonly baseline: string;
  readonly new: readonly string[];
  readonly known: readonly { id: string; baselinedBy: string; expires: string }[];
  readonly fixed: readonly string[];
  readonly expired: readonly string[];
  readonly notRun: readonly string[];
}

export interface Summary {
  readonly summaryFormat: number;
  readonly generatedAt: string;
  readonly harness: { name: string; version: string };
  readonly contract: { sha256: string; files: number };
  readonly target: TargetInfo;
  readonly versions: {
    readonly run: readonly string[];
    /** Versions the target named in X-Polytomic-Version (verify probes them). */
    readonly reported?: readonly string[];
    readonly probes?: readonly VersionProbe[];
  };
  /** Project (API version, preflight, collateral) → check family → counts. */
  readonly counts: Record<string, Record<string, Counts>>;
  readonly totals: Counts;
  readonly failures: readonly {
    id: string;
    version: string;
    endpoint: string;
    mode: string;
    check: string;
    family: string;
    test: string;
  }[];
  readonly gate?: GateSummary;
}

export interface SummaryOptions {
  readonly config?: Pick<HarnessConfig, 'targetUrl' | 'bundled'>;
  readonly hashHost?: boolean;
  readonly gate?: GateSummary;
  readonly probes?: readonly VersionProbe[];
  readonly now?: Date;
}

/**
 * Rows once per project, family and title: a merged sharded run holds the preflight and
 * collateral tests once per shard. A failure in any shard is kept.
 */
export function uniqueRows(rows: readonly TestRow[]): TestRow[] {
  const byKey = new Map<string, TestRow>();
  for (const row of rows) {
    const key = `${row.project}\0${row.family}\0${row.title}`;
    const seen = byKey.get(key);
    if (!seen || (row.status === 'failed' && seen.status !== 'failed')) byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** Every failed test's check ids, once each. */
export function failuresOf(rows: readonly TestRow[]): Failure[] {
  return uniqueFailures(
    rows
      .filter((row) => row.status === 'failed')
      .flatMap((row) => checkIdsOf(row).map((id) => ({ id, test: row.title, family: row.family }))),
  );
}

export function buildSummary(rows: readonly TestRow[], options: SummaryOptions = {}): Summary {
  const config = options.config ?? harnessConfig();
  const counts: Record<string, Record<string, Counts>> = {};
  const totals = emptyCounts();
  for (const [project, byFamily] of countByProjectAndFamily(rows)) {
    counts[project] = Object.fromEntries(byFamily);
    for (const family of byFamily.values())
      for (const key of Object.keys(totals) as (keyof Counts)[]) totals[key] += family[key];
  }
  const probes = options.probes;
  return {
    summaryFormat: SUMMARY_FORMAT,
    generatedAt: (options.now ?? new Date()).toISOString(),
    harness: harnessVersion(),
    contract: contractHash(),
    target: targetInfo(config, options.hashHost ?? hashHostRequested()),
    versions: {
      run: [...new Set(rows.map((row) => row.project))].filter((p) => VERSION_PATTERN.test(p)),
      ...(probes
        ? {
            reported: [...new Set(probes.flatMap((p) => (p.served ? [p.served] : [])))].sort(),
            probes,
          }
        : {}),
    },
    counts,
    totals,
    failures: failuresOf(rows).map(({ id, test, family }) => ({
      id: formatCheckId(id),
      ...id,
      family,
      test,
    })),
    ...(options.gate ? { gate: options.gate } : {}),
  };
}

/** Writes summary.json and summary.md into `dir` (default reports/); returns their paths. */
export function writeSummaryFiles(
  rows: readonly TestRow[],
  options: SummaryOptions & { dir?: string } = {},
): { json: string; markdown: string; summary: Summary } {
  const dir = options.dir ?? 'reports';
  mkdirSync(dir, { recursive: true });
  const summary = buildSummary(rows, options);
  const json = path.join(dir, 'summary.json');
  const markdown = path.join(dir, 'summary.md');
  writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(markdown, summaryMarkdown(summary));
  return { json, markdown, summary };
}

export function gateSummary(result: GateResult, baseline: string): GateSummary {
  return {
    passed: result.passed,
    baseline,
    new: result.newFailures.map((failure) => formatCheckId(failure.id)),
    known: result.known.map(({ failure, entry }) => ({
      id: formatCheckId(failure.id),
      baselinedBy: entry.id,
      expires: entry.expires,
    })),
    fixed: result.fixed.map((entry) => entry.id),
    expired: result.expired.map((entry) => entry.id),
    notRun: result.notRun.map((entry) => entry.id),
  };
}
