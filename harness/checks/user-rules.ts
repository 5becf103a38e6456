import { RULES } from '../../contract/rules';
import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';

/** A user update's answer, and a fresh get after it, keep the e-mail and carry the roles sent. */
export const userUpdateRolesOnly: Check = {
  name: 'user_update_roles_only',
  ...RULES.user_update_roles_only,
  run(exchange, context) {
    return organizationFieldViolations(this, exchange, context);
  },
};

/**
 * The Terraform provider's way with users (an API key, or acting as the organization):
 * each step succeeds and answers the user it wrote.
 */
export const ownOrganizationUsers: Check = {
  name: 'own_organization_users',
  ...RULES.own_organization_users,
  run(exchange, context) {
    return organizationFieldViolations(this, exchange, context);
  },
};
