import {
  ALL_MODES,
  type AuthMode,
  appliesTo,
  ENDPOINTS,
  type EndpointRow,
  label,
  modeAllowed,
  rowLevel,
} from '../contract/endpoints';
import { SUPPORTED_VERSIONS } from '../contract/versions';
import { test } from '../harness/fixtures';
import type { Conformance } from '../harness/fixtures/conformance';
import { versionTags } from '../harness/fixtures/version-tags';
import type { SendOptions } from '../harness/http/api';
import { basic } from '../harness/http/auth';
import type { Exchange } from '../harness/http/exchange';
import { randomId } from '../harness/http/requests';
import { about, family, UNAUTHENTICATED } from '../harness/report/test-identity';
import { adapterFor, type ResourceAdapter } from '../harness/resources/adapter';
import { writesBlocked } from '../harness/safety/write-guard';

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
function probe(
  row: EndpointRow,
  adapter: ResourceAdapter,
  api: Conformance,
  mode?: AuthMode,
): Probe {
  const refusable = row.operation === 'create' && writesBlocked(api.config) !== undefined;
  if (refusable) noteRefusableCreate();
  const subject = adapter.probe(row, refusable, mode);
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

interface Probe {
  readonly request: Omit<SendOptions, 'mode'>;
  readonly after: (exchange: Exchange) => void;
}

function noteRefusableCreate(): void {
  const { annotations } = test.info();
  if (annotations.some((annotation) => annotation.type === 'read-only')) return;
  annotations.push({
    type: 'read-only',
    description:
      'writes are not sent in this run: the create probes send a body the API must refuse (422) whatever the auth outcome',
  });
}

/** The 401 variants (docs/CONTRACT.md § 401, 403, 404). Keys are used only to build wrong credentials. */
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

test.describe('auth', family('auth'), () => {
  for (const row of ENDPOINTS) {
    const tag = versionTags((version) => appliesTo(row, version));
    const notJudged = new Set(Object.keys(row.notJudged ?? {}) as AuthMode[]);
    for (const mode of ALL_MODES.filter((candidate) => !notJudged.has(candidate))) {
      const denied = (version: string) =>
        appliesTo(row, version) && !modeAllowed(row, mode, version);
      if (!versionsWhere(denied)) continue;
      test(`${label(row)} · ${mode} → ${row.deniedStatus}`, {
        tag: versionTags(denied),
        annotation: about(label(row), mode),
      }, async ({ api, organizations, users, needs }) => {
        needs(mode);
        await api.endpoint(label(row));
        const sent = probe(row, adapterFor(row.resource, { api, organizations, users }), api, mode);
        const exchange = await api.check(
          { ...sent.request, mode, actAs: api.directory.actAsId },
          {
            rule: 'auth_scope',
            statuses: [row.deniedStatus],
            why: `${mode} is outside this endpoint's scope, checked before lookup`,
            // decision: scope before lookup, so a random id gets 403 rather than 404.
            tolerated: hasParameters(row) ? [404] : [],
            // decision: acting as an organization has the scope of that organization's API
            // key; and a row before its sources document it is one (Users before 2024-02-08).
            level: mode === 'actingAs' ? 'decision' : rowLevel(row, api.version),
          },
        );
        sent.after(exchange);
      });
    }

    test(`${label(row)} · unauthenticated → 401`, {
      tag,
      annotation: about(label(row), UNAUTHENTICATED),
    }, async ({ api, organizations, users }) => {
      await api.endpoint(label(row));
      const adapter = adapterFor(row.resource, { api, organizations, users });
      // The variants do not depend on each other: sent together, one round trip of latency.
      await Promise.all(
        unauthenticated(api).map(async ([why, credentials]) => {
          const sent = probe(row, adapter, api);
          const exchange = await api.check(
            { ...sent.request, ...credentials },
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
