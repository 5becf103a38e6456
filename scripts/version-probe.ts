import type { AuthMode } from '../contract/endpoints';
import { authorization, MODE_NAMES } from '../harness/auth';
import type { HarnessConfig } from '../harness/config';
import { keyVariable } from '../harness/config';
import type { VersionProbe } from './summary-json';

/**
 * `GET /api/me` once per configured version and once without the header: the versions the
 * target says served them (X-Polytomic-Version) go into verify's fingerprint, and a key the
 * target refuses stops verify before the suite, in one sentence naming the variable.
 */
const PROBE_MODES: readonly [AuthMode, Parameters<typeof keyVariable>[0]][] = [
  ['partner', 'partner'],
  ['deployment', 'deployment'],
  ['apiKey', 'apiKey'],
];

export async function probeVersions(config: HarnessConfig): Promise<VersionProbe[] | string> {
  const usable = PROBE_MODES.find(([, field]) => config.keys[field] !== undefined);
  if (!usable) {
    return `No key is configured: set ${PROBE_MODES.map(([, field]) => keyVariable(field)).join(', or ')}.`;
  }
  const [mode, field] = usable;
  const headers = { Authorization: authorization(mode, config.keys), Accept: 'application/json' };
  const probes: VersionProbe[] = [];
  for (const requested of [...config.versions, null]) {
    let response: Response;
    try {
      response = await fetch(`${config.targetUrl}/api/me`, {
        headers: requested ? { ...headers, 'X-Polytomic-Version': requested } : headers,
        signal: AbortSignal.timeout(Math.min(config.timeoutMs, 15_000)),
        redirect: 'manual',
      });
      await response.arrayBuffer();
    } catch (error) {
      return `Cannot reach ${config.targetUrl}/api/me: ${(error as Error).message}.`;
    }
    if (requested && (response.status === 401 || response.status === 403)) {
      return `The target refused the ${MODE_NAMES[mode]} on GET /api/me (${response.status}); check ${keyVariable(field)}.`;
    }
    probes.push({
      requested,
      status: response.status,
      served: response.headers.get('x-polytomic-version'),
    });
  }
  return probes;
}
