import { RULES } from '../../contract/rules';
import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';
import { afterStatus, listIds, violation } from './violation';

/** A created organization can be fetched with what was written, and is in the list. */
export const createVisible: Check = {
  name: 'create_visible',
  ...RULES.create_visible,
  run(exchange, context) {
    const { listIncludes } = context.expect;
    if (!listIncludes) return organizationFieldViolations(this, exchange, context);
    return afterStatus(this, exchange, context, () => {
      const ids = listIds(exchange.response.json);
      const missing = listIncludes.filter((id) => !ids.includes(id));
      if (missing.length === 0) return [];
      return [
        violation(
          this,
          `a list of ${ids.length} without ${missing.join(', ')}`,
          'the created organization in the list',
        ),
      ];
    });
  },
};
