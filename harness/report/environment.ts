import type { AllureConfig } from 'allure';
import { DECISIONS } from '../../contract/decisions';
import type { AuthMode } from '../../contract/endpoints';
import { CHECKS } from '../checks';
import { FAMILIES } from '../checks/types';
import type { HarnessConfig } from '../config/env';
import { MODE_NAMES, unavailableReason } from '../http/auth';
import { tlsSummary } from '../http/transport';

/** The report's Environment panel: target, versions, modes, and every decision. Never a key. */
export function environmentInfo(config: HarnessConfig): Record<string, string> {
  const modes = Object.keys(MODE_NAMES) as AuthMode[];
  const info: Record<string, string> = {
    target: config.bundled ? `${config.targetUrl} (bundled reference server)` : config.targetUrl,
    'api versions': config.versions.join(', '),
    'modes run': modes.filter((mode) => !unavailableReason(mode, config.keys)).join(', ') || 'none',
    'modes skipped':
      modes
        .map((mode) => unavailableReason(mode, config.keys))
        .filter(Boolean)
        .join('; ') || 'none',
    'second partner (isolation)': config.keys.otherPartner ? 'configured' : 'not configured',
    writes: config.allowWrites ? 'allowed' : 'not allowed (POLYTOMIC_ALLOW_WRITES)',
    decisions: config.strict
      ? 'a departure fails (POLYTOMIC_STRICT=true)'
      : 'a departure warns (unconfirmed expectation)',
    'default version expected':
      config.defaultVersion ??
      'any supported version or 2021-05-23 (POLYTOMIC_DEFAULT_VERSION unset)',
    'run id': config.runId,
    // A warning when POLYTOMIC_INSECURE_TLS is on: the report says the target was not authenticated.
    tls: tlsSummary(config),
    proxy: config.proxy?.server ?? 'none',
  };
  for (const [name, decision] of Object.entries(DECISIONS)) info[`decision: ${name}`] = decision;
  return info;
}

type CategoryRules = Extract<NonNullable<AllureConfig['categories']>, readonly unknown[]>;

/** The Allure label a test carries per rule it departed from as a warning (harness/fixtures/conformance.ts). */
export const WARNING_LABEL = 'warning';

/**
 * Allure 3's categories (allurerc.ts). A test lands in the first that matches:
 * - one per check family, for failed tests whose message tags a check of the family:
 *   formatViolation puts `[check_name]` on a line of its own (then Received, Documented,
 *   Level and Source), grouped by API version; families in FAMILIES order;
 * - failed or broken tests whose message names no check: harness or target errors;
 * - passed tests carrying a `warning` label (a decision departed from: an unconfirmed
 *   expectation), grouped by the rule.
 */
export function reportCategories(): CategoryRules {
  const families: CategoryRules = FAMILIES.map((family) => {
    const names = [...CHECKS.values()]
      .filter((check) => check.family === family)
      .map((check) => check.name);
    return {
      name: `${family} violations`,
      matchers: { statuses: ['failed'], message: `\\[(${names.join('|')})\\]` },
      groupBy: [{ label: 'parentSuite' }],
      groupByMessage: false,
    };
  });
  return [
    ...families,
    {
      name: 'harness errors (no check named in the message)',
      matchers: { statuses: ['failed', 'broken'] },
      groupBy: [{ label: 'parentSuite' }],
    },
    {
      // Passing tests that departed from a decision (no Polytomic source says either way), by rule.
      name: 'unconfirmed expectations (warnings: a decision departed from)',
      matchers: { statuses: ['passed'], labels: { [WARNING_LABEL]: '.+' } },
      groupBy: [{ label: WARNING_LABEL }, { label: 'parentSuite' }],
      groupByMessage: false,
    },
  ];
}
