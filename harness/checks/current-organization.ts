import { RULES } from '../../contract/rules';
import type { Check } from './types';
import { afterStatus, envelopeData, violation } from './violation';

/** `GET /api/organization` answers for the caller's own organization. */
export const currentOrganization: Check = {
  name: 'current_organization',
  ...RULES.current_organization,
  run(exchange, context) {
    return afterStatus(this, exchange, context, () => {
      const expectedId = context.expect.organization?.id;
      if (expectedId === undefined) return [];
      const id = (envelopeData(exchange.response.json) as { id?: unknown } | undefined)?.id;
      if (id === expectedId) return [];
      return [
        violation(
          this,
          `organization ${JSON.stringify(id)}`,
          `organization ${expectedId} (${context.expect.why})`,
        ),
      ];
    });
  },
};
