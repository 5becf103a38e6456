import { splitList } from './faults';

/**
 * Tolerated variations: responses that differ from the server's default rendering
 * but still conform to CONTRACT.md, so the harness must pass with each of them on.
 * They keep the harness from depending on incidental details of this server.
 */
export const VARIATIONS = {
  extraFields:
    'adds unknown properties (created_at, _links, request_id) to organizations, envelopes, identity and errors',
  charset: 'sends Content-Type "application/json; charset=utf-8" instead of "application/json"',
  keyOrder: 'reverses the key order of every JSON object',
  headerCase: 'sends the version header name as "x-polytomic-version"',
  emptyOptionals: 'sends absent optional strings as "" or null instead of omitting them',
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
