/**
 * API versions the harness runs, one Playwright project each.
 * Source: docs/CONTRACT.md § Versions. Adding a version = a row here + schemas/<version>/
 * (its endpoints come from the open-ended rows of contract/endpoints.ts).
 */
export interface VersionRow {
  readonly version: string;
  readonly status: 'supported' | 'current';
  /** The owner organization comes first in the list (2025-09-18 reference). */
  readonly ownerFirstInList: boolean;
  /**
   * What an update does to the SSO/OIDC fields it leaves out: `either` kept or cleared
   * (PATCH is a partial update; GO-2023 omits empty fields), `cleared` (REF-2025: "replaced
   * in full on each update"), `clearedByDecision` (the same, with no source for the version).
   */
  readonly omittedOnUpdate: 'either' | 'cleared' | 'clearedByDecision';
  /** REF-2025: "Partner callers cannot delete their own owner organization" (a decision before). */
  readonly ownerDeleteDocumented: boolean;
}

export const VERSIONS: readonly VersionRow[] = [
  {
    version: '2022-12-12',
    status: 'supported',
    ownerFirstInList: false,
    omittedOnUpdate: 'either',
    ownerDeleteDocumented: false,
  },
  {
    version: '2023-04-25',
    status: 'supported',
    ownerFirstInList: false,
    omittedOnUpdate: 'either',
    ownerDeleteDocumented: false,
  },
  {
    version: '2024-02-08',
    status: 'supported',
    ownerFirstInList: false,
    omittedOnUpdate: 'clearedByDecision',
    ownerDeleteDocumented: false,
  },
  {
    version: '2025-09-18',
    status: 'current',
    ownerFirstInList: true,
    omittedOnUpdate: 'cleared',
    ownerDeleteDocumented: true,
  },
];

/**
 * The header a request names its version in and a response the version that served it
 * (GUIDE-VERSIONING), as HTTP header names are compared: lower-case.
 */
export const VERSION_HEADER = 'x-polytomic-version';

/** Older copies of the versioning guide name it as the default; it is not run as a version. */
export const LEGACY_VERSION = '2021-05-23';

export const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const SUPPORTED_VERSIONS: readonly string[] = VERSIONS.map((row) => row.version);

/** The newest version: what the harness's own plumbing requests (doctor, cleanup) when no other is set. */
export const CURRENT_VERSION = VERSIONS.find((row) => row.status === 'current')?.version as string;

export function versionRow(version: string): VersionRow {
  const row = VERSIONS.find((candidate) => candidate.version === version);
  if (!row)
    throw new Error(`Unknown API version ${version}; known: ${SUPPORTED_VERSIONS.join(', ')}`);
  return row;
}
