import type { Operation } from '../../contract/endpoints';
import { CURRENT_VERSION, SUPPORTED_VERSIONS } from '../../contract/versions';
import type { CheckContext, Expectation } from '../../harness/checks';
import type { Exchange } from '../../harness/http/exchange';

/**
 * Exchanges built by hand, shaped as harness/http/client.ts records them (header names
 * lower-case, `json` parsed from `bodyText`), so the checks can be judged
 * without a server.
 */

export const CURRENT = CURRENT_VERSION;
/** The id in the seed page's curl example (seeds/get-organization.txt). */
export const ORG_ID = '248df4b7-aa70-47b8-a036-33ac447e668d';
export const OTHER_ID = '6f1c2a4e-9b7d-4c3e-8a21-5d0f7e9b3c12';
export const OWNER_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';

/** The seed page's response example, with the curl's UUID in place of its `"id": "string"`. */
export const SEED_ORGANIZATION = {
  id: ORG_ID,
  issuer: 'https://example.com',
  name: 'My Organization',
  sso_domain: 'example.com',
  sso_org_id: '123456',
} as const;

export const organization = (fields: Record<string, unknown> = {}) => ({
  ...SEED_ORGANIZATION,
  ...fields,
});

export const OWNER = { id: OWNER_ID, name: 'Partner Owner' } as const;
/** Another partner's organization, or one that existed before the run. */
export const OTHER = { id: OTHER_ID, name: 'Other Org' } as const;

export const identity = (fields: Record<string, unknown> = {}) => ({
  organization_id: ORG_ID,
  is_partner: false,
  is_organization: true,
  is_user: false,
  is_system: false,
  ...fields,
});

/** A 2025-09-18 error body, as the reference server renders it. */
export const apiError = (status: number, message: string, key = 'error') => ({
  message,
  status,
  key,
});

export interface ExchangeSpec {
  readonly method?: string;
  readonly path?: string;
  readonly operation?: Operation;
  readonly resource?: Exchange['resource'];
  readonly mode?: Exchange['mode'];
  /** The version sent; `null` for none. Default 2025-09-18. */
  readonly version?: string | null;
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly requestBody?: unknown;
  readonly status: number;
  /** A JSON body; `bodyText` instead for raw text. */
  readonly body?: unknown;
  readonly bodyText?: string;
  /** Response headers over the defaults; `undefined` removes one. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

function parse(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function exchange(spec: ExchangeSpec): Exchange {
  const version = spec.version === undefined ? CURRENT : spec.version;
  const served = version !== null && SUPPORTED_VERSIONS.includes(version) ? version : CURRENT;
  const bodyText = spec.bodyText ?? (spec.body === undefined ? '' : JSON.stringify(spec.body));
  const headers: Record<string, string> = { 'x-polytomic-version': served };
  if (bodyText !== '') headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const requestHeaders: Record<string, string> = { accept: 'application/json' };
  if (version !== null) requestHeaders['x-polytomic-version'] = version;
  return {
    request: {
      method: spec.method ?? 'GET',
      path: spec.path ?? `/api/organizations/${ORG_ID}`,
      headers: { ...requestHeaders, ...spec.requestHeaders },
      body: spec.requestBody,
    },
    response: { status: spec.status, headers, bodyText, json: parse(bodyText) },
    version,
    mode: spec.mode ?? 'partner',
    operation: spec.operation,
    resource: spec.resource,
    durationMs: 12,
  };
}

/** `GET /api/organizations/{id}` answered with the seed organization. */
export const getOrganization = (spec: Partial<ExchangeSpec> = {}) =>
  exchange({ operation: 'get', status: 200, body: { data: SEED_ORGANIZATION }, ...spec });

export const listOrganizations = (data: unknown[]) =>
  exchange({ operation: 'list', path: '/api/organizations', status: 200, body: { data } });

export function context(
  expect: Expectation,
  options: Partial<Omit<CheckContext, 'expect'>> = {},
): CheckContext {
  return { expect, defaultVersion: CURRENT, strict: false, secrets: [], ...options };
}
