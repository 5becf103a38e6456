import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { afterStatus, listIds, violation } from './violation';

/**
 * Before 2025-09-18 an API key's list is exactly its own organization (SDK-1.18:
 * "User-scoped callers receive their current organization"). Its own missing is a
 * documented failure; any other organization in it is another tenant's data: safety.
 */
export const listOwnOrganization: Check = {
  name: 'list_own_organization',
  ...RULES.list_own_organization,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const own = context.expect.listExactly;
      if (own === undefined) return [];
      const ids = listIds(exchange.response.json);
      const others = ids.filter((id) => id !== own);
      const problems = [];
      if (others.length > 0)
        problems.push(
          violation(
            this,
            `the list also holds ${others.map((id) => JSON.stringify(id)).join(', ')}`,
            `only the key's own organization ${own}`,
            'safety',
          ),
        );
      if (!ids.includes(own))
        problems.push(
          violation(
            this,
            `a list of ${ids.length} without ${own}`,
            `the key's own organization ${own}`,
          ),
        );
      return problems;
    });
  },
};
