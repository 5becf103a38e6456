/**
 * Inputs docs/CONTRACT.md names, as data: what the harness sends to see a
 * deployment refuse it. The statuses each must get are in decisions.ts and
 * endpoints.ts.
 */

/** Ids that are not UUIDs (400, 404 or 422). Source: docs/CONTRACT.md § 401, 403, 404. */
export const NON_UUID_IDS: readonly string[] = ['not-a-uuid', '12345', '248df4b7-aa70-47b8-a036'];

/** Versions a deployment must refuse: unknown well-formed, and malformed. Source: docs/CONTRACT.md § The version header. */
export const UNSUPPORTED_VERSIONS: readonly string[] = ['2020-01-01', 'latest', 'banana', ''];

/**
 * What one part of a wrong credential is: a key no deployment issued, a configured key
 * (sent under a scheme that does not take it), a UUID no deployment issued, or nothing.
 * The harness builds the values (harness/http/auth.ts); the contract says only what
 * each variant sends.
 */
export type CredentialPart = 'unknownKey' | 'configuredKey' | 'randomId' | 'empty';

/** The Authorization header of a 401 variant, or none at all. */
export type WrongAuthorization =
  | { readonly scheme: 'none' }
  | { readonly scheme: 'Bearer' | 'Token'; readonly token: CredentialPart }
  | { readonly scheme: 'Basic'; readonly user: CredentialPart; readonly password: CredentialPart }
  /** Basic with a payload that is not `base64(user:password)`: as is, or base64 of `text`. */
  | { readonly scheme: 'Basic'; readonly raw: string }
  | { readonly scheme: 'Basic'; readonly text: string };

export interface UnauthenticatedVariant {
  /** In a few words, for the test's expectation: "no Authorization header". */
  readonly why: string;
  readonly sends: WrongAuthorization;
}

/**
 * The requests every endpoint must answer 401, before lookup. Source: docs/CONTRACT.md
 * § 401, 403, 404 ("no Authorization; an unknown, empty or malformed credential; an
 * unknown scheme; Basic with an unknown key, invalid base64 or no `:`").
 */
export const UNAUTHENTICATED_VARIANTS: readonly UnauthenticatedVariant[] = [
  { why: 'no Authorization header', sends: { scheme: 'none' } },
  { why: 'unknown bearer token', sends: { scheme: 'Bearer', token: 'unknownKey' } },
  { why: 'empty bearer token', sends: { scheme: 'Bearer', token: 'empty' } },
  { why: 'unknown scheme', sends: { scheme: 'Token', token: 'configuredKey' } },
  {
    why: 'Basic with an unknown key',
    sends: { scheme: 'Basic', user: 'unknownKey', password: 'empty' },
  },
  { why: 'Basic that is not base64', sends: { scheme: 'Basic', raw: '%%%not-base64%%%' } },
  { why: 'Basic without a colon', sends: { scheme: 'Basic', text: 'no-colon-here' } },
  {
    why: 'Basic acting with an unknown key',
    sends: { scheme: 'Basic', user: 'randomId', password: 'unknownKey' },
  },
];
