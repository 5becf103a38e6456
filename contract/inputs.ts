/**
 * Inputs docs/CONTRACT.md names, as data: what the harness sends to see a
 * deployment refuse it. The statuses each must get are in decisions.ts and
 * endpoints.ts.
 */

/** Ids that are not UUIDs (400, 404 or 422). Source: docs/CONTRACT.md § 401, 403, 404. */
export const NON_UUID_IDS: readonly string[] = ['not-a-uuid', '12345', '248df4b7-aa70-47b8-a036'];

/** Versions a deployment must refuse: unknown well-formed, and malformed. Source: docs/CONTRACT.md § The version header. */
export const UNSUPPORTED_VERSIONS: readonly string[] = ['2020-01-01', 'latest', 'banana', ''];
