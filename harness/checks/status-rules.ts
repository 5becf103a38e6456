import type { Check, Family } from './types';
import { statusViolations } from './violation';

/**
 * Rules judged by the status alone. The spec that sends a request names the rule
 * and the statuses the contract allows (contract/ holds the decisions), so each
 * rule is a row here rather than a file of its own.
 */
interface StatusRule {
  readonly name: string;
  readonly family: Family;
  readonly description: string;
  readonly source: string;
}

const RULES: readonly StatusRule[] = [
  {
    name: 'auth_required',
    family: 'auth',
    description: 'No, unknown, empty or undecodable credentials get 401, before any lookup',
    source: 'CONTRACT.md § 401, 403, 404',
  },
  {
    name: 'auth_scope',
    family: 'auth',
    description:
      'A valid credential outside its scope gets 403 (API key on partner-only endpoints), before any lookup',
    source: 'CONTRACT.md § Auth modes; § 401, 403, 404',
  },
  {
    name: 'auth_accepted',
    family: 'auth',
    description: 'A valid credential within its scope succeeds (scheme name case-insensitive)',
    source: 'CONTRACT.md § Auth modes (RFC 7235 for the scheme name)',
  },
  {
    name: 'not_found',
    family: 'not-found',
    description: 'get/update/remove of a never-issued UUID gets 404',
    source: 'CONTRACT.md § 401, 403, 404',
  },
  {
    name: 'invalid_id',
    family: 'not-found',
    description: 'A non-UUID organization id gets 400, 404 or 422 — never 2xx or 5xx',
    source: 'CONTRACT.md § 401, 403, 404 (decision: non-UUID id)',
  },
  {
    name: 'delete_removes',
    family: 'lifecycle',
    description: 'After a remove, get, update and remove of that organization get 404',
    source: 'CONTRACT.md § 401, 403, 404 (nothing may come back after a delete)',
  },
  {
    name: 'update_method_routing',
    family: 'version-header',
    description:
      "The other version's update method (PUT before 2024-02-08, PATCH after) is not routed",
    source: 'CONTRACT.md § Endpoints (decision: 404 or 405)',
  },
  {
    name: 'unsupported_version',
    family: 'version-header',
    description: 'An unknown or malformed X-Polytomic-Version gets 400 — never 2xx, never 5xx',
    source: 'CONTRACT.md § The version header (decision)',
  },
  {
    name: 'owner_delete_forbidden',
    family: 'auth',
    description: 'A partner removing its own owner organization gets 403',
    source: 'CONTRACT.md § 401, 403, 404 (2025-09-18 reference)',
  },
  {
    name: 'duplicate_name_conflict',
    family: 'lifecycle',
    description: "Create or update to a name already used in the partner's account gets 409",
    source: 'CONTRACT.md § 401, 403, 404 (other documented errors)',
  },
  {
    name: 'name_required',
    family: 'lifecycle',
    description: 'Create or update without a string `name` gets 422',
    source: 'CONTRACT.md § 401, 403, 404 (other documented errors)',
  },
];

export const STATUS_RULES: readonly Check[] = RULES.map((rule) => ({
  ...rule,
  run(exchange, context) {
    return statusViolations(this, exchange, context);
  },
}));
