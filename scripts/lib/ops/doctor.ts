import { UNSUPPORTED_VERSION_STATUSES } from '../../../contract/decisions';
import { appliesTo, ENDPOINTS, label } from '../../../contract/endpoints';
import { UNSUPPORTED_VERSIONS } from '../../../contract/inputs';
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from '../../../contract/versions';
import { CONFIGURED_KEY_KINDS, credentialKind } from '../../../harness/checks/identity-rules';
import type {
  Check,
  CheckContext,
  CredentialKind,
  Expectation,
} from '../../../harness/checks/types';
import { unsupportedVersion } from '../../../harness/checks/unsupported-version';
import { versionHeaderEcho } from '../../../harness/checks/version-header-echo';
import { type HarnessConfig, type Keys, keyVariable } from '../../../harness/config/env';
import { madeKeyPlan } from '../../../harness/config/made-credential';
import { runPrefix } from '../../../harness/config/run';
import type { SendAs } from '../../../harness/http/auth';
import { certificateProblem, describeCause } from '../../../harness/http/causes';
import { type Answered, type ApiClient, commandClient } from '../../../harness/http/client';
import { type Exchange, versionNamed } from '../../../harness/http/exchange';
import { meProblem } from '../../../harness/http/me-answer';
import { redact } from '../../../harness/secrets/redact';

/** The TLS facts of an answer, as the client hands them on (the wire is the client's own). */
type TlsInfo = NonNullable<Answered['wire']['tls']>;

/**
 * What `npm run doctor` finds out, as rows with no secret in them: whether the
 * target answers, whether its certificate verifies, which versions it serves,
 * and what /api/me says each configured credential is.
 */
export interface Row {
  readonly cells: readonly string[];
  readonly ok: boolean;
}

export interface Diagnosis {
  readonly reachable: boolean;
  /** It answers, but /api/me is not the API's (a redirect, a 404 page, a 5xx): nothing more is asked. */
  readonly usable: boolean;
  readonly connection: Row[];
  readonly versions: Row[];
  readonly credentials: Row[];
  /** A credential is sent only over http or a certificate that verified (or is knowingly ignored). */
  readonly credentialsSent: boolean;
}

/**
 * What each kind of key is called in the table; whether a key is that kind is the
 * preflight's check, credential_kind (harness/checks/identity-rules.ts).
 */
const KIND_LABELS: Readonly<Record<CredentialKind, string>> = {
  partner: 'partner',
  apiKey: 'user or organization',
  userKey: 'user',
  deployment: 'not a user',
  actingAs: 'the organization acted as',
};

/** The version the doctor asks for to see an unknown one refused: the contract's first. */
const UNKNOWN_VERSION = UNSUPPORTED_VERSIONS[0] as string;

/** An answer judged as the suite judges it: the doctor has no rule of its own. */
function judged(check: Check, exchange: Exchange, expect: Expectation) {
  const context: CheckContext = { expect, defaultVersion: undefined, strict: false, secrets: [] };
  return check.run(exchange, context);
}

export async function diagnose(config: HarnessConfig): Promise<Diagnosis> {
  const client = { client: commandClient(config), timeoutMs: Math.min(config.timeoutMs, 10_000) };
  const answered = await attempt(client, 'none');
  if (answered instanceof Error) {
    return {
      reachable: false,
      usable: false,
      connection: [{ cells: ['reachable', `no — ${describeCause(answered)}`], ok: false }],
      versions: [],
      credentials: [],
      credentialsSent: false,
    };
  }
  const first = answered.wire;
  const trusted = !first.tls || first.tls.authorized || config.insecureTls;
  const problem = meProblem(first, config);
  const connection: Row[] = [
    {
      cells: [
        'reachable',
        `yes — HTTP ${first.status} from GET /api/me without a key, in ${first.ms} ms`,
      ],
      ok: true,
    },
    { cells: ['proxy', config.proxy ? config.proxy.server : 'none'], ok: true },
    { cells: ['tls', describeTls(config, first.tls)], ok: trusted && !config.insecureTls },
  ];
  if (problem) {
    connection.push({ cells: ['api', `no — ${problem}`], ok: false });
    return {
      reachable: true,
      usable: false,
      connection,
      versions: [],
      credentials: [],
      credentialsSent: false,
    };
  }
  return {
    reachable: true,
    usable: true,
    connection,
    versions: trusted ? await versionRows(client, anyMode(config)) : [],
    credentials: trusted ? await credentialRows(client, config) : [],
    credentialsSent: trusted,
  };
}

