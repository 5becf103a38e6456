import { RULES } from '../../contract/rules';
import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';

/** A fresh get after an update shows the update, SSO/OIDC settings replaced in full. */
export const updatePersists: Check = {
  name: 'update_persists',
  ...RULES.update_persists,
  run(exchange, context) {
    return organizationFieldViolations(this, exchange, context);
  },
};
