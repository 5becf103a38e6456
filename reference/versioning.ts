import { LEGACY_VERSION, SUPPORTED_VERSIONS, VERSIONS } from '../contract/versions';
import type { Switches } from './render';

export const CURRENT_VERSION: string =
  VERSIONS.find((row) => row.status === 'current')?.version ?? SUPPORTED_VERSIONS.at(-1) ?? '';

/** What REFERENCE_DEFAULT_VERSION is when unset: the newest versioning guide's default. */
export const DEFAULT_VERSION: string = CURRENT_VERSION;

/** What the `defaultVersionUnnamed` fault puts in the header: a word, not a version. */
const UNNAMED_DEFAULT = 'default';

export type VersionOutcome =
  /** `served` picks the behaviour; `echo` is what the response header says. */
  | { readonly ok: true; readonly served: string; readonly echo: string }
  | { readonly ok: false; readonly status: 400 | 404 | 500; readonly message: string };

/**
 * Which version serves a request, from its `X-Polytomic-Version` header.
 * docs/CONTRACT.md § The version header: without the header, the default version
 * (GUIDE-VERSIONING; Polytomic's SDK and Terraform provider send none) and the
 * response says which; unknown, legacy or malformed → 400 (a decision).
 */
export function resolveVersion(
  header: string | undefined,
  switches: Switches,
  defaultVersion: string,
): VersionOutcome {
  const { faults, variations } = switches;
  if (header === undefined) {
    if (faults.has('missingVersionRejected')) {
      return {
        ok: false,
        status: 400,
        message: `The X-Polytomic-Version header is required; supported versions: ${SUPPORTED_VERSIONS.join(', ')}.`,
      };
    }
    if (variations.has('legacyDefaultVersion')) {
      // Older copies of the versioning guide: served with the oldest behaviour we have.
      return { ok: true, served: SUPPORTED_VERSIONS[0] ?? CURRENT_VERSION, echo: LEGACY_VERSION };
    }
    const echo = faults.has('defaultVersionUnnamed') ? UNNAMED_DEFAULT : defaultVersion;
    return { ok: true, served: defaultVersion, echo };
  }
  if (SUPPORTED_VERSIONS.includes(header)) return { ok: true, served: header, echo: header };
  if (faults.has('acceptUnknownVersion')) {
    return { ok: true, served: CURRENT_VERSION, echo: CURRENT_VERSION };
  }
  const shown = JSON.stringify(header.slice(0, 40));
  const message = `X-Polytomic-Version ${shown} is not a supported version; supported versions: ${SUPPORTED_VERSIONS.join(', ')}.`;
  if (faults.has('unknownVersion500')) return { ok: false, status: 500, message };
  if (faults.has('unknownVersionAs404')) return { ok: false, status: 404, message };
  return { ok: false, status: 400, message };
}

/**
 * The `X-Polytomic-Version` a response carries: the version that served it, or the
 * current version when the request named none we support (docs/CONTRACT.md § The version header).
 */
export function responseVersion(outcome: VersionOutcome, switches: Switches): string | null {
  const { faults } = switches;
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
