import { WireError } from './wire';

/**
 * Why a request got no answer, in words for people: a network or TLS error code
 * as a sentence (the code kept where support teams search for it), a timeout
 * named with the variable that bounds it.
 */
const CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused — is the deployment running on that host and port?',
  ENOTFOUND: 'the host name does not resolve (DNS) — check the spelling',
  EAI_AGAIN: 'the host name could not be resolved (DNS) — check the network',
  ECONNRESET: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed before the answer was complete',
  EHOSTUNREACH: 'the host is unreachable — check the network or firewall',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate was issued by an unknown CA',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not name this host',
  EPROTO: 'the TLS handshake failed — is it really https?',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed — is it really https?',
};

const TLS_HINT =
  '; trust its CA with POLYTOMIC_CA_CERT=<PEM file>, or skip verification with POLYTOMIC_INSECURE_TLS=true';

/** A certificate error code in words, keeping the code (support teams search for it). */
export function certificateProblem(code: string): string {
  const words = CAUSES[code]?.replace(/^its TLS certificate /, '');
  return words ? `${words} (${code})` : code;
}

export function describeCause(error: unknown): string {
  if (!(error instanceof WireError)) return String((error as Error)?.message ?? error);
  if (error.code === 'TIMEOUT') {
    // Named with the variable that bounds it, whatever the test or fixture timeouts are.
    const stages: Record<WireError['stage'], string> = {
      proxy: 'the proxy did not answer',
      connect: 'could not connect',
      tls: 'it accepted the connection but did not complete the TLS handshake',
      answer: 'it accepted the connection but sent no answer',
      body: 'too slow: the body did not arrive in full',
    };
    const ms = /(\d+) ms/.exec(error.message)?.[1] ?? '?';
    return `${stages[error.stage]} within ${ms} ms (POLYTOMIC_TIMEOUT_MS)`;
  }
  const known = error.code ? CAUSES[error.code] : undefined;
  const cause = known ?? error.message;
  return error.stage === 'tls' && error.code !== 'EPROTO' ? `${cause}${TLS_HINT}` : cause;
}
