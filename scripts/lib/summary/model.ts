import { isRuleName, LEVELS, type Level, RULES } from '../../../contract/rules';
import { formatSource } from '../../../contract/sources';
import { VERSION_PATTERN } from '../../../contract/versions';
import { type HarnessConfig, harnessConfig } from '../../../harness/config/env';
import { type Failure, type GateResult, uniqueFailures } from '../gate/baseline';
import { type CheckId, checkIdsOf, formatCheckId } from '../gate/check-id';
import {
  addCounts,
  type Counts,
  countByProjectAndFamily,
  emptyCounts,
  outcomeOf,
  type RecordedCheck,
  type TestRow,
} from '../run/results';
import { type CoverageSummary, coverageSummary, versionsRun } from './coverage';
import {
  contractHash,
  harnessVersion,
  hashHostRequested,
  type TargetInfo,
  targetInfo,
} from './fingerprint';

/**
 * What a run's summary says, built from the rows of Playwright's JSON report: the model
 * that summary.json holds (schemas-internal/summary.schema.json) and that the console and
 * summary.md show. It knows none of the ways it is shown or written (write.ts, markdown.ts,
 * console.ts import it, never the reverse). Nothing in it is secret: ids, counts, hashes,
 * the target URL (or only its host's hash).
 */
export const SUMMARY_FORMAT = 2;

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

/** What a rule is, as summary.json names it: its level and its source (contract/rules.ts). */
export interface RuleInfo {
  /** The rule's one line, absent for `harness_error` (no rule: a timeout, a thrown error). */
  readonly rule?: string;
  readonly level?: Level;
  /** The source id and the quote it rests on (contract/sources.ts formatSource). */
  readonly source?: string;
}

export interface FailureSummary extends RuleInfo {
  readonly id: string;
  readonly version: string;
  readonly endpoint: string;
  readonly mode: string;
  readonly check: string;
  readonly family: string;
  readonly test: string;
  /** What the target answered and what the rule says, at the first departure (redacted). */
  readonly received?: string;
  readonly documented?: string;
}

/**
 * One rule the target broke (a departure that failed its test), over every test: what a
 * failing run is about, before its hundreds of failed tests.
 */
export interface BrokenRuleSummary extends RuleInfo {
  readonly check: string;
  /** The failed tests that recorded it, and its departures among them (about one an exchange). */
  readonly tests: number;
  readonly exchanges: number;
  readonly versions: readonly string[];
  /** The first of them: its check id, test, request and what was seen (redacted). */
  readonly example: {
    readonly id: string;
    readonly test: string;
    /** `METHOD path` and mode of the exchange, and the status the target answered. */
    readonly request?: string;
    readonly status?: number;
    readonly received?: string;
    readonly documented?: string;
  };
}

/** One rule departed from as a warning (an unconfirmed expectation), over every test. */
export interface WarningSummary extends RuleInfo {
  readonly check: string;
  readonly level: Level;
  /** The tests that recorded it (a failed test's warnings included). */
  readonly tests: number;
  readonly versions: readonly string[];
  /** The first of them: its check id, test, and what was seen (redacted when recorded). */
  readonly example: {
    readonly id: string;
    readonly test: string;
    readonly received?: string;
    readonly documented?: string;
  };
}

/** Tests not run for one reason (a missing key, a setting, a run that stopped). */
export interface SkipSummary {
  readonly reason: string;
  readonly tests: number;
}

/** Tests not judged on this target, because judging them could destroy its data. */
export interface NotJudgedSummary extends SkipSummary {
  /** `version · test` of each, in report order. */
  readonly which: readonly string[];
}

export interface Summary {
  readonly summaryFormat: number;
  readonly generatedAt: string;
  readonly harness: { name: string; version: string };
  readonly contract: { sha256: string; files: number };
  readonly target: TargetInfo;
  /** Which keys were configured and which the run made ("API key: made by the run (…)"); never a value. */
  readonly keys?: readonly string[];
  readonly versions: {
    readonly run: readonly string[];
    /** The versions that served requests sent without X-Polytomic-Version. */
    readonly defaultServed: readonly string[];
    /** Versions the target named in X-Polytomic-Version (verify probes them). */
    readonly reported?: readonly string[];
    readonly probes?: readonly VersionProbe[];
  };
  /**
   * Project (API version, preflight, collateral) → check family → counts. The outcomes
   * passed, warned, failed, skipped and notJudgedHere are disjoint (a test is in one);
   * flaky counts the passed and warned tests that passed only on a retry.
   */
  readonly counts: Record<string, Record<string, Counts>>;
  readonly totals: Counts;
  /** The rules broken, the gravest level first, then the most tests. */
  readonly brokenRules?: readonly BrokenRuleSummary[];
  readonly failures: readonly FailureSummary[];
  readonly warnings: readonly WarningSummary[];
  readonly skipped: readonly SkipSummary[];
  readonly notJudgedHere: readonly NotJudgedSummary[];
  readonly gate?: GateSummary;
  /** Per version and resource, the operations judged of those Polytomic's SDK calls. */
  readonly coverage?: CoverageSummary;
}

