import type { TestResult as PlaywrightResult, TestCase } from '@playwright/test/reporter';
import type { Label, TestResult } from 'allure-js-commons';
import { isRuleName, RULES } from '../../contract/rules';
import { formatSource } from '../../contract/sources';
import { CHECKS } from '../checks';
import { ANNOTATION, failedBy, NO_MODE, type RecordedViolation } from './test-identity';

/**
 * What broke a failed test, on its Allure result: the test's tree place is its version and
 * describe block (a version-header bug fails tests under "auth"), and its `check` labels
 * are every rule it judged. So each failed test also carries
 * - a `brokenRule` label per rule that failed it (the report's "violations, by broken rule"
 *   category groups by it: harness/report/environment.ts);
 * - a `checkId` label per check id, as the gate and the baseline name it
 *   (scripts/lib/gate/check-id.ts): how the report build finds the baselined ones;
 * - the broken rules first in its description, with what was received against what is
 *   documented, and the first of them as the result's actual and expected values.
 */
export const BROKEN_RULE_LABEL = 'brokenRule';
export const CHECK_ID_LABEL = 'checkId';
/** A failed test that recorded no departure of a registered check (scripts/lib/gate/check-id.ts). */
export const HARNESS_ERROR = 'harness_error';
const SEPARATOR = ' · ';

export interface BrokenRules {
  /** The first departure of each rule that failed the test. */
  readonly rules: readonly RecordedViolation[];
  /** `version · endpoint · mode · check`, one per rule, or `… · harness_error`. */
  readonly ids: readonly string[];
}

/** Undefined for a test that did not fail. */
export function brokenRules(test: TestCase, result: PlaywrightResult): BrokenRules | undefined {
  if (result.status === 'passed' || result.status === 'skipped') return undefined;
  if (result.status === test.expectedStatus) return undefined;
  const first = new Map<string, RecordedViolation>();
  for (const found of failedBy(result)) if (!first.has(found.check)) first.set(found.check, found);
  // As scripts/lib/run/results.ts reads the JSON report: the last endpoint given (the
  // version's own, set when the test ran) over the declared one; the first mode.
  const all = [...test.annotations, ...result.annotations];
  const endpoint =
    all.findLast((annotation) => annotation.type === ANNOTATION.endpoint)?.description ?? NO_MODE;
  const mode =
    all.find((annotation) => annotation.type === ANNOTATION.mode)?.description ?? NO_MODE;
  const checks = [...first.keys()].filter((name) => CHECKS.has(name));
  const version = test.parent.project()?.name ?? '';
  const ids = (checks.length > 0 ? checks : [HARNESS_ERROR]).map((check) =>
    [version, endpoint, mode, check].join(SEPARATOR),
  );
  return { rules: [...first.values()], ids };
}

/** The Allure result with the labels, description and actual/expected above. */
export function withBrokenRules(result: TestResult, broken: BrokenRules | undefined): TestResult {
  if (broken === undefined) return result;
  const labels: Label[] = [
    ...result.labels,
    ...broken.rules.map((found) => ({ name: BROKEN_RULE_LABEL, value: found.check })),
    ...broken.ids.map((id) => ({ name: CHECK_ID_LABEL, value: id })),
  ];
  const first = broken.rules[0];
  if (first === undefined) return { ...result, labels };
  const lines = broken.rules.map((found) => {
    const source = isRuleName(found.check) ? formatSource(RULES[found.check].source) : 'no source';
    const status = found.status === undefined ? '' : ` → ${found.status}`;
    return [
      `- **${found.check}** — ${found.level} — ${source}`,
      `  - ${found.endpoint} · ${found.mode}${status}`,
      `  - received: ${found.received}`,
      `  - documented: ${found.documented}`,
    ].join('\n');
  });
  const description = [
    `Broken (rule — level — source; the first departure of each):\n\n${lines.join('\n')}`,
    result.description,
  ]
    .filter(Boolean)
    .join('\n\n');
  const statusDetails = {
    ...result.statusDetails,
    actual: first.received,
    expected: first.documented,
  };
  return { ...result, labels, description, statusDetails };
}
