import { SCOPE_BEFORE_LOOKUP_TOLERATED } from '../contract/decisions';
import {
  ALL_MODES,
  type AuthMode,
  appliesTo,
  ENDPOINTS,
  type EndpointRow,
  label,
  modeAllowed,
  modeLevel,
  rowLevel,
} from '../contract/endpoints';
import { UNAUTHENTICATED_VARIANTS } from '../contract/inputs';
import { SUPPORTED_VERSIONS } from '../contract/versions';
import { test } from '../harness/fixtures';
import { versionTags } from '../harness/fixtures/version-tags';
import { wrongCredentials } from '../harness/http/auth';
import type { SendOptions } from '../harness/http/client';
import type { Exchange } from '../harness/http/exchange';
import type { JudgedApi } from '../harness/judge/judged-api';
import { writesBlocked } from '../harness/judge/write-guard';
import { endpointLabels, family, UNAUTHENTICATED } from '../harness/report/test-identity';
import { adapterFor, type ResourceAdapter } from '../harness/resources/adapter';

/**
 * The auth matrix: every endpoint × every mode outside its scope → 403, the 401
 * variants, acting as an organization, and the order authentication →
 * authorization → lookup (ids are random UUIDs, so a 404 means lookup came first).
 */

/**
 * A request to the row that touches nothing (the resource's adapter: random ids, a valid
 * body). Where no write may happen, a create's body is one the API must refuse whatever
 * the auth outcome (422), so a target that ignores auth still creates nothing.
 */
function authRequest(
  row: EndpointRow,
  adapter: ResourceAdapter,
  api: JudgedApi,
  mode?: AuthMode,
): AuthRequest {
  const refusable = row.operation === 'create' && writesBlocked(api.config) !== undefined;
  if (refusable) noteRefusableCreate();
  const subject = adapter.authSubject(row, refusable, mode);
  return {
    request: {
      method: row.method,
      path: subject.path,
      operation: row.operation,
      resource: row.resource,
      body: subject.body,
    },
    // A wrongly accepted create made something: removed with the run's others.
    after: subject.after ?? (() => {}),
  };
}

interface AuthRequest {
  readonly request: Omit<SendOptions, 'mode'>;
  readonly after: (exchange: Exchange) => void;
}

function noteRefusableCreate(): void {
  const { annotations } = test.info();
  if (annotations.some((annotation) => annotation.type === 'read-only')) return;
  annotations.push({
    type: 'read-only',
    description:
      'writes are not sent in this run: each create is a refused create, with a body the API must refuse (422) whatever the auth outcome',
  });
}

test.describe('auth', family('auth'), () => {
  for (const row of ENDPOINTS) {
    const tag = versionTags((version) => appliesTo(row, version));
    // Modes the row's own flows judge (their own organization only) are not "denied" here,
    // nor those never sent to it.
    const notJudged = new Set([
      ...(Object.keys(row.notJudged ?? {}) as AuthMode[]),
      ...(row.ownOrganizationModes ?? []),
      ...(row.notSent ?? []),
    ]);
    for (const mode of ALL_MODES.filter((candidate) => !notJudged.has(candidate))) {
      const denied = (version: string) =>
        appliesTo(row, version) && !modeAllowed(row, mode, version);
      if (!versionsWhere(denied)) continue;
      test(`${label(row)} · ${mode} → ${row.deniedStatus}`, {
        tag: versionTags(denied),
        annotation: endpointLabels(label(row), mode),
      }, async ({ api, organizations, users, needs }) => {
        needs(mode);
        await api.endpoint(label(row));
        const sent = authRequest(
          row,
          adapterFor(row.resource, { api, organizations, users }),
          api,
          mode,
        );
        const exchange = await api.check(
          { ...sent.request, mode, actAs: api.reach.actAsId },
          {
            rule: 'auth_scope',
            statuses: [row.deniedStatus],
            why: `${mode} is outside this endpoint's scope, checked before lookup`,
            // decision: scope before lookup, so a random id gets 403 rather than 404.
            tolerated: hasParameters(row) ? SCOPE_BEFORE_LOOKUP_TOLERATED : [],
            // decision: acting as an organization has the scope of that organization's API
            // key; a credential whose validity is a decision (Basic deployment key after
            // 2023-04-25) is one; and so is a row before its sources document it.
            level:
              mode === 'actingAs'
                ? 'decision'
                : (modeLevel(mode, api.version) ?? rowLevel(row, api.version)),
          },
        );
        sent.after(exchange);
      });
    }

    test(`${label(row)} · unauthenticated → 401`, {
      tag,
      annotation: endpointLabels(label(row), UNAUTHENTICATED),
    }, async ({ api, organizations, users }) => {
      await api.endpoint(label(row));
      const adapter = adapterFor(row.resource, { api, organizations, users });
      // The variants do not depend on each other: sent together, one round trip of latency.
      await Promise.all(
        UNAUTHENTICATED_VARIANTS.map(async ({ why, sends }) => {
          const sent = authRequest(row, adapter, api);
          const exchange = await api.check(
            { ...sent.request, ...wrongCredentials(sends, api.config.keys) },
            {
              rule: 'auth_required',
              statuses: [401],
              why: `${why}, checked before lookup`,
              // A request with invalid credentials served: safety; and so is a 404 before
              // authentication, which tells strangers which ids exist.
              successLevel: 'safety',
              statusLevels: { 404: 'safety' },
              level: rowLevel(row, api.version),
            },
          );
          sent.after(exchange);
        }),
      );
    });
  }
});

function versionsWhere(applies: (version: string) => boolean): boolean {
  return SUPPORTED_VERSIONS.some(applies);
}

/** A path with an id or an organization id in it: random ones, so lookup could answer 404. */
function hasParameters(row: EndpointRow): boolean {
  return row.path.includes('{');
}
