import { type CheckContext, runChecks, type Violation } from '../checks';
import { describeExchange, formatViolations } from '../checks/format';
import type { Exchange } from '../http/exchange';

export { describeExchange, formatViolation, formatViolations } from '../checks/format';

/**
 * `expect(exchange).toConform(context)`: every response check and the exchange's rule;
 * or `toConform(violations)` with what the harness already judged (JudgedApi.check runs
 * the checks once and records them). Warnings (departures from a decision) never fail.
 */
export const toConformMatchers = {
  toConform(exchange: Exchange, judged: CheckContext | readonly Violation[]) {
    const violations = Array.isArray(judged)
      ? (judged as readonly Violation[])
      : runChecks(exchange, judged as CheckContext);
    const failures = violations.filter((v) => v.severity === 'error');
    const pass = failures.length === 0;
    return {
      pass,
      name: 'toConform',
      message: () =>
        pass
          ? `${describeExchange(exchange)} conforms (expected a violation)`
          : formatViolations(failures, exchange),
    };
  },
};
