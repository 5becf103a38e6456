import type { Exchange } from '../http/exchange';
import { redact } from '../secrets/redact';
import { truncate } from '../text/truncate';
import type { Violation } from './types';

/**
 * A violation as the report shows it: the check (`[check]` on its own line, which the
 * report's categories match), what came back, what the contract says, the rule's level
 * and its source.
 */
export function formatViolation(violation: Violation): string {
  const tag =
    violation.severity === 'warning' ? `[${violation.check}] (warning)` : `[${violation.check}]`;
  const level =
    violation.severity === 'warning'
      ? `${violation.level} (an unconfirmed expectation: fails only with POLYTOMIC_STRICT=true)`
      : violation.level;
  return `${tag}\n  Received:   ${violation.received}\n  Documented: ${violation.documented}\n  Level:      ${level}\n  Source:     ${violation.source}`;
}

export function describeExchange(exchange: Exchange): string {
  const who = exchange.mode === 'custom' ? 'a crafted credential' : exchange.mode;
  const version =
    exchange.version === null ? 'no version header' : `version ${JSON.stringify(exchange.version)}`;
  return `${exchange.request.method} ${exchange.request.path} (${who}, ${version})`;
}

export function formatViolations(violations: readonly Violation[], exchange: Exchange): string {
  const { status } = exchange.response;
  // Redact before cutting: a key cut in half would no longer match its value.
  const bodyText = redact(exchange.response.bodyText);
  const body = truncate(bodyText, 300);
  return redact(
    [
      `${violations.length} contract violation${violations.length === 1 ? '' : 's'} in ${describeExchange(exchange)}:`,
      ...violations.map(formatViolation),
      `Response: HTTP ${status}${body ? ` ${body}` : ' (empty body)'}`,
    ].join('\n'),
  );
}
