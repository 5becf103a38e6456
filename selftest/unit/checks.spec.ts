import { expect, test } from '@playwright/test';
import {
  CHECKS,
  type CheckContext,
  RESPONSE_CHECKS,
  RULE_CHECKS,
  ruleCheck,
  runChecks,
  type Violation,
} from '../../harness/checks';
import { FAMILIES } from '../../harness/checks/types';
import { CHECK_CASES, type Sample } from './check-cases';
import { apiError, context, exchange, getOrganization, organization } from './exchanges';

/**
 * Every registered check can fail: a clean exchange passes all checks, and a bad
 * one gets exactly one violation from the check under test that says what came
 * back and what the contract says. The cases are in check-cases/.
 */

const RESPONSE_NAMES = new Set(RESPONSE_CHECKS.map((check) => check.name));

function contextFor(name: string, sample: Sample): CheckContext {
  const rule = RESPONSE_NAMES.has(name) ? (sample.expect?.rule ?? 'auth_accepted') : name;
  return context(
    { statuses: [sample.exchange.response.status], why: 'as sent', ...sample.expect, rule },
    { strict: sample.strict ?? false, secrets: sample.secrets ?? [] },
  );
}

const errors = (violations: Violation[]) => violations.filter((v) => v.severity === 'error');
const show = (violations: Violation[]) => JSON.stringify(violations, null, 2);

test('the case table covers exactly the registered checks', () => {
  expect(Object.keys(CHECK_CASES).sort()).toEqual([...CHECKS.keys()].sort());
});

for (const [name, check] of CHECKS) {
  test.describe(name, () => {
    const cases = CHECK_CASES[name];
    test('has at least one clean and one bad exchange', () => {
      expect(cases, `add ${name} to selftest/unit/check-cases`).toBeDefined();
      expect(cases?.clean.length).toBeGreaterThan(0);
      expect(cases?.bad.length).toBeGreaterThan(0);
    });

    for (const sample of cases?.clean ?? []) {
      test(`clean: ${sample.label}`, () => {
        const ctx = contextFor(name, sample);
        expect(check.run(sample.exchange, ctx)).toEqual([]);
        const all = runChecks(sample.exchange, ctx);
        expect(all, show(all)).toEqual([]);
      });
    }

    for (const sample of cases?.bad ?? []) {
      test(`bad: ${sample.label}`, () => {
        const ctx = contextFor(name, sample);
        const found = check.run(sample.exchange, ctx);
        expect(found, show(found)).toHaveLength(1);
        const [violation] = found as [Violation];
        expect(violation).toMatchObject({
          check: name,
          family: check.family,
          severity: 'error',
          source: check.source,
        });
        expect(violation.received).toContain(sample.received);
        expect(violation.documented).toContain(sample.documented);
        for (const secret of ctx.secrets)
          expect(`${violation.received}\n${violation.documented}`).not.toContain(secret);

        // Through the dispatcher, the fault trips this check once and only the listed others.
        const all = errors(runChecks(sample.exchange, ctx));
        expect(all.filter((v) => v.check === name)).toHaveLength(1);
        const others = all.map((v) => v.check).filter((other) => other !== name);
        expect(others.sort(), show(all)).toEqual([...(sample.alsoFires ?? [])].sort());
      });
    }
  });
}

test.describe('the registry', () => {
  test('names are unique ids: nothing was dropped while indexing', () => {
    expect(CHECKS.size).toBe(RESPONSE_CHECKS.length + RULE_CHECKS.length);
    expect([...CHECKS.values()]).toEqual([...RESPONSE_CHECKS, ...RULE_CHECKS]);
  });

  test('every check has a snake_case name, a family, a one-line description and a source', () => {
    for (const check of CHECKS.values()) {
      expect(check.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(FAMILIES).toContain(check.family);
      expect(check.description).toMatch(/^\S.*\S$/);
      expect(check.source).toMatch(/^CONTRACT\.md § /);
    }
  });
});

test.describe('rule dispatch', () => {
  const strict = (rule: string, statuses: number[]) =>
    context({ rule, statuses, why: 'dispatch' }, { strict: true, secrets: [] });

  test('runChecks runs every response check, in order, then the named rule', () => {
    const plainText = { 'content-type': 'text/plain', 'x-polytomic-version': undefined };
    // Undeclared properties are only sought in a body that matches its schema, hence two successes.
    const invalid = getOrganization({
      headers: plainText,
      body: { data: organization({ id: 'string', client_secret: 'oidc-s3cret' }) },
    });
    const extra = getOrganization({ body: { data: organization({ created_at: 'now' }) } });
    const failure = exchange({
      status: 500,
      headers: plainText,
      body: { status: 404, detail: 'panic: assignment to entry in nil map' },
    });
    const order = [...RESPONSE_CHECKS.map((check) => check.name), 'auth_scope'];
    const names = [invalid, extra, failure].map((ex) =>
      runChecks(ex, strict('auth_scope', [403])).map((v) => v.check),
    );
    for (const list of names)
      expect(list).toEqual([...list].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(new Set(names.flat())).toEqual(new Set(order));
  });

  test('only the rule named in the expectation runs', () => {
    // A clean 500: every rule would object to it, every response check accepts it.
    const serverError = exchange({ status: 500, body: apiError(500, 'Internal server error.') });
    for (const rule of RULE_CHECKS) {
      const found = runChecks(serverError, strict(rule.name, [200]));
      expect(found.map((v) => v.check)).toEqual([rule.name]);
    }
  });

  test('an unknown rule, or a response check named as the rule, throws', () => {
    const ex = getOrganization();
    expect(() => runChecks(ex, strict('no_such_rule', [200]))).toThrow(
      'No rule check named no_such_rule.',
    );
    expect(() => runChecks(ex, strict('json_content_type', [200]))).toThrow(
      'No rule check named json_content_type.',
    );
    expect(ruleCheck('auth_required').name).toBe('auth_required');
  });
});
