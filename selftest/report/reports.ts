import type { JsonReport } from '../../scripts/results';

/** Builders of small Playwright JSON reports: one file suite, describe blocks as families. */
type Status = 'expected' | 'unexpected' | 'skipped' | 'flaky';

export interface Case {
  readonly project: string;
  readonly family: string;
  readonly title: string;
  readonly status: Status;
  /** Error messages of the (last) attempt; `[check]` tags name the violated checks. */
  readonly errors?: readonly string[];
  /** The skip annotation's description; absent for a test that never started. */
  readonly skip?: string;
}

export function jsonReport(cases: readonly Case[], errors: string[] = []): JsonReport {
  const families = [...new Set(cases.map((c) => c.family))];
  return {
    suites: [
      {
        title: 'spec.ts',
        suites: families.map((family) => ({
          title: family,
          specs: cases
            .filter((c) => c.family === family)
            .map((c) => ({
              title: c.title,
              tests: [
                {
                  projectName: c.project,
                  status: c.status,
                  annotations: [],
                  results:
                    c.status === 'skipped' && c.skip === undefined
                      ? []
                      : [
                          {
                            errors: (c.errors ?? []).map((message) => ({ message })),
                            annotations: c.skip ? [{ type: 'skip', description: c.skip }] : [],
                          },
                        ],
                },
              ],
            })),
        })),
      },
    ],
    errors: errors.map((message) => ({ message })),
  };
}

export const violation = (check: string, received = '200') =>
  `Error: 1 contract violation in GET /api/organizations (partner, version "2025-09-18"):\n\u001b[31m[${check}]\u001b[39m\n  Received:   ${received}\n  Documented: 401`;
