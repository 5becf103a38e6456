import type { HarnessConfig } from '../../../harness/config/env';
import { describeCause } from '../../../harness/http/causes';
import { commandClient } from '../../../harness/http/client';
import { meProblem } from '../../../harness/http/me-answer';

/**
 * One request before the run: a target that cannot be reached, or whose
 * /api/me is not the API's, is one sentence naming the URL and the cause, not
 * a screen of identical failures. No credential is sent: an untrusted
 * certificate must not receive a key.
 */
export async function checkReachable(
  config: HarnessConfig,
  timeoutMs = Math.min(config.timeoutMs, 10_000),
): Promise<string | undefined> {
  try {
    const { exchange } = await commandClient(config).answer({
      method: 'GET',
      path: '/api/me',
      mode: 'none',
      timeoutMs,
    });
    const answer = exchange.response;
    // An answer that is not the API's (a redirect, a 404 page, a 5xx) stops the run here too.
    const problem = meProblem(answer, config);
    return problem && `Cannot use ${config.targetUrl}: ${problem}`;
  } catch (error) {
    return unreachableMessage(config, error);
  }
}

export function unreachableMessage(config: HarnessConfig, error: unknown): string {
  const via = config.proxy ? ` through the proxy ${config.proxy.server}` : '';
  const cause = describeCause(error);
  return `Cannot reach ${config.targetUrl} (POLYTOMIC_DEPLOYMENT_URL)${via}: ${cause}${/[.?!]$/.test(cause) ? '' : '.'}`;
}
