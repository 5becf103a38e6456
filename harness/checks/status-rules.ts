import { RULES, type RuleName } from '../../contract/rules';
import type { Check } from './types';
import { statusViolations } from './violation';

/**
 * Rules judged by the status alone. The spec that sends a request names the rule
 * and the statuses the contract allows (contract/ holds the decisions), so each
 * rule is a name here rather than a file of its own; its level and source are in
 * contract/rules.ts.
 */
const NAMES: readonly RuleName[] = [
  'auth_required',
  'auth_scope',
  'auth_accepted',
  'auth_scheme_case',
  'not_found',
  'invalid_id',
  'delete_removes',
  'update_method_routing',
  'owner_delete_forbidden',
  'duplicate_name_conflict',
  'name_required',
  'name_type',
  'idempotency_header_accepted',
  'user_email_required',
  'user_role_exclusive',
  'user_role_ids_nonempty',
  'key_force_revokes',
  'removed_user_key_revoked',
  'user_unknown_organization',
  'user_isolation',
  'user_organization_scope',
  'scoped_body_required',
];

export const STATUS_RULES: readonly Check[] = NAMES.map((name) => ({
  name,
  ...RULES[name],
  run(exchange, context) {
    return statusViolations(this, exchange, context);
  },
}));
