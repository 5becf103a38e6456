import { CURRENT_VERSION } from '../../../contract/versions';
import type { HarnessConfig } from '../../../harness/config/env';
import { describeCause } from '../../../harness/http/causes';
import { meProblem } from '../../../harness/http/me-answer';
import { sendOnWire } from '../../../harness/http/wire';

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
    const answer = await sendOnWire(config, {
      path: '/api/me',
      headers: { 'x-polytomic-version': config.versions[0] ?? CURRENT_VERSION },
      timeoutMs,
    });
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
