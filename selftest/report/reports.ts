import { isRuleName, RULES } from '../../contract/rules';
import { ANNOTATION } from '../../harness/report/test-identity';
import type { JsonReport, RecordedCheck } from '../../scripts/lib/run/results';

/**
 * Builders of small Playwright JSON reports as the harness writes them: one file suite,
 * describe blocks as families, and each test's identity and departures as annotations
 * (harness/report/test-identity.ts), never in its title.
 */
type Status = 'expected' | 'unexpected' | 'skipped' | 'flaky';

/** A departure: a rule's name, at its level in contract/rules.ts unless given. */
export type Departure =
  | string
  | {
      readonly check: string;
      readonly level?: string;
      readonly received?: string;
      readonly documented?: string;
    };

export interface Case {
  readonly project: string;
  readonly family: string;
  readonly title: string;
  readonly status: Status;
  /** The endpoint and mode annotations; absent, the test names none (`-`). */
  readonly endpoint?: string;
  readonly mode?: string;
  /** Departures that failed the test (severity error), recorded on its last attempt. */
  readonly failures?: readonly Departure[];
  /** Departures from a decision that did not fail it (severity warning). */
  readonly warnings?: readonly Departure[];
  /**
   * Error messages of the (last) attempt; by default one per failure, as
   * harness/matchers/toConform.ts words it.
   */
  readonly errors?: readonly string[];
  /** The skip annotation's description; absent for a test that never started. */
  readonly skip?: string;
  /** Skipped because judging it could destroy data on the target: why. */
  readonly notJudgedHere?: string;
  /** Versions that served its requests sent without X-Polytomic-Version. */
  readonly defaultServed?: readonly string[];
}

type Annotation = { type: string; description?: string };

export function recordedCheck(
  departure: Departure,
  severity: RecordedCheck['severity'],
  test: Pick<Case, 'endpoint' | 'mode'> = {},
): RecordedCheck {
  const given = typeof departure === 'string' ? { check: departure } : departure;
  return {
    check: given.check,
    family: isRuleName(given.check) ? RULES[given.check].family : 'schema',
    level: given.level ?? (isRuleName(given.check) ? RULES[given.check].level : 'documented'),
    severity,
    endpoint: test.endpoint ?? 'GET /api/organizations',
    mode: test.mode ?? 'partner',
    received: given.received ?? '200',
    documented: given.documented ?? '401',
  };
}

/** A failure message of one exchange (ANSI colours and all, as Playwright records it). */
export function violationMessage(found: RecordedCheck): string {
  return [
    `Error: 1 contract violation in ${found.endpoint} (${found.mode}, version "2025-09-18"):`,
    `\u001b[31m[${found.check}]\u001b[39m`,
    `  Received:   ${found.received}`,
    `  Documented: ${found.documented}`,
    `  Level:      ${found.level}`,
  ].join('\n');
}

export function jsonReport(cases: readonly Case[], errors: string[] = []): JsonReport {
  const families = [...new Set(cases.map((c) => c.family))];
  return {
    suites: [
      {
        title: 'spec.ts',
        suites: families.map((family) => ({
          title: family,
          specs: cases.filter((c) => c.family === family).map((c) => spec(c)),
        })),
      },
    ],
    errors: errors.map((message) => ({ message })),
  };
}

function spec(c: Case) {
  const failures = (c.failures ?? []).map((found) => recordedCheck(found, 'error', c));
  const warnings = (c.warnings ?? []).map((found) => recordedCheck(found, 'warning', c));
  const declared: Annotation[] = [
    { type: ANNOTATION.family, description: c.family },
    ...(c.endpoint ? [{ type: ANNOTATION.endpoint, description: c.endpoint }] : []),
    ...(c.mode ? [{ type: ANNOTATION.mode, description: c.mode }] : []),
  ];
  const atRun: Annotation[] = [
    ...[...failures, ...warnings].map((found) => ({
      type: ANNOTATION.violation,
      description: JSON.stringify(found),
    })),
    ...(c.notJudgedHere ? [{ type: ANNOTATION.notJudgedHere, description: c.notJudgedHere }] : []),
    ...(c.skip ? [{ type: 'skip', description: c.skip }] : []),
    ...(c.defaultServed ?? []).map((served) => ({
      type: ANNOTATION.defaultServed,
      description: served,
    })),
  ];
  const messages = c.errors ?? failures.map(violationMessage);
  return {
    title: c.title,
    tests: [
      {
        projectName: c.project,
        status: c.status,
        annotations: declared,
        results:
          c.status === 'skipped' && c.skip === undefined
            ? []
            : [
                ...(c.status === 'flaky'
                  ? [{ errors: [{ message: 'Error: first try' }], annotations: [], workerIndex: 0 }]
                  : []),
                {
                  errors: messages.map((message) => ({ message })),
                  annotations: atRun,
                  workerIndex: 0,
                },
              ],
      },
    ],
  };
}
