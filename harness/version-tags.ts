import { SUPPORTED_VERSIONS } from '../contract/versions';

/**
 * Tests that apply to some versions only carry a tag listing them
 * (`@in-2024-02-08+2025-09-18`); each version's project leaves out the tests
 * whose tag does not list it, so they are absent rather than skipped.
 */
export function versionTags(applies: (version: string) => boolean): string[] {
  const versions = SUPPORTED_VERSIONS.filter(applies);
  if (versions.length === SUPPORTED_VERSIONS.length) return [];
  if (versions.length === 0) throw new Error('A test applies to no supported version.');
  return [`@in-${versions.join('+')}`];
}

/** The project's grepInvert: an @in- tag that does not name its version. */
export function otherVersionsOnly(version: string): RegExp {
  return new RegExp(`@in-(?![\\d+-]*${version.replace(/-/g, '\\-')})`);
}
