import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { afterStatus, listIds, violation } from './violation';

/** Another partner's organizations are invisible: not listed, never 2xx by id. */
export const tenantIsolation: Check = {
  name: 'tenant_isolation',
  ...RULES.tenant_isolation,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const excluded = context.expect.listExcludes ?? [];
      const ids = listIds(exchange.response.json);
      const leaked = excluded.filter((id) => ids.includes(id));
      if (leaked.length === 0) return [];
      return [
        violation(
          this,
          `the list holds ${leaked.join(', ')}`,
          'no organization of another partner',
        ),
      ];
    });
  },
};
