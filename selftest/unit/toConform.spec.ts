import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { RULES } from '../../contract/rules';
import { formatSource } from '../../contract/sources';
import { runChecks } from '../../harness/checks';
import {
  describeExchange,
  formatViolation,
  formatViolations,
  toConformMatchers,
} from '../../harness/matchers/toConform';
import { REDACTION_MASK as MASK, registerSecret } from '../../harness/secrets/redact';
import {
  apiError,
  CURRENT,
  context,
  exchange,
  getOrganization,
  ORG_ID,
  organization,
} from './exchanges';

const conformExpect = expect.extend(toConformMatchers);

const accepted = context({ rule: 'auth_accepted', statuses: [200], why: 'a partner key' });
const required = context({
  rule: 'auth_required',
  statuses: [401],
  why: 'no Authorization header',
});
/** No credentials, answered 200 with a plain-text body: a status and a Content-Type violation. */
const unauthenticated200 = () =>
  getOrganization({ mode: 'none', headers: { 'content-type': 'text/html' } });

function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

test.describe('formatViolations', () => {
  test('lists each [check] with Received, Documented, Level and Source, then the request and the response', () => {
    const ex = unauthenticated200();
    const text = formatViolations(runChecks(ex, required), ex);
    expect(text).toBe(
      [
        `2 contract violations in GET /api/organizations/${ORG_ID} (none, version "${CURRENT}"):`,
        '[json_content_type]',
        '  Received:   Content-Type: text/html',
        '  Documented: Content-Type: application/json',
        '  Level:      documented',
        `  Source:     ${formatSource(RULES.json_content_type.source)}`,
        '[auth_required]',
        '  Received:   200',
        '  Documented: 401 (no Authorization header)',
        '  Level:      documented',
        `  Source:     ${formatSource(RULES.auth_required.source)}`,
        `Response: HTTP 200 ${ex.response.bodyText}`,
      ].join('\n'),
    );
    expect(text).toContain('RFC9110: ');
  });

  test('one violation, a crafted credential, no version header, an empty body', () => {
    const ex = exchange({ mode: 'custom', version: null, status: 500 });
    const violations = runChecks(ex, required).filter((v) => v.check === 'auth_required');
    const text = formatViolations(violations, ex);
    expect(text).toMatch(
      /^1 contract violation in GET \S+ \(a crafted credential, no version header\):/,
    );
    expect(text).toMatch(/Response: HTTP 500 \(empty body\)$/);
  });

  test('warnings are marked, with their level and what makes them fail', () => {
    const [warning] = runChecks(
      getOrganization({ body: { data: organization({ extra: 1 }) } }),
      accepted,
    );
    const text = warning ? formatViolation(warning) : '';
    expect(text).toMatch(/^\[unknown_properties\] \(warning\)\n/);
    expect(text).toContain(
      '  Level:      decision (an unconfirmed expectation: fails only with POLYTOMIC_STRICT=true)',
    );
  });

  test('a 5xx is shown at level safety, whatever the rule', () => {
    const ex = exchange({ status: 503, body: apiError(503, 'Unavailable.') });
    const text = formatViolations(
      runChecks(ex, context({ rule: 'name_type', statuses: [400, 422], why: 'a numeric name' })),
      ex,
    );
    expect(text).toContain('[name_type]\n  Received:   503');
    expect(text).toContain('  Level:      safety');
  });

  test('the body is cut after 300 characters', () => {
    const ex = exchange({ status: 500, body: apiError(500, 'y'.repeat(400)) });
    const text = formatViolations(runChecks(ex, required), ex);
    const shown = text.slice(text.indexOf('Response: HTTP 500 ') + 'Response: HTTP 500 '.length);
    expect(shown).toBe(`${ex.response.bodyText.slice(0, 300)}…`);
  });

  test('secrets are masked: in the body, the path and the received text', () => {
    const key = `pk-${randomBytes(9).toString('base64url')}`;
    registerSecret(key);
    const ex = exchange({
      path: `/api/organizations?token=${key}`,
      status: 401,
      body: { message: `Unauthorized: ${key}`, status: 500 },
    });
    const text = formatViolations(
      runChecks(ex, context({ ...required.expect }, { secrets: [key] })),
      ex,
    );
    expect(text).toContain('[error_no_internals]');
    expect(text).toContain(MASK);
    expect(text).not.toContain(key);
  });

  // Regression: the body was cut before redaction, leaving part of a key.
  test('a key at the 300-character cut is not shown in part', () => {
    const key = `pk-${randomBytes(9).toString('base64url')}`;
    registerSecret(key);
    const message = `${'z'.repeat(300 - 20)}${key}`;
    const ex = exchange({ status: 500, body: { message } });
    expect(formatViolations(runChecks(ex, required), ex)).not.toContain(key.slice(0, 8));
  });

  test('describeExchange names the request, the auth mode and the version', () => {
    expect(describeExchange(getOrganization({ version: '2023-04-25', mode: 'deployment' }))).toBe(
      `GET /api/organizations/${ORG_ID} (deployment, version "2023-04-25")`,
    );
  });
});

test.describe('expect(exchange).toConform(context)', () => {
  test('passes on a clean exchange', () => {
    conformExpect(getOrganization()).toConform(accepted);
  });

  test('fails on a bad exchange with the formatted violations', () => {
    const ex = unauthenticated200();
    const message = failure(() => conformExpect(ex).toConform(required));
    expect(message).toContain(formatViolations(runChecks(ex, required), ex));
  });

  test('a warning does not fail it, and it records nothing itself (JudgedApi.check does)', () => {
    const ex = getOrganization({ body: { data: organization({ created_at: '2025-09-18' }) } });
    expect(runChecks(ex, accepted).map((v) => v.severity)).toEqual(['warning']);
    const before = test.info().annotations.length;
    conformExpect(ex).toConform(accepted);
    expect(test.info().annotations.slice(before)).toEqual([]);
  });

  test('judged once: given the violations, it runs no check again', () => {
    const ex = unauthenticated200();
    const judged = runChecks(ex, required);
    expect(failure(() => conformExpect(ex).toConform(judged))).toBe(formatViolations(judged, ex));
    // The same exchange with its warnings only passes: severity decides, not the checks.
    conformExpect(ex).toConform(judged.map((v) => ({ ...v, severity: 'warning' as const })));
    conformExpect(getOrganization()).not.toConform(judged);
  });

  test('fails on warnings turned errors by strict', () => {
    const ex = getOrganization({ body: { data: organization({ created_at: '2025-09-18' }) } });
    const message = failure(() =>
      conformExpect(ex).toConform(context(accepted.expect, { strict: true })),
    );
    expect(message).toContain('[unknown_properties]\n  Received:   undeclared /data/created_at');
  });

  test('.not passes on a bad exchange and fails on a clean one', () => {
    conformExpect(unauthenticated200()).not.toConform(required);
    const message = failure(() => conformExpect(getOrganization()).not.toConform(accepted));
    expect(message).toContain(
      `GET /api/organizations/${ORG_ID} (partner, version "${CURRENT}") conforms (expected a violation)`,
    );
  });
});
