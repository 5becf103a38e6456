import { RULE_NAMES, severityOf } from '../../contract/rules';
import type { Exchange } from '../http/exchange';
import { createVisible } from './create-visible';
import { currentOrganization } from './current-organization';
import { errorMessage } from './error-message';
import { errorNoInternals } from './error-no-internals';
import { errorSchema } from './error-schema';
import { errorStatusField } from './error-status-field';
import { idempotencyKeyValidation } from './idempotency-key-validation';
import { idempotentReplay } from './idempotent-replay';
import { actingAsOrganization, credentialKind, issuedKeyIdentity } from './identity-rules';
import { jsonContentType } from './json-content-type';
import { keyShownOnce } from './key-shown-once';
import { listOwnOrganization } from './list-own-organization';
import { missingVersionHeader } from './missing-version-header';
import { noClientSecret } from './no-client-secret';
import { noCollateralDamage } from './no-collateral-damage';
import { ownerFirst } from './owner-first';
import { requiredFields } from './required-fields';
import { responseSchema } from './response-schema';
import { STATUS_RULES } from './status-rules';
import { tenantIsolation } from './tenant-isolation';
import type { Check, CheckContext, Violation } from './types';
import { unknownProperties } from './unknown-properties';
import { unsupportedVersion } from './unsupported-version';
import { updatePersists } from './update-persists';
import { scopedIsolation, scopedLifecycle, userLifecycle } from './user-lifecycle';
import { ownOrganizationUsers, userUpdateRolesOnly } from './user-rules';
import { versionHeaderEcho } from './version-header-echo';
import { writeAnswer } from './write-answer';
import { writeGuard } from './write-guard';

/** Run on every response, in this order. */
export const RESPONSE_CHECKS: readonly Check[] = [
  jsonContentType,
  versionHeaderEcho,
  responseSchema,
  requiredFields,
  noClientSecret,
  unknownProperties,
  errorSchema,
  errorStatusField,
  errorMessage,
  errorNoInternals,
  keyShownOnce,
];

/** Run on the exchange whose expectation names them. */
export const RULE_CHECKS: readonly Check[] = [
  ...STATUS_RULES,
  missingVersionHeader,
  unsupportedVersion,
  createVisible,
  writeAnswer,
  updatePersists,
  ownerFirst,
  tenantIsolation,
  listOwnOrganization,
  idempotentReplay,
  idempotencyKeyValidation,
  credentialKind,
  actingAsOrganization,
  currentOrganization,
  noCollateralDamage,
  writeGuard,
  userLifecycle,
  scopedLifecycle,
  scopedIsolation,
  userUpdateRolesOnly,
  ownOrganizationUsers,
  issuedKeyIdentity,
];

function indexByName(checks: readonly Check[]): ReadonlyMap<string, Check> {
  const byName = new Map<string, Check>();
  for (const check of checks) {
    if (byName.has(check.name))
      throw new Error(
        `Two checks are named ${check.name}; check names are ids and must be unique.`,
      );
    byName.set(check.name, check);
  }
  return byName;
}

export const CHECKS: ReadonlyMap<string, Check> = indexByName([...RESPONSE_CHECKS, ...RULE_CHECKS]);

// Every rule of the contract has its check, and every check a rule: one place per rule.
for (const name of RULE_NAMES)
  if (!CHECKS.has(name)) throw new Error(`Rule ${name} (contract/rules.ts) has no check.`);

export function ruleCheck(name: string): Check {
  const check = CHECKS.get(name);
  if (!check || RESPONSE_CHECKS.includes(check)) throw new Error(`No rule check named ${name}.`);
  return check;
}

/**
 * Every violation of one exchange: the response checks, then its rule. A departure from a
 * decision is a warning, and a failure only with POLYTOMIC_STRICT=true.
 */
export function runChecks(exchange: Exchange, context: CheckContext): Violation[] {
  const rule = ruleCheck(context.expect.rule);
  const checks = context.expect.ruleOnly ? [rule] : [...RESPONSE_CHECKS, rule];
  return checks
    .flatMap((check) => check.run(exchange, context))
    .map((found) => ({ ...found, severity: severityOf(found.level, context.strict) }));
}

export type { Check, CheckContext, Expectation, Violation } from './types';
