import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';

/** A fresh get after an update shows the update, SSO/OIDC settings replaced in full. */
export const updatePersists: Check = {
  name: 'update_persists',
  family: 'lifecycle',
  description: 'After an update, a fresh get shows the new values (settings replaced in full)',
  source: 'CONTRACT.md § Endpoints (update replaces SSO/OIDC settings in full)',
  run(exchange, context) {
    return organizationFieldViolations(this, exchange, context);
  },
};
