import type { JSONReport } from '@playwright/test/reporter';
import { SHARD_MARK, SUITE_MARK } from '../../../harness/report/run-metadata';
import type { JsonReport } from '../run/results';

/** The parts of Playwright's JSON report that say which command wrote it. */
interface Written {
  readonly config?: Partial<Pick<JSONReport['config'], 'argv' | 'metadata'>>;
}

type ReportSuite = JsonReport['suites'][number];
type ReportTest = NonNullable<ReportSuite['specs']>[number]['tests'][number];

function testsOf(suites: readonly ReportSuite[]): ReportTest[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests),
    ...testsOf(suite.suites ?? []),
  ]);
}

/**
 * Why the gate cannot judge this report, in one sentence, or undefined when it can: written
 * by another command than a run of the suite (`--list`, another config), no test executed,
 * or fewer tests executed than the run holds (a test never started, a shard missing).
 */
export function untrusted(report: JsonReport, source: string): string | undefined {
  const { config } = report as JsonReport & Written;
  const metadata = (config?.metadata ?? {}) as Record<string, unknown>;
  if (metadata[SUITE_MARK] === undefined)
    return `Not a run of this suite: ${source} was not written by npx playwright test or npm run conformance here, nor merged by merge-reports with scripts/merge.config.ts.`;
  if (metadata[SUITE_MARK] === 'list' || config?.argv?.includes('--list'))
    return `No test ran: ${source} was written by \`playwright test --list\`; run the suite, then gate its results.`;
  const tests = testsOf(report.suites);
  const started = tests.filter((test) => test.results.length > 0);
  if (!started.some((test) => test.status !== 'skipped'))
    return `No test ran: all ${tests.length} tests in ${source} were skipped or never started.`;
  if (started.length < tests.length)
    return `Not a whole run: ${tests.length - started.length} of the ${tests.length} tests in ${source} never started (a project they depend on failed, or the run was interrupted or stopped early).`;
  const missing = missingShards(metadata);
  if (missing)
    return `Not a whole run: ${source} lacks shard ${missing.shards.join(', ')} of ${missing.total}.`;
  return undefined;
}

/** The shards a merged report's metadata should name (`polytomic-conformance shard N: N/T`) and does not. */
function missingShards(
  metadata: Record<string, unknown>,
): { shards: number[]; total: number } | undefined {
  const present = new Set<number>();
  let total = 0;
  for (const [key, value] of Object.entries(metadata)) {
    const match = key.startsWith(SHARD_MARK) ? /^(\d+)\/(\d+)$/.exec(String(value)) : null;
    if (!match) continue;
    present.add(Number(match[1]));
    total = Math.max(total, Number(match[2]));
  }
  const shards = Array.from({ length: total }, (_, index) => index + 1).filter(
    (shard) => !present.has(shard),
  );
  return shards.length > 0 ? { shards, total } : undefined;
}
