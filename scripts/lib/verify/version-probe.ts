import type { AuthMode } from '../../../contract/endpoints';
import type { HarnessConfig } from '../../../harness/config/env';
import { keyVariable } from '../../../harness/config/env';
import { authorization, MODE_NAMES } from '../../../harness/http/auth';
import { meProblem } from '../../../harness/http/me-answer';
import { sendOnWire, type WireResult } from '../../../harness/http/wire';
import { redact, registerSecret } from '../../../harness/safety/redact';
import { unreachableMessage } from '../ops/reachability';
import type { VersionProbe } from '../summary/json';

/**
 * `GET /api/me` once per configured version and once without the header: the versions the
 * target says served them (X-Polytomic-Version) go into verify's fingerprint, and a key the
 * target refuses stops verify before the suite, in one sentence naming the variable. Sent
 * through harness/http/wire.ts like every other request: the CA, POLYTOMIC_INSECURE_TLS, the
 * proxy, the timeout and the body cap hold here too.
 */
const PROBE_MODES: readonly [AuthMode, Parameters<typeof keyVariable>[0]][] = [
  ['partner', 'partner'],
  ['deployment', 'deployment'],
  ['apiKey', 'apiKey'],
];

/** What a header of the target says goes into summary.json: never longer than a version, never a key. */
const SERVED_MAX = 40;

export async function probeVersions(config: HarnessConfig): Promise<VersionProbe[] | string> {
  const usable = PROBE_MODES.find(([, field]) => config.keys[field] !== undefined);
  if (!usable) {
    return `No key is configured: set ${PROBE_MODES.map(([, field]) => keyVariable(field)).join(', or ')}.`;
  }
  for (const key of Object.values(config.keys)) registerSecret(key);
  const [mode, field] = usable;
  const headers = { authorization: authorization(mode, config.keys) };
  const probes: VersionProbe[] = [];
  for (const requested of [...config.versions, null]) {
    let answer: WireResult;
    try {
      answer = await sendOnWire(config, {
        path: '/api/me',
        headers: requested ? { ...headers, 'x-polytomic-version': requested } : headers,
        timeoutMs: Math.min(config.timeoutMs, 15_000),
      });
    } catch (error) {
      return redact(unreachableMessage(config, error));
    }
    if (answer.overCap)
      return redact(`GET /api/me with the ${MODE_NAMES[mode]}: ${answer.overCap}; verify stopped.`);
    const problem = meProblem(answer, {
      targetUrl: config.targetUrl,
      variable: requested ? keyVariable(field) : undefined,
    });
    if (problem) return redact(`With the ${MODE_NAMES[mode]} (${keyVariable(field)}): ${problem}`);
    const served = answer.headers['x-polytomic-version'];
    probes.push({
      requested,
      status: answer.status,
      served: served === undefined ? null : redact(served).slice(0, SERVED_MAX),
    });
  }
  return probes;
}
