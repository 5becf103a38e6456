import type { AllureConfig } from 'allure';
import { DECISIONS } from '../../contract/decisions';
import type { AuthMode } from '../../contract/endpoints';
import { CHECKS } from '../checks';
import { FAMILIES } from '../checks/types';
import { type HarnessConfig, type Keys, keyVariable, withMadeKey } from '../config/env';
import {
  describeMade,
  type MadeCredential,
  type MadeOutcome,
  readMadeOutcome,
} from '../config/made-credential';
import { MODE_NAMES, unavailableReason } from '../http/auth';
import { tlsSummary } from '../http/transport';
import { BROKEN_RULE_LABEL } from './broken-rules';

const KEY_NAMES: Readonly<Record<keyof Keys, string>> = {
  partner: 'partner key',
  apiKey: 'API key',
  deployment: 'deployment key',
  otherPartner: 'second partner key',
};

/**
 * Which keys were configured and which the run made, one line each: "API key: made by the
 * run (user conformance-…@example.com in organization …)". Never a value. Read when asked:
 * the run's start makes the API key after this process parsed its config.
 */
export function keyOrigins(config: HarnessConfig): string[] {
  const outcome = config.keys.apiKey === undefined ? readMadeOutcome(config.runId) : undefined;
  return (Object.keys(KEY_NAMES) as (keyof Keys)[]).map((field) => {
    const name = KEY_NAMES[field];
    const made = field === 'apiKey' ? (config.apiKeyMade ?? madeOf(outcome)) : undefined;
    if (made) return `${name}: ${describeMade(made)}`;
    if (config.keys[field] !== undefined)
      return `${name}: ${config.bundled ? 'the bundled server’s reference key' : `configured (${keyVariable(field)})`}`;
    const unmade =
      field === 'apiKey' && outcome && 'unmade' in outcome ? outcome.unmade : undefined;
    if (unmade) return `${name}: not configured (${keyVariable(field)}), and not made: ${unmade}`;
    return `${name}: not configured (${keyVariable(field)})`;
  });
}

function madeOf(outcome: MadeOutcome | undefined): MadeCredential | undefined {
  return outcome && 'made' in outcome ? outcome.made : undefined;
}

/** The report's Environment panel: target, versions, keys, modes, and every decision. Never a key. */
export function environmentInfo(parsed: HarnessConfig): Record<string, string> {
  const modes = Object.keys(MODE_NAMES) as AuthMode[];
  const current = () => withMadeKey(parsed);
  const reason = (mode: AuthMode) => {
    const config = current();
    return unavailableReason(mode, config.keys, config.apiKeyUnmade);
  };
  const config = parsed;
  const info: Record<string, string> = {
    target: config.bundled ? `${config.targetUrl} (bundled reference server)` : config.targetUrl,
    'api versions': config.versions.join(', '),
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
  // Getters, read when the reporter writes the panel at the run's end: by then the run's
  // start has made its API key, or said why it could not.
  const late: Record<string, () => string> = {
    keys: () => keyOrigins(parsed).join('; '),
    'modes run': () => modes.filter((mode) => !reason(mode)).join(', ') || 'none',
    'modes skipped': () => modes.map(reason).filter(Boolean).join('; ') || 'none',
  };
  for (const [name, get] of Object.entries(late))
    Object.defineProperty(info, name, { get, enumerable: true });
  for (const [name, decision] of Object.entries(DECISIONS)) info[`decision: ${name}`] = decision;
  return info;
}

type CategoryRules = Extract<NonNullable<AllureConfig['categories']>, readonly unknown[]>;

/** The category of the failed tests a rule broke, one group per rule. */
export const BROKEN_RULES_CATEGORY = 'violations, by broken rule';

/** The Allure label a test carries per rule it departed from as a warning (harness/judge/judged-api.ts). */
export const WARNING_LABEL = 'warning';

/**
 * Allure 3's categories (allurerc.ts). A test lands in the first that matches:
 * - failed tests a rule broke, grouped by the rule (their `brokenRule` label:
 *   broken-rules.ts), then by API version: a version-header bug is one group, wherever the
 *   tests it failed sit in the tree;
 * - failed tests whose message tags a check of a family (formatViolation puts
 *   `[check_name]` on a line of its own) but carry no such label: results written before
 *   it, by family;
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
    {
      name: BROKEN_RULES_CATEGORY,
      matchers: { statuses: ['failed'], labels: { [BROKEN_RULE_LABEL]: '.+' } },
      groupBy: [{ label: BROKEN_RULE_LABEL }, { label: 'parentSuite' }],
      groupByMessage: false,
    },
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
