import type { HarnessConfig } from './config';

/**
 * One request before the run: a target that cannot be reached is one sentence
 * naming the URL and the cause, not a screen of identical failures.
 */
export async function checkReachable(
  config: HarnessConfig,
  timeoutMs = Math.min(config.timeoutMs, 10_000),
): Promise<string | undefined> {
  const url = `${config.targetUrl}/api/me`;
  try {
    await fetch(url, {
      headers: { 'X-Polytomic-Version': config.versions[0] ?? config.defaultVersion },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return undefined;
  } catch (error) {
    return `Cannot reach ${config.targetUrl} (POLYTOMIC_DEPLOYMENT_URL): ${describeCause(error, timeoutMs)}.`;
  }
}

function describeCause(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = err.cause?.code;
  const causes: Record<string, string> = {
    ECONNREFUSED: 'connection refused — is the deployment running on that host and port?',
    ENOTFOUND: 'the host name does not resolve (DNS) — check the spelling',
    EAI_AGAIN: 'the host name could not be resolved (DNS) — check the network',
    ECONNRESET: 'the connection was reset',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
    ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not name this host',
  };
  return (code && causes[code]) ?? err.cause?.message ?? String(error);
}
