import type { HarnessConfig } from '../config/env';
import { redact } from '../secrets/redact';
import { describeCause } from './causes';
import { WireError } from './wire';

/**
 * A request that got no usable answer, told in one line: what was asked, why
 * it failed, and the setting that bounds it. No message of a lower layer is
 * passed on whole: a client's call log can list every request header,
 * Authorization included.
 */
export class TransportError extends Error {
  override name = 'TransportError';
}

const CAUSES: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/ENOTFOUND|EAI_AGAIN/, 'the host name does not resolve (DNS)'],
  [
    /Z_DATA_ERROR|Z_BUF_ERROR|incorrect header check|unexpected end of file|Decompression failed/i,
    'the compressed body is cut off or corrupt',
  ],
  [
    /ECONNRESET|socket hang up|UND_ERR_SOCKET|other side closed/i,
    'the connection was closed before the response was complete',
  ],
  [/aborted|premature close|Parse Error|HPE_/i, 'the response was cut off or malformed'],
  [
    /CERT|certificate|self[- ]signed|SSL|TLS/i,
    'the TLS certificate was not accepted (POLYTOMIC_CA_CERT, POLYTOMIC_INSECURE_TLS)',
  ],
  [/EHOSTUNREACH|ENETUNREACH/, 'the host is unreachable'],
];

export function transportFailure(
  what: string,
  error: unknown,
  _config: Pick<HarnessConfig, 'timeoutMs'>,
): TransportError {
  const first = String((error as Error)?.message ?? error)
    .split('\n')[0]
    .replace(/^[\w.]+: /, '');
  const timeout = error instanceof WireError && error.code === 'TIMEOUT';
  const cut = error instanceof WireError && error.stage === 'body' && !timeout;
  const known = CAUSES.find(([pattern]) => pattern.test(`${first} ${codeOf(error)}`))?.[1];
  const cause = timeout
    ? describeCause(error)
    : cut && known !== 'the compressed body is cut off or corrupt'
      ? 'the response was cut off or malformed'
      : (known ?? 'the request failed');
  const failure = new TransportError(
    redact(timeout ? `${what}: ${cause}` : `${what}: ${cause} — ${first}`),
  );
  // Point the report's code frame at the request that failed, not at this helper.
  Error.captureStackTrace(failure, transportFailure);
  return failure;
}

function codeOf(error: unknown): string {
  return (error as { code?: unknown })?.code === undefined
    ? ''
    : String((error as { code: unknown }).code);
}
