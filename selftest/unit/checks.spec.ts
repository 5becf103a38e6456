import { expect, test } from '@playwright/test';
import {
  isRuleName,
  LEVELS,
  type Level,
  RULE_NAMES,
  RULES,
  type RuleName,
  severityOf,
} from '../../contract/rules';
import { formatSource, SOURCES } from '../../contract/sources';
import { SUPPORTED_VERSIONS } from '../../contract/versions';
import {
  CHECKS,
  type CheckContext,
  type Expectation,
  RESPONSE_CHECKS,
  RULE_CHECKS,
  ruleCheck,
  runChecks,
  type Violation,
} from '../../harness/checks';
import { FAMILIES } from '../../harness/checks/types';
import type { Exchange } from '../../harness/http/exchange';
import { CHECK_CASES, type Sample } from './check-cases';
import {
  apiError,
  CURRENT,
  context,
  exchange,
  getOrganization,
  listOrganizations,
  ORG_ID,
  OTHER,
  organization,
  SEED_ORGANIZATION,
} from './exchanges';

/**
 * Every registered check can fail: a clean exchange passes all checks, and a bad
 * one gets exactly one violation from the check under test that says what came
 * back and what the contract says. The cases are in check-cases/.
 */

const RESPONSE_NAMES = new Set<string>(RESPONSE_CHECKS.map((check) => check.name));

/** A rule check's name as the rule an expectation names: any other name is a mistake in the cases. */
function ruleNamed(name: string): RuleName {
  if (!isRuleName(name)) throw new Error(`'${name}' is neither a response check nor a rule`);
  return name;
}

