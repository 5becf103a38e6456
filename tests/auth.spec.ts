import { UNREACHABLE_ORGANIZATION_STATUSES } from '../contract/decisions';
import {
  type AuthMode,
  appliesTo,
  ENDPOINTS,
  type EndpointRow,
  endpoint,
  label,
} from '../contract/endpoints';
import type { SendOptions } from '../harness/api';
import { basic } from '../harness/auth';
import type { Conformance } from '../harness/conformance';
import { test } from '../harness/fixtures';
import type { Organizations } from '../harness/organizations';
import { createdId, needsId, pathFor, randomId } from '../harness/requests';
import { versionTags } from '../harness/version-tags';

/**
 * The auth matrix: every endpoint × every mode outside its scope → 403, the 401
 * variants, acting as an organization, and the order authentication →
 * authorization → lookup (ids are random UUIDs, so a 404 means lookup came first).
 */

/** A request to the row with a random id and a valid body; safe on any target. */
function probe(row: EndpointRow, organizations: Organizations): Omit<SendOptions, 'mode'> {
  return {
    method: row.method,
    path: needsId(row) ? pathFor(row, randomId()) : row.path,
    operation: row.operation,
    body: row.hasBody ? organizations.body('probe') : undefined,
  };
}

/** A wrongly accepted create made an organization: remove it with the run's others. */
function trackStray(
  exchange: { response: { status: number; json: unknown } },
  row: EndpointRow,
  organizations: Organizations,
) {
  const id =
    row.operation === 'create' && exchange.response.status < 300
      ? createdId(exchange.response.json)
      : undefined;
  if (id) organizations.track(id, 'partner');
}

const ALL_MODES: readonly AuthMode[] = ['partner', 'apiKey', 'deployment', 'actingAs'];

/** The 401 variants (CONTRACT.md § 401, 403, 404). Keys are used only to build wrong credentials. */
function unauthenticated(
  api: Conformance,
): [string, Pick<SendOptions, 'mode' | 'authorization'>][] {
  const { keys } = api.config;
  const realKey = keys.partner ?? keys.deployment ?? keys.apiKey ?? 'conformance-placeholder-key';
  return [
    ['no Authorization header', { mode: 'none' }],
    [
      'unknown bearer token',
      { mode: 'custom', authorization: `Bearer conformance-unknown-${randomId()}` },
    ],
    ['empty bearer token', { mode: 'custom', authorization: 'Bearer ' }],
    ['unknown scheme', { mode: 'custom', authorization: `Token ${realKey}` }],
    [
      'Basic with an unknown key',
      { mode: 'custom', authorization: basic(`conformance-unknown-${randomId()}`, '') },
    ],
    ['Basic that is not base64', { mode: 'custom', authorization: 'Basic %%%not-base64%%%' }],
    [
      'Basic without a colon',
      { mode: 'custom', authorization: `Basic ${Buffer.from('no-colon-here').toString('base64')}` },
    ],
    [
      'Basic acting with an unknown key',
      { mode: 'custom', authorization: basic(randomId(), `conformance-unknown-${randomId()}`) },
    ],
  ];
}

