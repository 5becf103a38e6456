import type { HarnessConfig } from './config';
import { redact } from './redact';

/**
 * A request that got no usable answer, told in one line. Playwright's own
 * message is never passed on: its call log lists every request header,
 * Authorization included.
 */
export class TransportError extends Error {
  override name = 'TransportError';
}

const CAUSES: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/ENOTFOUND|EAI_AGAIN/, 'the host name does not resolve (DNS)'],
  [/ECONNRESET|socket hang up/i, 'the connection was closed before the response was complete'],
  [/aborted|premature close|Parse Error|HPE_/i, 'the response was cut off or malformed'],
  [
    /Z_DATA_ERROR|Z_BUF_ERROR|incorrect header check|unexpected end of file/i,
    'the compressed body is cut off or corrupt',
  ],
  [
    /CERT|certificate|self[- ]signed|SSL|TLS/i,
    'the TLS certificate was not accepted (POLYTOMIC_CA_CERT, POLYTOMIC_INSECURE_TLS)',
  ],
  [/EHOSTUNREACH|ENETUNREACH/, 'the host is unreachable'],
];

export function transportFailure(
  what: string,
  error: unknown,
  config: Pick<HarnessConfig, 'timeoutMs'>,
): TransportError {
  const first = String((error as Error)?.message ?? error)
    .split('\n')[0]
    .replace(/^[\w.]+: /, '');
  const timeout = /Timeout \d+ms exceeded/.test(first);
  const cause = timeout
    ? `no answer within ${config.timeoutMs} ms (POLYTOMIC_TIMEOUT_MS)`
    : (CAUSES.find(([pattern]) => pattern.test(first))?.[1] ?? 'the request failed');
  // The first line alone names no header; redact it anyway in case a target echoes one.
  const failure = new TransportError(redact(`${what}: ${cause} — ${first}`));
  // Point the report's code frame at the request that failed, not at this helper.
  Error.captureStackTrace(failure, transportFailure);
  return failure;
}
