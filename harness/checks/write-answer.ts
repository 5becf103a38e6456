import { RULES } from '../../contract/rules';
import { organizationFieldViolations } from './organization-fields';
import type { Check } from './types';

/**
 * A create's or an update's own answer is the organization written: the fields sent,
 * and its id. A server that answers one thing and stores another fails here, before the
 * read-backs (create_visible, update_persists) judge what was stored.
 */
export const writeAnswer: Check = {
  name: 'write_answer',
  ...RULES.write_answer,
  run(exchange, context) {
    return organizationFieldViolations(this, exchange, context);
  },
};
