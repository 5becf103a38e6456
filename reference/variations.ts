import { splitList } from './faults';

/**
 * Tolerated variations: responses that differ from the server's default rendering
 * but still conform to docs/CONTRACT.md, so the harness must pass with each of them on.
 * They keep the harness from depending on incidental details of this server, and
 * each alternative a Polytomic source documents is one of them.
 */
export const VARIATIONS = {
  extraFields:
    'adds unknown properties (created_at, _links, request_id) to organizations, envelopes, identity and errors',
  charset: 'sends Content-Type "application/json; charset=utf-8" instead of "application/json"',
  keyOrder: 'reverses the key order of every JSON object',
  headerCase: 'sends the version header name as "x-polytomic-version"',
  emptyOptionals: 'sends absent optional strings as "" or null instead of omitting them',
  organizationApiKey:
    "/api/me says is_organization true and is_user false for the configured API key (an organization's key; issued keys stay users')",
  legacyDefaultVersion:
    'a request without X-Polytomic-Version is served as 2021-05-23 (the oldest behaviour) and the header says 2021-05-23',
  plainText405:
    'the other update method of a version is answered 405 text/plain "Method Not Allowed", with Allow',
  nameTypeAs400: 'a non-string name (42, null) is answered 400 instead of 422',
  patchClearsOmitted: 'PATCH clears the SSO/OIDC fields it leaves out, as PUT does',
  apiError401In2024: '2024-02-08 401s are {message, status} instead of RestErrResponse',
} as const satisfies Record<string, string>;

export type VariationName = keyof typeof VARIATIONS;

export const VARIATION_NAMES = Object.keys(VARIATIONS) as VariationName[];

/** Parses a comma-separated list (REFERENCE_VARIATIONS); blank means none. */
export function parseVariations(list: string | undefined): VariationName[] {
  const names = splitList(list);
  const unknown = names.filter((name) => !Object.hasOwn(VARIATIONS, name));
  if (unknown.length > 0) {
    throw new Error(
      `REFERENCE_VARIATIONS names unknown variation${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid names: ${VARIATION_NAMES.join(', ')}.`,
    );
  }
  return [...new Set(names as VariationName[])];
}