test.describe('auth', () => {
  for (const row of ENDPOINTS) {
    const tag = versionTags((version) => appliesTo(row, version));
    const judged = new Set<AuthMode>([
      ...row.allowed,
      ...(Object.keys(row.notJudged ?? {}) as AuthMode[]),
    ]);
    for (const mode of ALL_MODES.filter((candidate) => !judged.has(candidate))) {
      test(`${label(row)} · ${mode} → ${row.deniedStatus}`, { tag }, async ({
        api,
        organizations,
        needs,
      }) => {
        needs(mode);
        await api.endpoint(label(row));
        const exchange = await api.check(
          { ...probe(row, organizations), mode, actAs: api.directory.actAsId },
          {
            rule: 'auth_scope',
            statuses: [row.deniedStatus],
            why: `${mode} is outside this endpoint's scope, checked before lookup`,
          },
        );
        trackStray(exchange, row, organizations);
      });
    }

    test(`${label(row)} · unauthenticated → 401`, { tag }, async ({ api, organizations }) => {
      await api.endpoint(label(row));
      for (const [why, credentials] of unauthenticated(api)) {
        const exchange = await api.check(
          { ...probe(row, organizations), ...credentials },
          { rule: 'auth_required', statuses: [401], why: `${why}, checked before lookup` },
        );
        trackStray(exchange, row, organizations);
      }
    });
  }

  test('scheme names are case-insensitive · partner and deployment → 200', async ({ api }) => {
    const row = endpoint(api.version, 'identity');
    await api.endpoint(label(row));
    const { partner, deployment } = api.config.keys;
    test.skip(!partner && !deployment, 'partner key and deployment key not configured: skipped');
    const variants: [string, string][] = [];
    if (partner)
      variants.push(
        ['lower-case bearer', `bearer ${partner}`],
        ['upper-case BEARER', `BEARER ${partner}`],
      );
    if (deployment)
      variants.push(['lower-case basic', basic(deployment, '').replace('Basic', 'basic')]);
    for (const [why, authorization] of variants) {
      await api.check(
        {
          method: row.method,
          path: row.path,
          operation: 'identity',
          mode: 'custom',
          authorization,
        },
        { rule: 'auth_accepted', statuses: row.success, why: `${why} (RFC 7235)` },
      );
    }
  });

  test('acting as an organization · /api/me reports it', async ({ api, needs }) => {
    needs('actingAs');
    const row = endpoint(api.version, 'identity');
    await api.endpoint(label(row));
    const actAs = api.directory.actAsId;
    test.skip(!actAs, 'no organization found to act as: skipped');
    await api.check(
      { method: row.method, path: row.path, operation: 'identity', mode: 'actingAs', actAs },
      {
        rule: 'acting_as_organization',
        statuses: row.success,
        why: 'Basic <organization id>:<key>',
        identity: { kind: 'organization', organizationId: actAs },
      },
    );
  });

  test('acting as an organization the key does not reach → 401|403|404', async ({ api, needs }) => {
    needs('actingAs');
    const row = endpoint(api.version, 'identity');
    await api.endpoint(label(row));
    const targets: [string, string | undefined][] = [
      ['a random organization id', randomId()],
      ["another partner's organization", api.directory.otherOwnerId],
    ];
    for (const [why, actAs] of targets.filter(([, id]) => id !== undefined)) {
      await api.check(
        { method: row.method, path: row.path, operation: 'identity', mode: 'actingAs', actAs },
        {
          rule: 'auth_scope',
          statuses: UNREACHABLE_ORGANIZATION_STATUSES,
          why: `acting as ${why} (decision)`,
        },
      );
    }
  });

  test('GET /api/organization answers for the caller', {
    tag: versionTags((version) =>
      ENDPOINTS.some((row) => row.operation === 'current' && appliesTo(row, version)),
    ),
  }, async ({ api }) => {
    const row = endpoint(api.version, 'current');
    await api.endpoint(label(row));
    const { directory, config } = api;
    const callers: [AuthMode, string | undefined, string][] = [
      ['apiKey', directory.apiKeyOrganizationId, "the API key's organization"],
      ['partner', directory.partnerOwnerId, "the partner's owner organization"],
      ['actingAs', directory.actAsId, 'the organization acted as'],
    ];
    const runnable = callers.filter(
      ([mode, id]) => id !== undefined && (mode !== 'apiKey' || config.keys.apiKey),
    );
    test.skip(runnable.length === 0, 'no API key or partner key configured: skipped');
    for (const [mode, id, why] of runnable) {
      await api.check(
        {
          method: row.method,
          path: row.path,
          operation: 'current',
          mode,
          actAs: directory.actAsId,
        },
        { rule: 'current_organization', statuses: row.success, why, organization: { id } },
      );
    }
  });

  test('DELETE own owner organization · partner → 403', async ({ api, needs }) => {
    needs('partner');
    // Against a real target a wrong answer would delete a pre-existing organization.
    test.skip(
      !api.config.bundled,
      'would remove a pre-existing organization if the target were wrong: runs against the bundled reference server only',
    );
    const row = endpoint(api.version, 'remove');
    await api.endpoint(label(row));
    const owner = api.directory.partnerOwnerId;
    if (!owner)
      throw new Error("The partner key's owner organization was not found through /api/me.");
    await api.check(
      { method: row.method, path: pathFor(row, owner), operation: 'remove', mode: 'partner' },
      {
        rule: 'owner_delete_forbidden',
        statuses: [403],
        why: 'partners cannot delete their own owner organization',
      },
    );
  });
});
