import { LEGACY_VERSION, SUPPORTED_VERSIONS, VERSIONS } from '../contract/versions';
import type { FaultName } from './faults';

export const CURRENT_VERSION: string =
  VERSIONS.find((row) => row.status === 'current')?.version ?? SUPPORTED_VERSIONS.at(-1) ?? '';

export type VersionOutcome =
  /** `served` picks the behaviour; `echo` is what the response header says. */
  | { readonly ok: true; readonly served: string; readonly echo: string }
  | { readonly ok: false; readonly status: 400 | 500; readonly message: string };

/**
 * Which version serves a request, from its `X-Polytomic-Version` header.
 * CONTRACT.md § The version header: missing, unknown, legacy or malformed → 400
 * (the seed page marks the header Required).
 */
export function resolveVersion(
  header: string | undefined,
  faults: ReadonlySet<FaultName>,
): VersionOutcome {
  if (header === undefined) {
    if (faults.has('silentDefaultVersion')) {
      // Served with the oldest behaviour we have, labelled as the legacy default.
      return { ok: true, served: SUPPORTED_VERSIONS[0] ?? CURRENT_VERSION, echo: LEGACY_VERSION };
    }
    return {
      ok: false,
      status: 400,
      message: `The X-Polytomic-Version header is required; supported versions: ${SUPPORTED_VERSIONS.join(', ')}.`,
    };
  }
  if (SUPPORTED_VERSIONS.includes(header)) return { ok: true, served: header, echo: header };
  if (faults.has('acceptUnknownVersion')) {
    return { ok: true, served: CURRENT_VERSION, echo: CURRENT_VERSION };
  }
  const shown = JSON.stringify(header.slice(0, 40));
  const message = `X-Polytomic-Version ${shown} is not a supported version; supported versions: ${SUPPORTED_VERSIONS.join(', ')}.`;
  if (faults.has('unknownVersion500')) return { ok: false, status: 500, message };
  return { ok: false, status: 400, message };
}

/**
 * The `X-Polytomic-Version` a response carries: the version that served it, or the
 * current version when the request named none we support (CONTRACT.md § The version header).
 */
export function responseVersion(
  outcome: VersionOutcome,
  faults: ReadonlySet<FaultName>,
): string | null {
  if (faults.has('dropVersionHeader')) return null;
  const version = outcome.ok ? outcome.echo : CURRENT_VERSION;
  if (faults.has('wrongVersionEcho')) {
    const index = SUPPORTED_VERSIONS.indexOf(version);
    return SUPPORTED_VERSIONS[(index + 1) % SUPPORTED_VERSIONS.length] ?? CURRENT_VERSION;
  }
  return version;
}

/** The version whose rules shape an error body: the served one, else the current one. */
export function errorShapeVersion(outcome: VersionOutcome | undefined): string {
  return outcome?.ok ? outcome.served : CURRENT_VERSION;
}
