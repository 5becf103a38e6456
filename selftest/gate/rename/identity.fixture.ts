import { expect, test } from '@playwright/test';
import { type CheckContext, type Expectation, runChecks } from '../../../harness/checks';
import type { Exchange } from '../../../harness/http/exchange';
import type { RecordedViolation } from '../../../harness/report/test-identity';
import { ANNOTATION, endpointLabels, family } from '../../../harness/report/test-identity';
import {
  context,
  exchange,
  listOrganizations,
  OWNER,
  OWNER_ID,
  SEED_ORGANIZATION,
} from '../../unit/exchanges';

/**
 * Three tests whose identity is data: a failing one (owner_first), one with a warning (a
 * decision departed from) and a clean one. RENAME_TITLES=renamed gives every test and the
 * describe block other titles; the annotations, and so every check id, stay the same.
 */
const renamed = process.env.RENAME_TITLES === 'renamed';
const TITLES = renamed
  ? {
      describe: 'ordering and validation, reworded',
      failing: 'the partner sees its owner at the top of GET /api/organizations',
      warned: 'a name that is a number is refused',
      clean: 'the list answers',
    }
  : {
      describe: 'lifecycle',
      failing: 'owner organization first in the list · partner',
      warned: 'missing or non-string name → 422 (400|422) on create and update',
      clean: 'GET /api/organizations · partner → 200',
    };

/** Judged as harness/judge/judged-api.ts judges an exchange, each departure recorded as it does. */
function check(exchanged: Exchange, expectation: Expectation): void {
  const ctx: CheckContext = context(expectation, { strict: process.env.RENAME_STRICT === 'true' });
  const violations = runChecks(exchanged, ctx);
  for (const found of violations) {
    const data: RecordedViolation = {
      check: found.check,
      family: found.family,
      level: found.level,
      severity: found.severity,
      endpoint: `${exchanged.request.method} ${exchanged.request.path}`,
      mode: exchanged.mode,
      received: found.received,
      documented: found.documented,
    };
    test.info().annotations.push({ type: ANNOTATION.violation, description: JSON.stringify(data) });
  }
  expect.soft(violations.filter((v) => v.severity === 'error').map((v) => v.check)).toEqual([]);
}

test.describe(TITLES.describe, family('lifecycle'), () => {
  test(TITLES.failing, { annotation: endpointLabels('GET /api/organizations', 'partner') }, () => {
    check(listOrganizations([SEED_ORGANIZATION, OWNER]), {
      rule: 'owner_first',
      statuses: [200],
      why: 'the owner organization first',
      listFirst: OWNER_ID,
    });
  });

  test(TITLES.warned, { annotation: endpointLabels('POST /api/organizations', 'partner') }, () => {
    const conflict = exchange({
      method: 'POST',
      operation: 'create',
      path: '/api/organizations',
      requestBody: { name: 42 },
      status: 409,
      body: { message: 'An organization named 42 already exists.', status: 409 },
    });
    check(conflict, { rule: 'name_type', statuses: [400, 422], why: 'a numeric name' });
  });

  test(TITLES.clean, { annotation: endpointLabels('GET /api/organizations', 'partner') }, () => {
    check(listOrganizations([OWNER, SEED_ORGANIZATION]), {
      rule: 'auth_accepted',
      statuses: [200],
      why: 'a partner key within its scope',
    });
  });
});