export interface SummaryOptions {
  readonly config?: Pick<HarnessConfig, 'targetUrl' | 'bundled'>;
  readonly hashHost?: boolean;
  readonly gate?: GateSummary;
  readonly probes?: readonly VersionProbe[];
  readonly now?: Date;
  /** harness/report/environment.ts keyOrigins(). */
  readonly keys?: readonly string[];
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

/** A rule's one line and source, from contract/rules.ts; nothing for a name that is none. */
export function ruleInfo(check: string, level?: string): RuleInfo {
  const known = LEVELS.find((name) => name === level);
  if (!isRuleName(check)) return known ? { level: known } : {};
  const rule = RULES[check];
  return { rule: rule.description, level: known ?? rule.level, source: formatSource(rule.source) };
}

const rank = (level: string | undefined) =>
  (['safety', 'documented', 'decision'] as (string | undefined)[]).indexOf(level);

/** The highest level among departures (safety, then documented, then decision). */
function highest(departures: readonly RecordedCheck[]): string | undefined {
  return [...departures]
    .filter((found) => rank(found.level) >= 0)
    .sort((a, b) => rank(a.level) - rank(b.level))[0]?.level;
}

/** The rules the failed tests broke, the gravest first, then the most tests, then by name. */
export function brokenRuleSummaries(rows: readonly TestRow[]): BrokenRuleSummary[] {
  const byRule = new Map<
    string,
    { row: TestRow; found: RecordedCheck[]; tests: Set<TestRow>; versions: Set<string> }
  >();
  for (const row of rows) {
    if (row.status !== 'failed') continue;
    for (const found of row.failures) {
      const entry = byRule.get(found.check) ?? {
        row,
        found: [],
        tests: new Set<TestRow>(),
        versions: new Set<string>(),
      };
      entry.found.push(found);
      entry.tests.add(row);
      entry.versions.add(row.project);
      byRule.set(found.check, entry);
    }
  }
  return [...byRule]
    .map(([check, { row, found, tests, versions }]) => {
      const first = found[0] as RecordedCheck;
      const id: CheckId = { version: row.project, endpoint: row.endpoint, mode: row.mode, check };
      return {
        check,
        ...ruleInfo(check, highest(found)),
        tests: tests.size,
        exchanges: found.length,
        versions: [...versions].sort(),
        example: {
          id: formatCheckId(id),
          test: row.title,
          ...(first.endpoint ? { request: `${first.endpoint} · ${first.mode ?? row.mode}` } : {}),
          ...(first.status !== undefined ? { status: first.status } : {}),
          ...(first.received !== undefined ? { received: first.received } : {}),
          ...(first.documented !== undefined ? { documented: first.documented } : {}),
        },
      };
    })
    .sort(
      (a, b) =>
        rank(a.level) - rank(b.level) || b.tests - a.tests || a.check.localeCompare(b.check),
    );
}

/** Each failure's check id (once) with its rule, level, source and first departure. */
export function failureSummaries(rows: readonly TestRow[]): FailureSummary[] {
  const seen = new Set<string>();
  const out: FailureSummary[] = [];
  for (const row of rows) {
    if (row.status !== 'failed') continue;
    for (const id of checkIdsOf(row)) {
      const key = formatCheckId(id);
      if (seen.has(key)) continue;
      seen.add(key);
      const departures = row.failures.filter((found) => found.check === id.check);
      const first = departures[0];
      out.push({
        id: key,
        ...id,
        family: row.family,
        test: row.title,
        ...ruleInfo(id.check, highest(departures)),
        ...(first?.received !== undefined ? { received: first.received } : {}),
        ...(first?.documented !== undefined ? { documented: first.documented } : {}),
      });
    }
  }
  return out;
}

/** The warnings by rule (and level), the most frequent first. */
export function warningSummaries(rows: readonly TestRow[]): WarningSummary[] {
  const byRule = new Map<
    string,
    { found: RecordedCheck; row: TestRow; tests: Set<TestRow>; versions: Set<string> }
  >();
  for (const row of rows)
    for (const found of row.warnings) {
      const key = `${found.check}\0${found.level}`;
      const entry = byRule.get(key) ?? {
        found,
        row,
        tests: new Set<TestRow>(),
        versions: new Set<string>(),
      };
      entry.tests.add(row);
      entry.versions.add(row.project);
      byRule.set(key, entry);
    }
  return [...byRule.values()]
    .sort((a, b) => b.tests.size - a.tests.size || a.found.check.localeCompare(b.found.check))
    .map(({ found, row, tests, versions }) => {
      const id: CheckId = {
        version: row.project,
        endpoint: row.endpoint,
        mode: row.mode,
        check: found.check,
      };
      const info = ruleInfo(found.check, found.level);
      return {
        check: found.check,
        ...info,
        level: info.level ?? 'decision',
        tests: tests.size,
        versions: [...versions].sort(),
        example: {
          id: formatCheckId(id),
          test: row.title,
          ...(found.received !== undefined ? { received: found.received } : {}),
          ...(found.documented !== undefined ? { documented: found.documented } : {}),
        },
      };
    });
}

/** A skip reason without its trailing ": skipped"; none given: the run never started it. */
export function skipText(reason: string): string {
  if (reason === 'skipped') return 'not run because the preflight failed (or the run stopped)';
  return reason.replace(/: skipped$/, '');
}

/** Skipped tests by reason (not those not judged here), the most frequent first. */
export function skipSummaries(rows: readonly TestRow[]): SkipSummary[] {
  return tally(
    rows.flatMap((row) =>
      outcomeOf(row) === 'skipped' ? [skipText(row.skipReason ?? 'skipped')] : [],
    ),
  ).map(([reason, tests]) => ({ reason, tests }));
}

/** Tests not judged on this target, by why. */
export function notJudgedSummaries(rows: readonly TestRow[]): NotJudgedSummary[] {
  const byReason = new Map<string, string[]>();
  for (const row of rows) {
    if (outcomeOf(row) !== 'notJudgedHere' || row.notJudgedHere === undefined) continue;
    const which = byReason.get(row.notJudgedHere) ?? [];
    which.push(`${row.project} · ${row.title}`);
    byReason.set(row.notJudgedHere, which);
  }
  return [...byReason]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([reason, which]) => ({ reason, tests: which.length, which }));
}

