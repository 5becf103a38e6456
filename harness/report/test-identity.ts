import { type TestDetailsAnnotation, test } from '@playwright/test';
import type { Family } from '../../contract/rules';
import { redact } from '../secrets/redact';
import { truncate } from '../text/truncate';

/**
 * A test's identity as data, so that no title is ever parsed: the family of its describe
 * block, and the endpoint and auth mode it is about. They travel as annotations (Allure
 * reads `allure.label.*` ones as labels) into Playwright's JSON report, which the summary,
 * the gate, the baseline and the mutation matrix read (scripts/lib/run/results.ts). Renaming a
 * test or a describe block therefore changes no check id.
 */
export const ANNOTATION = {
  family: 'allure.label.family',
  endpoint: 'allure.label.checkEndpoint',
  mode: 'allure.label.checkMode',
  /** One per departure found at runtime: JSON of {check, level, severity, …}. */
  violation: 'violation',
  /** A check that would harm data if the target were wrong: not judged on this target. */
  notJudgedHere: 'not-judged-here',
  /** Which version served a request that named none. */
  defaultServed: 'default-version-served',
} as const;

/** A departure as recorded on its test (annotation `violation`), read by scripts/lib/run/results.ts. */
export interface RecordedViolation {
  readonly check: string;
  readonly family: string;
  readonly level: string;
  readonly severity: 'error' | 'warning';
  readonly endpoint: string;
  readonly mode: string;
  /** The status the target answered, when the departure is about an answer. */
  readonly status?: number;
  readonly received: string;
  readonly documented: string;
}

/** Records a departure on the running test, redacted (`received` quotes the target). */
export function recordViolation(
  found: Omit<RecordedViolation, 'endpoint' | 'mode'>,
  endpoint: string,
  mode: string,
  status?: number,
): void {
  const data: RecordedViolation = {
    ...found,
    endpoint,
    mode,
    ...(status === undefined ? {} : { status }),
    received: truncate(found.received, 300),
    documented: truncate(found.documented, 300),
  };
  const annotation = { type: ANNOTATION.violation, description: redact(JSON.stringify(data)) };
  let info: ReturnType<typeof test.info>;
  try {
    info = test.info();
  } catch {
    // Outside a test (the run's global setup): the refusal's own error says it.
    return;
  }
  info.annotations.push(annotation);
}

/** The departures a test's attempt recorded (its result's annotations), as recordViolation wrote them. */
export function departuresOf(result: {
  readonly annotations: readonly { type: string; description?: string }[];
}): RecordedViolation[] {
  const out: RecordedViolation[] = [];
  const seen = new Set<string>();
  for (const annotation of result.annotations) {
    if (annotation.type !== ANNOTATION.violation || !annotation.description) continue;
    if (seen.has(annotation.description)) continue;
    seen.add(annotation.description);
    try {
      out.push(JSON.parse(annotation.description) as RecordedViolation);
    } catch {
      // Not one the harness wrote.
    }
  }
  return out;
}

/** Those that failed it (severity error); the others are warnings. */
export function failedBy(result: Parameters<typeof departuresOf>[0]): RecordedViolation[] {
  return departuresOf(result).filter((found) => found.severity === 'error');
}

/** The mode column of a test with no credential at all (the 401 variants). */
export const UNAUTHENTICATED = 'unauthenticated';
export const NO_MODE = '-';

/** Details of a describe block: `test.describe('auth', family('auth'), () => …)`. */
export function family(name: Family): { annotation: TestDetailsAnnotation } {
  return { annotation: { type: ANNOTATION.family, description: name } };
}

/** Details of a test: the labels of the endpoint (`GET /api/organizations`) and mode it is about. */
export function endpointLabels(endpoint: string, mode: string = NO_MODE): TestDetailsAnnotation[] {
  return [
    { type: ANNOTATION.endpoint, description: endpoint },
    { type: ANNOTATION.mode, description: mode },
  ];
}
