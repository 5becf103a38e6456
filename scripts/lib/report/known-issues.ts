import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHECK_ID_LABEL } from '../../../harness/report/broken-rules';
import {
  BASELINE_FILE,
  type BaselineEntry,
  isExpired,
  loadBaseline,
  utcDate,
} from '../gate/baseline';
import { matchesPattern, parseCheckId } from '../gate/check-id';

/** What is read and written of an Allure result (allure-playwright's result files). */
interface RawResult {
  status?: string;
  statusDetails?: Record<string, unknown>;
  labels?: { name: string; value: string }[];
  description?: string;
}

/**
 * A failed test whose every failing check id is in the baseline, unexpired, is a failure the
 * gate accepts: marked known (Allure's `statusDetails.known`: an accepted failure, apart
 * from the new ones), the entries that accept it first in its description. Its check ids
 * are the `checkId` labels harness/report/broken-rules.ts gives it, matched as the gate
 * matches them (scripts/lib/gate/baseline.ts). Returns how many were marked.
 */
export function markKnownIssues(
  resultsDir: string,
  baselineFile = resolve(__dirname, '..', '..', '..', BASELINE_FILE),
  today = utcDate(),
): number {
  if (!existsSync(baselineFile)) return 0;
  let entries: BaselineEntry[];
  try {
    entries = loadBaseline(baselineFile).filter((entry) => !isExpired(entry, today));
  } catch (error) {
    console.error(`Known issues not marked: ${(error as Error).message}`);
    return 0;
  }
  const live = entries.flatMap((entry) => {
    const id = parseCheckId(entry.id);
    return id ? [{ entry, id }] : [];
  });
  if (live.length === 0) return 0;
  let marked = 0;
  for (const name of readdirSync(resultsDir).filter((n) => n.endsWith('-result.json'))) {
    const file = join(resultsDir, name);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as RawResult;
    if (raw.status !== 'failed' && raw.status !== 'broken') continue;
    const ids = (raw.labels ?? []).filter((label) => label.name === CHECK_ID_LABEL);
    const accepting = ids.map(({ value }) => {
      const id = parseCheckId(value);
      return id && live.find((pattern) => matchesPattern(pattern.id, id))?.entry;
    });
    if (accepting.length === 0 || !accepting.every(Boolean)) continue;
    const known = [...new Set(accepting as BaselineEntry[])].map(
      (entry) => `- \`${entry.id}\` — ${entry.reason} — ${entry.owner}, until ${entry.expires}`,
    );
    const description = [
      `Known: baselined in ${BASELINE_FILE}, accepted by the gate:\n\n${known.join('\n')}`,
      raw.description,
    ]
      .filter(Boolean)
      .join('\n\n');
    const statusDetails = { ...raw.statusDetails, known: true };
    writeFileSync(file, JSON.stringify({ ...raw, statusDetails, description }));
    marked += 1;
  }
  return marked;
}