/** The versions that served requests sent without X-Polytomic-Version, sorted. */
export function defaultServedOf(rows: readonly TestRow[]): string[] {
  return [...new Set(rows.flatMap((row) => row.defaultServed))].sort();
}

export function buildSummary(rows: readonly TestRow[], options: SummaryOptions = {}): Summary {
  const config = options.config ?? harnessConfig();
  const counts: Record<string, Record<string, Counts>> = {};
  const totals = emptyCounts();
  for (const [project, byFamily] of countByProjectAndFamily(rows)) {
    counts[project] = Object.fromEntries(byFamily);
    for (const family of byFamily.values()) addCounts(totals, family);
  }
  const probes = options.probes;
  return {
    summaryFormat: SUMMARY_FORMAT,
    generatedAt: (options.now ?? new Date()).toISOString(),
    harness: harnessVersion(),
    contract: contractHash(),
    target: targetInfo(config, options.hashHost ?? hashHostRequested()),
    ...(options.keys ? { keys: options.keys } : {}),
    versions: {
      run: [...new Set(rows.map((row) => row.project))].filter((p) => VERSION_PATTERN.test(p)),
      defaultServed: defaultServedOf(rows),
      ...(probes
        ? {
            reported: [...new Set(probes.flatMap((p) => (p.served ? [p.served] : [])))].sort(),
            probes,
          }
        : {}),
    },
    counts,
    totals,
    brokenRules: brokenRuleSummaries(rows),
    failures: failureSummaries(rows),
    warnings: warningSummaries(rows),
    skipped: skipSummaries(rows),
    notJudgedHere: notJudgedSummaries(rows),
    ...(options.gate ? { gate: options.gate } : {}),
    coverage: coverageSummary(versionsRun(rows)),
  };
}

/** Distinct values with their counts, most frequent first. */
function tally(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
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
