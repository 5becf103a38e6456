import { UNREACHABLE_ORGANIZATION_STATUSES } from '../contract/decisions';
import { type AuthMode, appliesTo, ENDPOINTS, modeLevel } from '../contract/endpoints';
import { versionRow } from '../contract/versions';
import { test } from '../harness/fixtures';
import { versionTags } from '../harness/fixtures/version-tags';
import { basic } from '../harness/http/auth';
import { randomId } from '../harness/http/requests';
import { endpointLabels, family } from '../harness/report/test-identity';

/**
 * Who the API thinks the caller is: scheme names in any case (a decision), acting as an
 * organization with Basic `<organization id>:<key>`, the caller's own
 * organization, and the one 403 a partner gets on its own account.
 */
test.describe('auth', family('auth'), () => {
  test('scheme names are case-insensitive · partner and deployment → 200', {
    annotation: endpointLabels('GET /api/me', 'partner'),
  }, async ({ api }) => {
    const row = await api.about('identity');
    const { partner, deployment } = api.config.keys;
    test.skip(!partner && !deployment, 'partner key and deployment key not configured: skipped');
    const variants: [string, string][] = [];
    if (partner)
      variants.push(
        ['lower-case bearer', `bearer ${partner}`],
        ['upper-case BEARER', `BEARER ${partner}`],
      );
    // Basic `<key>:` is documented only in the PATCH versions: a decision after them.
    const basicDecided = modeLevel('deploymentBasic', api.version);
    if (deployment && !basicDecided)
      variants.push(['lower-case basic', basic(deployment, '').replace('Basic', 'basic')]);
    await Promise.all(
      variants.map(([why, authorization]) =>
        api.check(api.to('identity', { mode: 'custom', authorization }), {
          rule: 'auth_scheme_case',
          statuses: row.success,
          why: `${why} (RFC 9110 §11.1)`,
        }),
      ),
    );
  });

  test('acting as an organization · /api/me reports it', {
    annotation: endpointLabels('GET /api/me', 'actingAs'),
  }, async ({ api, needs }) => {
    needs('actingAs');
    const row = await api.about('identity');
    const actAs = api.reach.actAsId;
    test.skip(!actAs, 'no organization found to act as: skipped');
    await api.check(api.to('identity', { mode: 'actingAs', actAs }), {
      rule: 'acting_as_organization',
      statuses: row.success,
      why: 'Basic <organization id>:<key>',
      identity: { kind: 'actingAs', organizationId: actAs },
    });
  });

  test('acting as an organization the key does not reach → 401|403|404', {
    annotation: endpointLabels('GET /api/me', 'actingAs'),
  }, async ({ api, needs }) => {
    needs('actingAs');
    await api.about('identity');
    const targets: [string, string | undefined][] = [
      ['a random organization id', randomId()],
      ["another partner's organization", api.reach.otherOwnerId],
    ];
    await Promise.all(
      targets
        .filter(([, id]) => id !== undefined)
        .map(([why, actAs]) =>
          api.check(api.to('identity', { mode: 'actingAs', actAs }), {
            rule: 'auth_scope',
            statuses: UNREACHABLE_ORGANIZATION_STATUSES,
            why: `acting as ${why}`,
            level: 'decision',
            // Served as an organization the key does not reach: another tenant's data.
            successLevel: 'safety',
          }),
        ),
    );
  });

  const hasCurrent = (version: string) =>
    ENDPOINTS.some((row) => row.operation === 'current' && appliesTo(row, version));
  test('GET /api/organization answers for the caller', {
    tag: versionTags(hasCurrent),
    annotation: endpointLabels('GET /api/organization', 'apiKey'),
  }, async ({ api }) => {
    const row = await api.about('current');
    const { reach, config } = api;
    const callers: [AuthMode, string | undefined, string][] = [
      ['apiKey', reach.apiKeyOrganizationId, "the API key's organization"],
      ['partner', reach.partnerOwnerId, "the partner's owner organization"],
      ['actingAs', reach.actAsId, 'the organization acted as'],
    ];
    const runnable = callers.filter(
      ([mode, id]) => id !== undefined && (mode !== 'apiKey' || config.keys.apiKey),
    );
    test.skip(runnable.length === 0, 'no API key or partner key configured: skipped');
    await Promise.all(
      runnable.map(([mode, id, why]) =>
        api.check(api.to('current', { mode, actAs: reach.actAsId }), {
          rule: 'current_organization',
          statuses: row.success,
          why,
          organization: { id },
          // SDK-HEAD documents the API key's answer; the others are decisions.
          level: mode === 'apiKey' ? undefined : 'decision',
        }),
      ),
    );
  });

  test('DELETE own owner organization · partner → 403', {
    annotation: endpointLabels('DELETE /api/organizations/{id}', 'partner'),
  }, async ({ api, needs, notJudgedHere }) => {
    needs('partner');
    // Against a real target a wrong answer would delete a pre-existing organization.
    notJudgedHere(
      "a wrong answer would remove the partner's own owner organization: judged against the bundled reference server only",
    );
    await api.about('remove');
    const owner = api.reach.partnerOwnerId;
    if (!owner)
      throw new Error("The partner key's owner organization was not found through /api/me.");
    await api.check(api.to('remove', { id: owner, mode: 'partner', preExistingOnBundled: true }), {
      rule: 'owner_delete_forbidden',
      statuses: [403],
      why: 'partners cannot delete their own owner organization',
      // REF-2025 documents it; before 2025-09-18 no source does.
      level: versionRow(api.version).ownerDeleteDocumented ? undefined : 'decision',
    });
  });
});
