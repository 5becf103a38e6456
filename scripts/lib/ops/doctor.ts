import { appliesTo, ENDPOINTS, label } from '../../../contract/endpoints';
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from '../../../contract/versions';
import { type HarnessConfig, type Keys, keyVariable } from '../../../harness/config/env';
import { madeKeyPlan } from '../../../harness/config/made-credential';
import { runPrefix } from '../../../harness/config/run';
import { bearer } from '../../../harness/http/auth';
import { certificateProblem, describeCause } from '../../../harness/http/causes';
import { meProblem } from '../../../harness/http/me-answer';
import { sendOnWire, type TlsInfo, type WireResult } from '../../../harness/http/wire';
import { redact } from '../../../harness/safety/redact';

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
 * What /api/me must say of each key (docs/CONTRACT.md § Organizations, identity): a
 * partner key is a partner's; an API key a user's or an organization's; a deployment
 * key no user's (a decision).
 */
const EXPECTED_KIND: Readonly<
  Record<keyof Keys, { label: string; ok: (kinds: readonly string[]) => boolean }>
> = {
  partner: { label: 'partner', ok: (kinds) => kinds.includes('partner') },
  apiKey: {
    label: 'user or organization',
    ok: (kinds) => kinds.includes('user') || kinds.includes('organization'),
  },
  deployment: { label: 'not a user', ok: (kinds) => !kinds.includes('user') },
  otherPartner: { label: 'partner', ok: (kinds) => kinds.includes('partner') },
};

const UNKNOWN_VERSION = '2020-01-01';

export async function diagnose(config: HarnessConfig): Promise<Diagnosis> {
  const first = await attempt(config, '/api/me', {}, config.versions[0] ?? CURRENT_VERSION);
  if (!('status' in first)) {
    return {
      reachable: false,
      usable: false,
      connection: [{ cells: ['reachable', `no — ${describeCause(first)}`], ok: false }],
      versions: [],
      credentials: [],
      credentialsSent: false,
    };
  }
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
  const authorization = trusted ? anyAuthorization(config) : undefined;
  return {
    reachable: true,
    usable: true,
    connection,
    versions: trusted ? await versionRows(config, authorization) : [],
    credentials: trusted ? await credentialRows(config) : [],
    credentialsSent: trusted,
  };
}

async function attempt(
  config: HarnessConfig,
  path: string,
  headers: Record<string, string>,
  version: string,
): Promise<WireResult | Error> {
  try {
    return await sendOnWire(config, {
      path,
      headers: { ...headers, 'x-polytomic-version': version },
      tolerateTls: true,
      timeoutMs: Math.min(config.timeoutMs, 10_000),
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

function anyAuthorization(config: HarnessConfig): string | undefined {
  const field = (['partner', 'apiKey', 'deployment'] as const).find((name) => config.keys[name]);
  // Every key as Bearer: the deployment key too, as the Terraform provider sends it in every version.
  return field ? bearer(config.keys[field] as string) : undefined;
}

async function versionRows(
  config: HarnessConfig,
  authorization: string | undefined,
): Promise<Row[]> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const rows: Row[] = [];
  for (const version of [...SUPPORTED_VERSIONS, UNKNOWN_VERSION]) {
    const answer = await attempt(config, '/api/me', headers, version);
    const known = version !== UNKNOWN_VERSION;
    if (!('status' in answer)) {
      rows.push({ cells: [version, '—', '—', describeCause(answer)], ok: false });
      continue;
    }
    const echoed = redact(answer.headers['x-polytomic-version'] ?? '(none)').slice(0, 40);
    if (known) {
      const served = echoed === version && answer.status < 500;
      const verdict = served ? 'served' : `not served as ${version}`;
      rows.push({ cells: [version, String(answer.status), echoed, verdict], ok: served });
      continue;
    }
    // 400 for an unknown version is a decision: another 4xx only warns. Serving it under its
    // own name (documented: the header names the version that served) or a 5xx (safety) fails.
    const { status } = answer;
    const claimed = status >= 200 && status < 300 && echoed === version;
    const ok = !claimed && status < 500;
    const verdict =
      status === 400
        ? 'refused with 400 (the contract decides 400 for an unknown version)'
        : claimed
          ? 'served as a version that does not exist ✗'
          : status >= 500
            ? 'a 5xx (safety) ✗'
            : `answered ${status}; the contract decides 400 (a warning)`;
    rows.push({ cells: [version, String(status), echoed, verdict], ok });
  }
  return rows;
}

/** An API key is made by the run when none is configured (harness/resources/made-credentials.ts). */
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

async function credentialRows(config: HarnessConfig): Promise<Row[]> {
  const rows: Row[] = [];
  for (const field of Object.keys(EXPECTED_KIND) as (keyof Keys)[]) {
    const key = config.keys[field];
    const expected = EXPECTED_KIND[field].label;
    if (!key) {
      rows.push({
        cells: [keyVariable(field), '—', notConfigured(field, config), '—', expected],
        ok: true,
      });
      continue;
    }
    const version = config.versions.at(-1) ?? CURRENT_VERSION;
    const answer = await attempt(config, '/api/me', { authorization: bearer(key) }, version);
    if (!('status' in answer)) {
      rows.push({
        cells: [keyVariable(field), '—', describeCause(answer), '—', expected],
        ok: false,
      });
      continue;
    }
    const identity = answer.truncated
      ? { kind: `(${answer.overCap})`, organization: '—' }
      : identityOf(answer.bodyText);
    const ok = answer.status === 200 && EXPECTED_KIND[field].ok(identity.kind.split('+'));
    // Key advice only for 401/403; a redirect, a 404 page or a 5xx says what it is instead.
    const why = meProblem(answer, { targetUrl: config.targetUrl, variable: keyVariable(field) });
    const verdict = ok ? `${expected} ✓` : `${expected} ✗${why ? ` — ${why}` : ''}`;
    rows.push({
      cells: [
        keyVariable(field),
        String(answer.status),
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
