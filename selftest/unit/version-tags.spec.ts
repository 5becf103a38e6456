import { expect, test } from '@playwright/test';
import { appliesTo, ENDPOINTS, endpoint, label } from '../../contract/endpoints';
import { SUPPORTED_VERSIONS, versionRow } from '../../contract/versions';
import { otherVersionsOnly, versionTags } from '../../harness/fixtures/version-tags';

/** Every non-empty subset of the supported versions. */
function subsets(): string[][] {
  const all: string[][] = [];
  for (let mask = 1; mask < 1 << SUPPORTED_VERSIONS.length; mask++)
    all.push(SUPPORTED_VERSIONS.filter((_, i) => mask & (1 << i)));
  return all;
}

/** The text a project's grep sees: Playwright's title path and tags, joined by spaces. */
function grepTitle(title: string, tags: readonly string[]): string {
  return ['tests/auth.spec.ts', 'auth', title, ...tags].join(' ');
}

/** The versions whose project keeps a test with these tags. */
function keptBy(tags: readonly string[]): string[] {
  const title = grepTitle('GET /api/organization · apiKey → 200', tags);
  return SUPPORTED_VERSIONS.filter((version) => !otherVersionsOnly(version).test(title));
}

test.describe('versionTags', () => {
  test('a test for every version carries no tag', () => {
    expect(versionTags(() => true)).toEqual([]);
  });

  test('a version-limited test lists its versions', () => {
    const since2024 = SUPPORTED_VERSIONS.filter((version) => version >= '2024-02-08');
    expect(versionTags((version) => version >= '2024-02-08')).toEqual([
      `@in-${since2024.join('+')}`,
    ]);
    expect(versionTags((version) => version === '2022-12-12')).toEqual(['@in-2022-12-12']);
  });

  test('a test for no version is an error', () => {
    expect(() => versionTags(() => false)).toThrow('A test applies to no supported version.');
  });

  test('only the contract rows limited to some versions are tagged', () => {
    for (const row of ENDPOINTS) {
      const tags = versionTags((version) => appliesTo(row, version));
      const limited = row.since !== undefined || row.until !== undefined;
      expect(tags.length, label(row)).toBe(limited ? 1 : 0);
    }
    // A version row's property tags the same versions as the endpoint rows it goes with:
    // an update that may leave fields as they were is the PATCH one.
    const patchVersions = SUPPORTED_VERSIONS.filter(
      (version) => endpoint(version, 'update').method === 'PATCH',
    );
    expect(patchVersions.length).toBeGreaterThan(0);
    expect(versionTags((version) => versionRow(version).omittedOnUpdate === 'either')).toEqual([
      `@in-${patchVersions.join('+')}`,
    ]);
  });
});

test.describe('otherVersionsOnly (the grepInvert of each version project)', () => {
  for (const versions of subsets()) {
    const applies = (version: string) => versions.includes(version);
    test(`a test for ${versions.join(', ')} runs in exactly those projects`, () => {
      expect(keptBy(versionTags(applies))).toEqual(versions);
    });
  }

  test('an untagged test runs in every project, whatever dates its title holds', () => {
    expect(keptBy([])).toEqual([...SUPPORTED_VERSIONS]);
    const title = grepTitle('PUT in 2022-12-12 and 2023-04-25 → 405', []);
    for (const version of SUPPORTED_VERSIONS)
      expect(otherVersionsOnly(version).test(title)).toBe(false);
  });

  test('the pattern is stateless: the same title gives the same answer every time', () => {
    const pattern = otherVersionsOnly('2022-12-12');
    const title = grepTitle('x', ['@in-2024-02-08+2025-09-18']);
    expect([pattern.test(title), pattern.test(title)]).toEqual([true, true]);
  });
});
