import { ACCESS_RULE_CASES } from './access-rules';
import type { CheckCase } from './case';
import { ERROR_CHECK_CASES } from './error-checks';
import { LIFECYCLE_RULE_CASES } from './lifecycle-rules';
import { RESPONSE_CHECK_CASES } from './response-checks';
import { STATUS_RULE_CASES } from './status-rules';
import { USER_RULE_CASES } from './user-rules';

export type { BadSample, CheckCase, Sample } from './case';

/** Every check's clean and bad exchanges, by check name; must cover CHECKS exactly. */
export const CHECK_CASES: Readonly<Record<string, CheckCase>> = {
  ...RESPONSE_CHECK_CASES,
  ...ERROR_CHECK_CASES,
  ...STATUS_RULE_CASES,
  ...LIFECYCLE_RULE_CASES,
  ...ACCESS_RULE_CASES,
  ...USER_RULE_CASES,
};
