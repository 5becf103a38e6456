import { RULES, type RuleName } from '../../contract/rules';
import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';
import { afterStatus, listIds, violation } from './violation';

/**
 * An item's life, for the rules that follow one (a user, a webhook, role or policy, and
 * that one's absence from another organization):
 * create and update answer what was sent, get shows it, the list holds it (and, after
 * remove, no longer does), and a removed item is 404.
 */
function lifecycleCheck(name: RuleName, wanted: string): Check {
  return {
    name,
    ...RULES[name],
    run(exchange, context) {
      const { listIncludes, listExcludes } = context.expect;
      if (!listIncludes && !listExcludes)
        return organizationFieldViolations(this, exchange, context);
      return afterStatus(this, exchange, context, () => {
        const ids = listIds(exchange.response.json);
        const missing = (listIncludes ?? []).filter((id) => !ids.includes(id));
        const present = (listExcludes ?? []).filter((id) => ids.includes(id));
        if (missing.length === 0 && present.length === 0) return [];
        return [
          violation(
            this,
            `a list of ${ids.length}${missing.length ? ` without ${missing.join(', ')}` : ''}${present.length ? ` with ${present.join(', ')}` : ''}`,
            `${wanted} (${context.expect.why})`,
          ),
        ];
      });
    },
  };
}

export const userLifecycle = lifecycleCheck(
  'user_lifecycle',
  'the users the run made in the list, and not those it removed',
);
export const scopedLifecycle = lifecycleCheck(
  'scoped_lifecycle',
  'the items the run made in the list, and not those it removed',
);
export const scopedIsolation = lifecycleCheck(
  'scoped_isolation',
  "no item of another organization in the organization's list",
);