function contextFor(name: string, sample: Sample, strict = sample.strict ?? false): CheckContext {
  const rule = RESPONSE_NAMES.has(name)
    ? (sample.expect?.rule ?? 'auth_accepted')
    : ruleNamed(name);
  return context(
    { statuses: [sample.exchange.response.status], why: 'as sent', ...sample.expect, rule },
    {
      strict,
      secrets: sample.secrets ?? [],
      issuedKeys: sample.issuedKeys ?? [],
      ...(sample.defaultVersion === undefined
        ? {}
        : { defaultVersion: sample.defaultVersion ?? undefined }),
    },
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
        // Clean strict or not: not even a warning.
        for (const strict of [false, true]) {
          const ctx = contextFor(name, sample, strict);
          expect(check.run(sample.exchange, ctx)).toEqual([]);
          const all = runChecks(sample.exchange, ctx);
          expect(all, show(all)).toEqual([]);
        }
      });
    }

    for (const sample of cases?.bad ?? []) {
      const level = sample.level ?? check.level;
      test(`bad (${level}): ${sample.label}`, () => {
        const ctx = contextFor(name, sample);
        const found = check.run(sample.exchange, ctx);
        expect(found, show(found)).toHaveLength(1);
        const [violation] = found as [Violation];
        expect(violation).toMatchObject({
          check: name,
          family: check.family,
          level,
          source: formatSource(check.source),
        });
        expect(violation.received).toContain(sample.received);
        expect(violation.documented).toContain(sample.documented);
        for (const secret of ctx.secrets)
          expect(`${violation.received}\n${violation.documented}`).not.toContain(secret);

        // Through the dispatcher, once, at the severity its level gives: a decision warns
        // unless strict; documented and safety fail either way.
        for (const strict of [false, true]) {
          const mine = runChecks(sample.exchange, { ...ctx, strict }).filter(
            (v) => v.check === name,
          );
          expect(mine, show(mine)).toHaveLength(1);
          expect(mine[0]).toMatchObject({ level, severity: severityOf(level, strict) });
        }
        // The fault fails only the listed other checks.
        const all = errors(runChecks(sample.exchange, ctx));
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

  test('every check is its rule: a snake_case name, a family, a level, a one-line description and a source', () => {
    for (const check of CHECKS.values()) {
      expect(check.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(isRuleName(check.name), check.name).toBe(true);
      const { family, level, description, source } = RULES[check.name];
      expect({ ...check }).toMatchObject({ family, level, description, source });
      expect(FAMILIES).toContain(check.family);
      expect(LEVELS).toContain(check.level);
      expect(check.description).toMatch(/^\S.*\S$/);
      expect(Object.keys(SOURCES)).toContain(check.source.id);
      expect(check.source.quote.trim().length, check.name).toBeGreaterThan(0);
    }
    expect([...CHECKS.keys()].sort()).toEqual([...RULE_NAMES].sort());
  });
});

/** A key value the target issued earlier in the run. */
const KEY = 'issued-key-4f9a0c2e8b7d';

test.describe('rule dispatch', () => {
  const strict = (rule: Expectation['rule'], statuses: number[]) =>
    context({ rule, statuses, why: 'dispatch' }, { strict: true, secrets: [], issuedKeys: [KEY] });

  test('runChecks runs every response check, in order, then the named rule', () => {
    const plainText = { 'content-type': 'text/plain', 'x-polytomic-version': undefined };
    // Undeclared properties are only sought in a body that matches its schema, hence two successes.
    const invalid = getOrganization({
      headers: plainText,
      body: { data: organization({ id: 'string', client_secret: 'oidc-s3cret' }) },
    });
    const extra = getOrganization({ body: { data: organization({ created_at: 'now' }) } });
    // An organization without its name (required_fields).
    const nameless = getOrganization({ body: { data: { id: ORG_ID } } });
    // An issued key shown again (key_shown_once).
    const shown = getOrganization({ body: { data: organization({ name: KEY }) } });
    const failure = exchange({
      status: 500,
      headers: plainText,
      // Not the version's error shape (`key` is a string), and a panic in it.
      body: { status: 404, key: 7, detail: 'panic: assignment to entry in nil map' },
    });
    const order = [...RESPONSE_CHECKS.map((check) => check.name), 'auth_scope'];
    const names = [invalid, extra, nameless, failure, shown].map((ex) =>
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
    // The type refuses a rule no contract row names (tsc fails here if `rule` were a string);
    // runChecks still throws for one that comes from outside the types.
    // @ts-expect-error: 'no_such_rule' is no RuleName
    expect(() => runChecks(ex, strict('no_such_rule', [200]))).toThrow(
      'No rule check named no_such_rule.',
    );
    expect(() => runChecks(ex, strict('json_content_type', [200]))).toThrow(
      'No rule check named json_content_type.',
    );
    expect(ruleCheck('auth_required').name).toBe('auth_required');
  });
});

test.describe('levels: what a departure means', () => {
  type Given = Omit<Expectation, 'why'> & { why?: string };
  const judge = (ex: Exchange, expectation: Given, options: Partial<CheckContext> = {}) =>
    runChecks(ex, context({ why: 'levels', ...expectation }, options));
  const departure = (check: string, level: Level, severity: 'error' | 'warning') =>
    expect.objectContaining({ check, level, severity });
  const create = (status: number, body: unknown = apiError(status, 'as answered')) =>
    exchange({ method: 'POST', operation: 'create', path: '/api/organizations', status, body });

  test('a decision departed from is a warning, and a failure only with POLYTOMIC_STRICT=true', () => {
    const conflict = create(409);
    const nameType: Given = { rule: 'name_type', statuses: [400, 422] };
    expect(ruleCheck('name_type').level).toBe('decision');
    expect(judge(conflict, nameType)).toEqual([departure('name_type', 'decision', 'warning')]);
    expect(judge(conflict, nameType, { strict: true })).toEqual([
      departure('name_type', 'decision', 'error'),
    ]);
  });

  test('a documented or safety departure fails, strict or not', () => {
    const missing: Given = { rule: 'name_required', statuses: [422] };
    for (const strict of [false, true]) {
      expect(judge(create(200, { data: SEED_ORGANIZATION }), missing, { strict })).toEqual([
        departure('name_required', 'documented', 'error'),
      ]);
      expect(judge(create(500), missing, { strict })).toEqual([
        departure('name_required', 'safety', 'error'),
      ]);
    }
  });

  test("a 5xx is safety on every rule, whatever the rule's own level, strict or not", () => {
    for (const status of [500, 502, 503]) {
      const serverError = exchange({ status, body: apiError(status, 'Internal server error.') });
      for (const rule of RULE_CHECKS)
        for (const strict of [false, true])
          expect(
            judge(serverError, { rule: rule.name, statuses: [200] }, { strict }),
            `${rule.name} (${rule.level}) answered ${status}`,
          ).toEqual([departure(rule.name, 'safety', 'error')]);
    }
  });

  test('a tolerated status is a decision: a warning, a failure only with strict', () => {
    const missing: Given = { rule: 'name_required', statuses: [422], tolerated: [400] };
    const badRequest = create(400);
    expect(judge(badRequest, missing)).toEqual([departure('name_required', 'decision', 'warning')]);
    expect(judge(badRequest, missing, { strict: true })).toEqual([
      departure('name_required', 'decision', 'error'),
    ]);
    // Tolerating one status tolerates no other: a 409 is still the rule's own level.
    expect(judge(create(409), missing)).toEqual([
      departure('name_required', 'documented', 'error'),
    ]);
  });

  test('a 2xx where the expectation has none is at its successLevel', () => {
    const served = listOrganizations([SEED_ORGANIZATION]);
    const unauthenticated: Given = { rule: 'auth_required', statuses: [401] };
    expect(judge(served, unauthenticated)).toEqual([
      departure('auth_required', 'documented', 'error'),
    ]);
    expect(judge(served, { ...unauthenticated, successLevel: 'safety' })).toEqual([
      departure('auth_required', 'safety', 'error'),
    ]);
    // A decision whose 2xx still fails: update of a never-issued id.
    const ghost = {
      rule: 'not_found',
      statuses: [404],
      level: 'decision',
      successLevel: 'documented',
    } as const;
    expect(judge(getOrganization(), ghost)).toEqual([
      departure('not_found', 'documented', 'error'),
    ]);
    expect(judge(exchange({ status: 400, body: apiError(400, 'bad') }), ghost)).toEqual([
      departure('not_found', 'decision', 'warning'),
    ]);
  });

  test("an expectation's level overrides the rule's; a 5xx stays safety", () => {
    const remove = (status: number) =>
      exchange({
        method: 'DELETE',
        operation: 'remove',
        status,
        body: status === 204 ? undefined : apiError(status, 'as answered'),
      });
    const beforeDocumented = {
      rule: 'owner_delete_forbidden',
      statuses: [403],
      level: 'decision',
    } as const;
    expect(ruleCheck('owner_delete_forbidden').level).toBe('documented');
    expect(judge(remove(204), beforeDocumented)).toEqual([
      departure('owner_delete_forbidden', 'decision', 'warning'),
    ]);
    expect(judge(remove(204), { ...beforeDocumented, level: undefined })).toEqual([
      departure('owner_delete_forbidden', 'documented', 'error'),
    ]);
    expect(judge(remove(500), beforeDocumented)).toEqual([
      departure('owner_delete_forbidden', 'safety', 'error'),
    ]);
  });

  test.describe('a request without X-Polytomic-Version', () => {
    const headerless: Given = { rule: 'missing_version_header', statuses: [200] };
    const servedAs = (version: string) =>
      getOrganization({ version: null, headers: { 'x-polytomic-version': version } });

    test('answered 400 fails, strict or not, whatever the default', () => {
      const refused = exchange({
        version: null,
        status: 400,
        body: apiError(400, 'X-Polytomic-Version is required.'),
      });
      for (const defaultVersion of [undefined, CURRENT])
        for (const strict of [false, true])
          expect(judge(refused, headerless, { defaultVersion, strict })).toEqual([
            departure('missing_version_header', 'documented', 'error'),
          ]);
    });

    test('a 200 naming 2021-05-23 passes with POLYTOMIC_DEFAULT_VERSION unset, and fails when it is 2025-09-18', () => {
      const legacy = servedAs('2021-05-23');
      expect(judge(legacy, headerless, { defaultVersion: undefined, strict: true })).toEqual([]);
      expect(judge(legacy, headerless, { defaultVersion: '2025-09-18' })).toEqual([
        departure('missing_version_header', 'documented', 'error'),
      ]);
    });

    test('with the default unset, any supported version serves it; with it set, only that one', () => {
      for (const version of SUPPORTED_VERSIONS) {
        expect(judge(servedAs(version), headerless, { defaultVersion: undefined })).toEqual([]);
        const configured = judge(servedAs(version), headerless, { defaultVersion: CURRENT });
        expect(configured).toEqual(
          version === CURRENT ? [] : [departure('missing_version_header', 'documented', 'error')],
        );
      }
    });
  });

  test('an unknown version: a 2xx naming it fails, a 5xx is safety, another status a decision', () => {
    const unknown: Given = { rule: 'unsupported_version', statuses: [400] };
    const sent = (status: number, named: string) =>
      exchange({
        version: '2020-01-01',
        status,
        body: status === 200 ? { data: SEED_ORGANIZATION } : apiError(status, 'as answered'),
        headers: { 'x-polytomic-version': named },
      });
    expect(judge(sent(200, '2020-01-01'), unknown)).toEqual([
      departure('unsupported_version', 'documented', 'error'),
    ]);
    expect(judge(sent(503, CURRENT), unknown)).toEqual([
      departure('unsupported_version', 'safety', 'error'),
    ]);
    expect(judge(sent(200, CURRENT), unknown)).toEqual([
      departure('unsupported_version', 'decision', 'warning'),
    ]);
    expect(judge(sent(422, CURRENT), unknown, { strict: true })).toEqual([
      departure('unsupported_version', 'decision', 'error'),
    ]);
  });

  test("an API key's list holding only another organization: safety and documented at once", () => {
    const list = exchange({
      operation: 'list',
      path: '/api/organizations',
      mode: 'apiKey',
      version: SUPPORTED_VERSIONS[0],
      status: 200,
      body: { data: [OTHER] },
    });
    const found = judge(list, {
      rule: 'list_own_organization',
      statuses: [200],
      listExactly: ORG_ID,
    });
    expect(found).toEqual([
      departure('list_own_organization', 'safety', 'error'),
      departure('list_own_organization', 'documented', 'error'),
    ]);
  });

  test('a response check at a decision level warns too: an undeclared property, a missing name', () => {
    const extra = getOrganization({ body: { data: organization({ created_at: 'now' }) } });
    // An organization without its name (required_fields).
    const nameless = getOrganization({ body: { data: { id: ORG_ID } } });
    const accepted: Given = { rule: 'auth_accepted', statuses: [200] };
    expect(judge(extra, accepted)).toEqual([
      departure('unknown_properties', 'decision', 'warning'),
    ]);
    expect(judge(extra, accepted, { strict: true })).toEqual([
      departure('unknown_properties', 'decision', 'error'),
    ]);
    // SDK-1.18 types name optional: the schema takes it, the decision warns.
    expect(judge(nameless, accepted)).toEqual([
      departure('required_fields', 'decision', 'warning'),
    ]);
  });
});
