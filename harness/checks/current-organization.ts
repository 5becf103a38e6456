import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { envelopeData, statusViolations, violation } from './violation';

/** `GET /api/organization` answers for the caller's own organization. */
export const currentOrganization: Check = {
  name: 'current_organization',
  ...RULES.current_organization,
  run(exchange, context) {
    const statusProblems = statusViolations(this, exchange, context);
    const expectedId = context.expect.organization?.id;
    if (statusProblems.length > 0 || expectedId === undefined) return statusProblems;
    const id = (envelopeData(exchange.response.json) as { id?: unknown } | undefined)?.id;
    if (id === expectedId) return [];
    return [
      violation(
        this,
        `organization ${JSON.stringify(id)}`,
        `organization ${expectedId} (${context.expect.why})`,
      ),
    ];
  },
};