/** The command's client and the doctor's shorter deadline. */
interface Asking {
  readonly client: ApiClient;
  readonly timeoutMs: number;
}

/** GET /api/me as `mode` (`version`: the command's unless named); a failure is returned. */
async function attempt(
  { client, timeoutMs }: Asking,
  mode: SendAs | 'none',
  version?: string,
): Promise<Answered | Error> {
  try {
    return await client.answer({
      method: 'GET',
      path: '/api/me',
      mode,
      version,
      tolerateTls: true,
      timeoutMs,
    });
  } catch (error) {
    return error as Error;
  }
}

function describeTls(config: HarnessConfig, tls: TlsInfo | undefined): string {
  if (!tls) return 'none — plain http';
  const detail = [
    tls.protocol,
    tls.issuer && `issued by ${tls.issuer}`,
    tls.validTo && `valid to ${tls.validTo}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (tls.authorized) {
    const via = config.caCert ? ' (trusting POLYTOMIC_CA_CERT)' : '';
    return `https, certificate verified${via}; ${detail}`;
  }
  const why = `certificate NOT verified: ${tls.error ? certificateProblem(tls.error) : 'unknown reason'}; ${detail}`;
  return config.insecureTls
    ? `https, ${why} — ignored because POLYTOMIC_INSECURE_TLS=true: the target is not authenticated`
    : `https, ${why} — no key was sent; set POLYTOMIC_CA_CERT=<its CA's PEM file> or POLYTOMIC_INSECURE_TLS=true`;
}

/** The first configured key of partner, API and deployment key, as its own mode (all Bearer). */
function anyMode(config: HarnessConfig): SendAs | 'none' {
  // The deployment key as Bearer too, as the Terraform provider sends it in every version.
  return (['partner', 'apiKey', 'deployment'] as const).find((name) => config.keys[name]) ?? 'none';
}

async function versionRows(client: Asking, mode: SendAs | 'none'): Promise<Row[]> {
  const rows: Row[] = [];
  for (const version of [...SUPPORTED_VERSIONS, UNKNOWN_VERSION]) {
    const answer = await attempt(client, mode, version);
    if (answer instanceof Error) {
      rows.push({ cells: [version, '—', '—', describeCause(answer)], ok: false });
      continue;
    }
    const { exchange } = answer;
    const echoed = redact(versionNamed(exchange.response.headers) ?? '(none)').slice(0, 40);
    rows.push(
      version === UNKNOWN_VERSION
        ? unknownVersionRow(exchange, echoed)
        : servedRow(exchange, version, echoed),
    );
  }
  return rows;
}

function servedRow(exchange: Exchange, version: string, echoed: string): Row {
  const { status } = exchange.response;
  const echo = judged(versionHeaderEcho, exchange, {
    rule: 'version_header_echo',
    statuses: [status],
    why: `X-Polytomic-Version: ${version} asked for`,
  });
  const served = echo.length === 0 && status < 500;
  const verdict = served ? 'served' : `not served as ${version}`;
  return { cells: [version, String(status), echoed, verdict], ok: served };
}

/**
 * A refusal is the contract's decision (another 4xx only warns); serving the unknown
 * version under its own name (documented) or a 5xx (safety) fails, as unsupported_version
 * judges it in the suite.
 */
function unknownVersionRow(exchange: Exchange, echoed: string): Row {
  const { status } = exchange.response;
  const decided = UNSUPPORTED_VERSION_STATUSES.join(' or ');
  const [found] = judged(unsupportedVersion, exchange, {
    rule: 'unsupported_version',
    statuses: UNSUPPORTED_VERSION_STATUSES,
    why: `${UNKNOWN_VERSION} is not a supported version`,
  });
  const ok = found === undefined || found.level === 'decision';
  const verdict =
    found === undefined
      ? `refused with ${status} (the contract decides ${decided} for an unknown version)`
      : found.level === 'documented'
        ? 'served as a version that does not exist ✗'
        : found.level === 'safety'
          ? 'a 5xx (safety) ✗'
          : `answered ${status}; the contract decides ${decided} (a warning)`;
  return { cells: [UNKNOWN_VERSION, String(status), echoed, verdict], ok };
}

/** An API key is made by the run when none is configured (harness/resources/run-api-key.ts). */
function notConfigured(field: keyof Keys, config: HarnessConfig): string {
  if (field !== 'apiKey') return 'not configured';
  const plan = madeKeyPlan(config);
  if (plan === 'make')
    return `not configured: a run makes its own (user ${runPrefix('<run id>')}api-key-…@example.com in an organization of its own), removed at its end`;
  return plan && 'unmade' in plan
    ? `not configured, and a run makes none: ${plan.unmade}`
    : 'not configured';
}

/** Every endpoint the suite checks, resource by resource (contract/resources/): never sent here. */
export function endpointRows(config: HarnessConfig): Row[] {
  const newest = config.versions.at(-1) ?? CURRENT_VERSION;
  return ENDPOINTS.filter((row) => config.versions.some((version) => appliesTo(row, version))).map(
    (row) => ({
      cells: [
        row.resource,
        label({ method: row.method, path: row.path }),
        row.allowed.join(', '),
        row.documentedSince && newest >= row.documentedSince
          ? `documented from ${row.documentedSince} (a decision before)`
          : row.documentedSince
            ? `a decision (documented from ${row.documentedSince})`
            : 'documented',
      ],
      ok: true,
    }),
  );
}

async function credentialRows(client: Asking, config: HarnessConfig): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [field, kind, what] of CONFIGURED_KEY_KINDS) {
    const expected = KIND_LABELS[kind];
    if (!config.keys[field]) {
      rows.push({
        cells: [keyVariable(field), '—', notConfigured(field, config), '—', expected],
        ok: true,
      });
      continue;
    }
    // Each key as its own mode: Bearer, the deployment key too (as the preflight asks).
    const answer = await attempt(client, field);
    if (answer instanceof Error) {
      rows.push({
        cells: [keyVariable(field), '—', describeCause(answer), '—', expected],
        ok: false,
      });
      continue;
    }
    const { exchange, wire } = answer;
    const identity = wire.truncated
      ? { kind: `(${wire.overCap})`, organization: '—' }
      : identityOf(wire.bodyText);
    // The preflight's check, at any level: a deployment key that is a user's is ✗ here too.
    const ok =
      !wire.truncated &&
      judged(credentialKind, exchange, {
        rule: 'credential_kind',
        statuses: [200],
        why: `${keyVariable(field)} is documented as a ${what}`,
        identity: { kind },
      }).length === 0;
    // Key advice only for 401/403; a redirect, a 404 page or a 5xx says what it is instead.
    const why = meProblem(wire, { targetUrl: config.targetUrl, variable: keyVariable(field) });
    const verdict = ok ? `${expected} ✓` : `${expected} ✗${why ? ` — ${why}` : ''}`;
    rows.push({
      cells: [
        keyVariable(field),
        String(wire.status),
        identity.kind,
        identity.organization,
        verdict,
      ],
      ok,
    });
  }
  return rows;
}

function identityOf(text: string): { kind: string; organization: string } {
  try {
    const data = (JSON.parse(text) as { data?: Record<string, unknown> }).data ?? {};
    const kinds = ['partner', 'organization', 'user', 'system'].filter(
      (kind) => data[`is_${kind}`] === true,
    );
    const organization =
      typeof data.organization_id === 'string' ? redact(data.organization_id).slice(0, 40) : '—';
    return { kind: kinds.join('+') || '(none)', organization: organization || '(none)' };
  } catch {
    return { kind: '(not JSON)', organization: '—' };
  }
}
