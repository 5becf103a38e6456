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
  const partnerOwnerId = keys.partner ? await meOrganization(api, 'partner') : undefined;
  const partnerOrganizationIds = keys.partner ? await listIds(api, undefined, 'partner') : [];
  const apiKeyOrganizationId = keys.apiKey ? await meOrganization(api, 'apiKey') : undefined;
  const otherAuth = keys.otherPartner ? `Bearer ${keys.otherPartner}` : undefined;
  const otherOwnerId = otherAuth ? await meOrganization(api, 'partner', otherAuth) : undefined;
  const otherOrganizationIds = otherAuth ? await listIds(api, otherAuth, 'partner') : [];
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
