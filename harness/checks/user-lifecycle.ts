import { RULES } from '../../contract/rules';
import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';
import { afterStatus, listIds, violation } from './violation';

/**
 * A user's life: create and update answer what was sent, get shows it, the list holds it
 * (and, after remove, no longer does), and a removed user is 404.
 */
export const userLifecycle: Check = {
  name: 'user_lifecycle',
  ...RULES.user_lifecycle,
  run(exchange, context) {
    const { listIncludes, listExcludes } = context.expect;
    if (!listIncludes && !listExcludes) return organizationFieldViolations(this, exchange, context);
    return afterStatus(this, exchange, context, () => {
      const ids = listIds(exchange.response.json);
      const missing = (listIncludes ?? []).filter((id) => !ids.includes(id));
      const present = (listExcludes ?? []).filter((id) => ids.includes(id));
      if (missing.length === 0 && present.length === 0) return [];
      return [
        violation(
          this,
          `a list of ${ids.length}${missing.length ? ` without ${missing.join(', ')}` : ''}${present.length ? ` with ${present.join(', ')}` : ''}`,
          `the users the run made in the list, and not those it removed (${context.expect.why})`,
        ),
      ];
    });
  },
};
