/**
 * API versions the harness runs, one Playwright project each.
 * Source: CONTRACT.md § Versions. Adding a version = a row here + schemas/<version>/
 * (its endpoints come from the open-ended rows of contract/endpoints.ts).
 */
export interface VersionRow {
  readonly version: string;
  readonly status: 'supported' | 'current';
  /** The owner organization comes first in the list (2025-09-18 reference). */
  readonly ownerFirstInList: boolean;
  /** `Idempotency-Key` on POST is honoured (idempotency guide). */
  readonly idempotency: boolean;
}

export const VERSIONS: readonly VersionRow[] = [
  {
    version: '2022-12-12',
    status: 'supported',
    ownerFirstInList: false,
    idempotency: false,
  },
  {
    version: '2023-04-25',
    status: 'supported',
    ownerFirstInList: false,
    idempotency: false,
  },
  {
    version: '2024-02-08',
    status: 'supported',
    ownerFirstInList: false,
    idempotency: true,
  },
  {
    version: '2025-09-18',
    status: 'current',
    ownerFirstInList: true,
    idempotency: true,
  },
];

/** Older copies of the versioning guide name it as the default; it is not run as a version. */
export const LEGACY_VERSION = '2021-05-23';

export const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const SUPPORTED_VERSIONS: readonly string[] = VERSIONS.map((row) => row.version);

export function versionRow(version: string): VersionRow {
  const row = VERSIONS.find((candidate) => candidate.version === version);
  if (!row)
    throw new Error(`Unknown API version ${version}; known: ${SUPPORTED_VERSIONS.join(', ')}`);
  return row;
}
