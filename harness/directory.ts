import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Api } from './api';
import { type HarnessConfig, NAME_PREFIX } from './config';

/**
 * What the configured credentials reach on the target, found through /api/me and the
 * list (unjudged here: preflight and the specs judge them) once per run: the first worker
 * (preflight's, before any test writes) keeps it under reports/state/<run id>/, and every
 * later worker — a restart after each failed test among them — reads it there.
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
  data?: { id?: unknown; name?: unknown }[];
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
  // Organizations a run of the harness made come and go (this run's tests, another run's
  // leftovers being cleaned up): none of them is acted as or probed.
  return Array.isArray(data)
    ? data
        .filter((item) => !(typeof item?.name === 'string' && item.name.startsWith(NAME_PREFIX)))
        .map((item) => item?.id)
        .filter((id): id is string => typeof id === 'string')
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

/** Per Playwright run (its workers' parent process), even when POLYTOMIC_RUN_ID is reused. */
export function directoryPath(runId: string, runner = process.ppid): string {
  return join('reports', 'state', runId, `directory-${runner}.json`);
}

/** This run's directory: read if a worker found it already, else found and kept. */
export async function runDirectory(
  api: Api,
  config: HarnessConfig,
  runner = process.ppid,
): Promise<Directory> {
  const path = directoryPath(config.runId, runner);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Directory;
  } catch {
    const directory = await discover(api, config);
    mkdirSync(dirname(path), { recursive: true });
    // Written aside and renamed: a worker reading at the same moment sees all or nothing.
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, `${JSON.stringify(directory)}\n`);
    renameSync(partial, path);
    return directory;
  }
}
