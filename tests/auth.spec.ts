import { SCOPE_BEFORE_LOOKUP_TOLERATED } from '../contract/decisions';
import {
  ALL_MODES,
  type AuthMode,
  appliesTo,
  type EndpointRow,
  label,
  modeAllowed,
  ORGANIZATION_ENDPOINTS,
} from '../contract/endpoints';
import { UNAUTHENTICATED_VARIANTS } from '../contract/inputs';
import { SUPPORTED_VERSIONS } from '../contract/versions';
import { test } from '../harness/fixtures';
import type { Conformance } from '../harness/fixtures/conformance';
import { versionTags } from '../harness/fixtures/version-tags';
import type { SendOptions } from '../harness/http/api';
import { wrongCredentials } from '../harness/http/auth';
import { createdId, needsId, pathFor, randomId } from '../harness/http/requests';
import { about, family, UNAUTHENTICATED } from '../harness/report/test-identity';
import type { Organizations } from '../harness/resources/organizations';
import { writesBlocked } from '../harness/safety/write-guard';

/**
 * The auth matrix: every endpoint × every mode outside its scope → 403, the 401
 * variants, acting as an organization, and the order authentication →
 * authorization → lookup (ids are random UUIDs, so a 404 means lookup came first).
 */

/**
 * A request to the row with a random id and a valid body; safe on any target. Where no
 * write may happen, a create's body has no name: the API must refuse it whatever the
 * auth outcome (422), so a target that ignores auth still creates nothing.
 */
function probe(
  row: EndpointRow,
  organizations: Organizations,
  api: Conformance,
): Omit<SendOptions, 'mode'> {
  const refusable = row.operation === 'create' && writesBlocked(api.config) !== undefined;
  if (refusable) noteRefusableCreate();
  return {
    method: row.method,
    path: needsId(row) ? pathFor(row, randomId()) : row.path,
    operation: row.operation,
    body: refusable ? NAMELESS : row.hasBody ? organizations.body('probe') : undefined,
  };
}

/** No name: documented 422 (docs/CONTRACT.md § 401, 403, 404). */
const NAMELESS = { sso_domain: 'example.com' } as const;

function noteRefusableCreate(): void {
  const { annotations } = test.info();
  if (annotations.some((annotation) => annotation.type === 'read-only')) return;
  annotations.push({
    type: 'read-only',
    description:
      'writes are not sent in this run: the create probes send a body without name, which the API must refuse (422) whatever the auth outcome',
  });
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

test.describe('auth', family('auth'), () => {
  for (const row of ORGANIZATION_ENDPOINTS) {
    const tag = versionTags((version) => appliesTo(row, version));
    const notJudged = new Set(Object.keys(row.notJudged ?? {}) as AuthMode[]);
    for (const mode of ALL_MODES.filter((candidate) => !notJudged.has(candidate))) {
      const denied = (version: string) =>
        appliesTo(row, version) && !modeAllowed(row, mode, version);
      if (!versionsWhere(denied)) continue;
      test(`${label(row)} · ${mode} → ${row.deniedStatus}`, {
        tag: versionTags(denied),
        annotation: about(label(row), mode),
      }, async ({ api, organizations, needs }) => {
        needs(mode);
        await api.endpoint(label(row));
        const exchange = await api.check(
          { ...probe(row, organizations, api), mode, actAs: api.directory.actAsId },
          {
            rule: 'auth_scope',
            statuses: [row.deniedStatus],
            why: `${mode} is outside this endpoint's scope, checked before lookup`,
            tolerated: needsId(row) ? SCOPE_BEFORE_LOOKUP_TOLERATED : [],
            // decision: acting as an organization has the scope of that organization's API key.
            level: mode === 'actingAs' ? 'decision' : undefined,
          },
        );
        trackStray(exchange, row, organizations);
      });
    }

    test(`${label(row)} · unauthenticated → 401`, {
      tag,
      annotation: about(label(row), UNAUTHENTICATED),
    }, async ({ api, organizations }) => {
      await api.endpoint(label(row));
      // The variants do not depend on each other: sent together, one round trip of latency.
      await Promise.all(
        UNAUTHENTICATED_VARIANTS.map(async ({ why, sends }) => {
          const exchange = await api.check(
            { ...probe(row, organizations, api), ...wrongCredentials(sends, api.config.keys) },
            {
              rule: 'auth_required',
              statuses: [401],
              why: `${why}, checked before lookup`,
              // A request with invalid credentials served: safety; and so is a 404 before
              // authentication, which tells strangers which ids exist.
              successLevel: 'safety',
              statusLevels: { 404: 'safety' },
            },
          );
          trackStray(exchange, row, organizations);
        }),
      );
    });
  }
});

function versionsWhere(applies: (version: string) => boolean): boolean {
  return SUPPORTED_VERSIONS.some(applies);
}
