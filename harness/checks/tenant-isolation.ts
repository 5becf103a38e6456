import type { Check } from './types';
import { envelopeData, statusViolations, violation } from './violation';

/** Another partner's organizations are invisible: not listed, never 2xx by id. */
export const tenantIsolation: Check = {
  name: 'tenant_isolation',
  family: 'isolation',
  description:
    "Another partner's organizations are not listed, and get/update/remove of them never succeeds",
  source: 'CONTRACT.md § Auth modes (a partner key reaches its own organizations)',
  run(exchange, context) {
    const statusProblems = statusViolations(this, exchange, context);
    const excluded = context.expect.listExcludes;
    if (statusProblems.length > 0 || !excluded) return statusProblems;
    const data = envelopeData(exchange.response.json);
    const ids = Array.isArray(data) ? data.map((item) => (item as { id?: unknown })?.id) : [];
    const leaked = excluded.filter((id) => ids.includes(id));
    if (leaked.length === 0) return [];
    return [
      violation(this, `the list holds ${leaked.join(', ')}`, 'no organization of another partner'),
    ];
  },
};
