import type { Api } from './api';
import type { HarnessConfig } from './config';

/**
 * What the configured credentials reach on the target, found once per worker
 * through /api/me and the list (unjudged here: preflight and the specs judge them).
 */
export interface Directory {
  /** The partner key's owner organization. */
  readonly partnerOwnerId?: string;
  /** Organizations the partner key lists. */
  readonly partnerOrganizationIds: readonly string[];
  /** The API key's organization. */
  readonly apiKeyOrganizationId?: string;
  /** An organization the partner key may act as: a child when there is one, else the owner. */
  readonly actAsId?: string;
  /** The second partner's owner organization and the ones it lists. */
  readonly otherOwnerId?: string;
  readonly otherOrganizationIds: readonly string[];
}

interface IdentityBody {
  data?: { organization_id?: unknown };
}
interface ListBody {
  data?: { id?: unknown }[];
}

async function meOrganization(
  api: Api,
  mode: 'partner' | 'apiKey',
  authorization?: string,
): Promise<string | undefined> {
  const exchange = await api.send({
    method: 'GET',
    path: '/api/me',
    mode: authorization ? 'custom' : mode,
    authorization,
  });
  const id = (exchange.response.json as IdentityBody | undefined)?.data?.organization_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

async function listIds(
  api: Api,
  authorization: string | undefined,
  mode: 'partner',
): Promise<string[]> {
  const exchange = await api.send({
    method: 'GET',
    path: '/api/organizations',
    mode: authorization ? 'custom' : mode,
    authorization,
  });
  const data = (exchange.response.json as ListBody | undefined)?.data;
  return Array.isArray(data)
    ? data.map((item) => item?.id).filter((id): id is string => typeof id === 'string')
    : [];
}

export async function discover(api: Api, config: HarnessConfig): Promise<Directory> {
  const { keys } = config;
  const otherAuth = keys.otherPartner ? `Bearer ${keys.otherPartner}` : undefined;
  // Independent look-ups, sent together: one round trip per worker, not five.
  const [
    partnerOwnerId,
    partnerOrganizationIds,
    apiKeyOrganizationId,
    otherOwnerId,
    otherOrganizationIds,
  ] = await Promise.all([
    keys.partner ? meOrganization(api, 'partner') : undefined,
    keys.partner ? listIds(api, undefined, 'partner') : ([] as string[]),
    keys.apiKey ? meOrganization(api, 'apiKey') : undefined,
    otherAuth ? meOrganization(api, 'partner', otherAuth) : undefined,
    otherAuth ? listIds(api, otherAuth, 'partner') : ([] as string[]),
  ]);
  const child = partnerOrganizationIds.find((id) => id !== partnerOwnerId);
  return {
    partnerOwnerId,
    partnerOrganizationIds,
    apiKeyOrganizationId,
    actAsId: child ?? partnerOwnerId,
    otherOwnerId,
    otherOrganizationIds: otherOrganizationIds.filter((id) => !partnerOrganizationIds.includes(id)),
  };
}
