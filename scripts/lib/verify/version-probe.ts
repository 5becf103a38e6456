import type { AuthMode } from '../../../contract/endpoints';
import type { HarnessConfig } from '../../../harness/config/env';
import { keyVariable } from '../../../harness/config/env';
import { MODE_NAMES } from '../../../harness/http/auth';
import { type Answered, commandClient } from '../../../harness/http/client';
import { versionNamed } from '../../../harness/http/exchange';
import { meProblem } from '../../../harness/http/me-answer';
import { redact } from '../../../harness/secrets/redact';
import { unreachableMessage } from '../ops/reachability';
import type { VersionProbe } from '../summary/model';

/**
 * `GET /api/me` once per configured version and once without the header: the versions the
 * target says served them (X-Polytomic-Version) go into verify's fingerprint, and a key the
 * target refuses stops verify before the suite, in one sentence naming the variable. Sent
 * through the client like every other request: the CA, POLYTOMIC_INSECURE_TLS, the
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
  const [mode, field] = usable;
  const client = commandClient(config);
  const probes: VersionProbe[] = [];
  for (const requested of [...config.versions, null]) {
    let answered: Answered;
    try {
      answered = await client.answer({
        method: 'GET',
        path: '/api/me',
        mode,
        version: requested,
        timeoutMs: Math.min(config.timeoutMs, 15_000),
      });
    } catch (error) {
      return redact(unreachableMessage(config, error));
    }
    const answer = answered.exchange.response;
    if (answered.wire.overCap)
      return redact(
        `GET /api/me with the ${MODE_NAMES[mode]}: ${answered.wire.overCap}; verify stopped.`,
      );
    const problem = meProblem(answer, {
      targetUrl: config.targetUrl,
      variable: requested ? keyVariable(field) : undefined,
    });
    if (problem) return redact(`With the ${MODE_NAMES[mode]} (${keyVariable(field)}): ${problem}`);
    const served = versionNamed(answer.headers);
    probes.push({
      requested,
      status: answer.status,
      served: served === undefined ? null : redact(served).slice(0, SERVED_MAX),
    });
  }
  return probes;
}
