import { ENDPOINTS } from '../../contract/endpoints';
import { SCOPED_RESOURCES } from '../../contract/resources/scoped';
import { formatViolation } from '../checks/format';
import type { Violation } from '../checks/types';
import { refusedCreate, refusedWrite } from '../checks/write-guard';
import type { HarnessConfig } from '../config/env';
import { runPrefix } from '../config/run';
import type { ApiClient, ClientPolicies, SendOptions } from '../http/client';
import { isMadeUp } from '../http/requests';
import { keepWorkerOnFailure } from '../report/judged-failures';
import { recordViolation } from '../report/test-identity';
import { issuedKeyOf } from '../safety/issued-keys';
import { runSnapshot, snapshotIds } from '../safety/snapshot';

/**
 * The last word before a write leaves the harness (docs/CONTRACT.md § What the harness
 * may touch): an update or remove by id goes out only when the id is one a create
 * of this run answered with, is not in the pre-run snapshot, and — on any target
 * but the bundled reference server — the target reports it under a name with this
 * run's prefix. Otherwise the request is not sent and the test fails under
 * `write_guard`. One guard per worker process, handed to its ApiClient as its policies
 * (writeGuard()): every request goes through ApiClient.send.
 */
export class WriteRefused extends Error {
  override name = 'WriteRefused';
}

type Credential = Pick<SendOptions, 'mode' | 'authorization'>;

interface Owned {
  readonly name?: string;
  readonly credential: Credential;
  /** Who tracked it (a test's Organizations); another create answering with it is a fault. */
  readonly by: object;
  /** A remove of it succeeded: a 404 for it now is this run's own doing. */
  removed: boolean;
}

const owned = new Map<string, Owned>();
/** Users a create of this run answered with, by id, and the organization each is in. */
const ownedUsers = new Map<string, string>();
/** Webhooks, roles and policies a create of this run answered with, and each one's organization. */
const ownedItems = new Map<string, string>();
let preRun: ReadonlySet<string> | undefined;

function preRunIds(config: HarnessConfig): ReadonlySet<string> {
  if (preRun) return preRun;
  const snapshot = runSnapshot(config.runId);
  const ids = snapshotIds(snapshot);
  if (snapshot) preRun = ids;
  return ids;
}

function refuse(found: Violation): never {
  // As data, like every departure: the summary, the gate and the matrix read it from there.
  recordViolation(found, found.documented.startsWith('a create') ? 'create' : 'write', '-');
  // Nothing was written and the worker's state is sound: the failure need not cost a new
  // worker (a target answering every create with an old id cost one per test).
  keepWorkerOnFailure();
  throw new WriteRefused(
    `1 safety violation; the harness stopped here rather than write to it:\n${formatViolation(found)}`,
  );
}

const IN_SNAPSHOT = 'existed before the run (it is in the pre-run snapshot)';

/**
 * Why write checks must not run, or undefined when they may: writes allowed, and a
 * snapshot that can show afterwards that nothing which existed was touched.
 */
export function writesBlocked(config: HarnessConfig): string | undefined {
  if (!config.allowWrites)
    return 'writes not allowed on this target (set POLYTOMIC_ALLOW_WRITES=true)';
  const snapshot = runSnapshot(config.runId);
  if (!snapshot)
    return 'no snapshot of the organizations was taken before the run, so the collateral check could not check: writes not sent';
  if (snapshot.unusable)
    return `the pre-run snapshot is unusable (${snapshot.unusable}), so the collateral check could not check: writes not sent`;
  return undefined;
}

/** Takes a create's answer as this run's own; throws when it cannot be a new organization. */
export function claim(
  config: HarnessConfig,
  id: string,
  name: string | undefined,
  credential: Credential,
  by: object,
): void {
  if (preRunIds(config).has(id)) refuse(refusedCreate(id, IN_SNAPSHOT));
  const earlier = owned.get(id);
  if (earlier) {
    const renamed = earlier.name !== undefined && name !== undefined && earlier.name !== name;
    // The same test seeing its own id again (an idempotent replay) is no fault.
    if (earlier.by !== by || renamed)
      refuse(
        refusedCreate(id, `another create already answered with (${earlier.name ?? 'unnamed'})`),
      );
    return;
  }
  owned.set(id, { name, credential, by, removed: false });
}

/**
 * Takes as this run's one the target created when asked to refuse, found by a name this
 * worker drew (strays.ts); false when it existed before the run.
 */
export function adopt(
  config: HarnessConfig,
  id: string,
  name: string,
  credential: Credential,
): boolean {
  if (preRunIds(config).has(id)) return false;
  if (!owned.has(id)) owned.set(id, { name, credential, by: adopt, removed: false });
  return true;
}

/**
 * Takes a user create's answer as this run's own: only then may the user be updated,
 * removed or given a key. The organization must be one this run created.
 */
export function claimUser(organizationId: string, userId: string): void {
  if (!owned.has(organizationId))
    refuse(
      refusedCreate(userId, `is a user of ${organizationId}, not an organization this run created`),
    );
  const earlier = ownedUsers.get(userId);
  if (earlier !== undefined && earlier !== organizationId)
    refuse(refusedCreate(userId, `is already a user of ${earlier}`));
  ownedUsers.set(userId, organizationId);
}

/**
 * Takes a webhook, role or policy create's answer as this run's own: only then may it be
 * changed or removed. Its organization must be one this run created.
 */
export function claimScopedItem(organizationId: string, itemId: string): void {
  if (!owned.has(organizationId))
    refuse(refusedCreate(itemId, `is in ${organizationId}, not an organization this run created`));
  const earlier = ownedItems.get(itemId);
  if (earlier !== undefined && earlier !== organizationId)
    refuse(refusedCreate(itemId, `is already an item of ${earlier}`));
  ownedItems.set(itemId, organizationId);
}

/**
 * The ids a request's path names, by the contract row whose path template it falls
 * under (the longest that matches its start, so a path below a row is that row's): a
 * template's parameter names an item of the collection whose segment comes before it
 * (`/organizations/{org_id}/users/{id}`: an organization, then a user). A new row
 * needs no change here.
 */
interface PathIds {
  readonly organization?: string;
  readonly user?: string;
  /** The path is the organization itself, nothing below it. */
  readonly isOrganization: boolean;
}

const COLLECTIONS: Readonly<Record<string, keyof Omit<PathIds, 'isOrganization'>>> = {
  organizations: 'organization',
  users: 'user',
};

const TEMPLATES: readonly (readonly string[])[] = [...new Set(ENDPOINTS.map((row) => row.path))]
  .map((path) => path.split('/'))
  .sort((a, b) => b.length - a.length);

function pathIds(path: string): PathIds {
  const segments = (path.split(/[?#]/)[0] ?? '').split('/');
  const template = TEMPLATES.find(
    (parts) =>
      parts.length <= segments.length &&
      parts.every((part, at) =>
        part.startsWith('{') ? (segments[at] ?? '') !== '' : part === segments[at],
      ),
  );
  const ids: { organization?: string; user?: string } = {};
  let last: string | undefined;
  for (const [at, part] of (template ?? []).entries()) {
    const kind = COLLECTIONS[template?.[at - 1] ?? ''];
    if (!part.startsWith('{') || kind === undefined) continue;
    ids[kind] = decoded(segments[at] ?? '');
    last = kind;
  }
  const whole = template !== undefined && segments.filter(Boolean).length === template.length - 1;
  return { ...ids, isOrganization: whole && last === 'organization' };
}

function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** The caller's current organization's paths (`/api/organization/users…`): no id in them. */
const CURRENT_ORGANIZATION = /^\/api\/organization(?:[/?#]|$)/;

/** Keys issued by this run to its own users, and the organization each acts in. */
const ownedKeys = new Map<string, string>();

/**
 * An issued key's answer: the key of a user this run created is a credential of that
 * user's organization, so a write under `/api/organization/` sent with it goes there.
 */
function claimIssuedKey(options: Pick<SendOptions, 'path'>, key: string | undefined): void {
  const { user } = pathIds(options.path);
  const organization = user === undefined ? undefined : ownedUsers.get(user);
  if (key !== undefined && organization !== undefined) ownedKeys.set(key, organization);
}

/**
 * The organization a write under `/api/organization/` (the caller's current
 * organization) goes to: the one acted as, or the one an issued key of this run acts in.
 */
function currentOrganizationOf(options: SendOptions): string | undefined {
  if (options.mode === 'actingAs') return options.actAs;
  const token = (options.headers?.authorization ?? options.authorization ?? '').replace(
    /^Bearer\s+/i,
    '',
  );
  return ownedKeys.get(token);
}

/**
 * The organization a write's credential stands for, which must be one this run created:
 * refused, unsent, otherwise.
 */
function credentialOrganization(options: SendOptions, what: string): string {
  const organization = currentOrganizationOf(options);
  if (organization === undefined || !owned.has(organization))
    refuse(
      refusedWrite(
        what,
        organization ?? 'the credential’s organization',
        'is not an organization this run created',
      ),
    );
  return organization;
}

/**
 * A write to the caller's current organization (`/api/organization/users…`) goes out only
 * to an organization this run created, to a user it created there — or where it cannot
 * touch anything: a made-up user id, or a create without an e-mail (a body every version
 * refuses, 422, whatever the auth outcome).
 */
function guardCurrentOrganizationWrite(options: SendOptions): void {
  if (!isWrite(options.method) || !CURRENT_ORGANIZATION.test(options.path)) return;
  const { user } = pathIds(options.path);
  if (user !== undefined && isMadeUp(user)) return;
  const email = (options.body as { email?: unknown } | undefined)?.email;
  if (user === undefined && options.method.toUpperCase() === 'POST' && typeof email !== 'string')
    return;
  const what = `${options.method} ${options.path}`;
  const organization = credentialOrganization(options, what);
  if (user !== undefined && ownedUsers.get(user) !== organization)
    refuse(refusedWrite(what, user, `is not a user this run created in ${organization}`));
}

/** The collections of resources of an organization, and the item a path names in one. */
const SCOPED = SCOPED_RESOURCES.map(({ collection }) => collection);

function scopedPath(path: string): { item?: string } | undefined {
  const bare = path.split(/[?#]/)[0] ?? '';
  for (const collection of SCOPED) {
    if (bare === collection) return {};
    if (bare.startsWith(`${collection}/`))
      return { item: decoded(bare.slice(collection.length + 1).split('/')[0] ?? '') };
  }
  return undefined;
}

/**
 * A write to a webhook, role or policy goes out only as an organization this run created,
 * to an item it created — or where it cannot touch anything: a made-up item id, or a
 * create without the resource's required field (a body every version refuses).
 */
function guardScopedWrite(options: SendOptions): void {
  if (!isWrite(options.method)) return;
  const scoped = scopedPath(options.path);
  if (scoped === undefined) return;
  if (scoped.item !== undefined && isMadeUp(scoped.item)) return;
  const description = SCOPED_RESOURCES.find(({ collection }) =>
    options.path.startsWith(collection),
  );
  const body = options.body as Record<string, unknown> | undefined;
  const refusable = description !== undefined && typeof body?.[description.required] !== 'string';
  if (scoped.item === undefined && refusable) return;
  const what = `${options.method} ${options.path}`;
  credentialOrganization(options, what);
  // An item of another organization of this run's may be tried (scoped_isolation): at
  // worst the run's own item changes.
  if (scoped.item !== undefined && !ownedItems.has(scoped.item))
    refuse(refusedWrite(what, scoped.item, 'is not an item this run created'));
}

/** The user a request writes to by id (`…/users/{id}` and below), if it does. */
export function userWriteTarget(options: Pick<SendOptions, 'method' | 'path'>): string | undefined {
  return isWrite(options.method) ? pathIds(options.path).user : undefined;
}

/** The organization a request writes to by id, if it does (a user write is one to its organization). */
export function writeTarget(options: Pick<SendOptions, 'method' | 'path'>): string | undefined {
  return isWrite(options.method) ? pathIds(options.path).organization : undefined;
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Throws WriteRefused, sending nothing, unless the write may go out. */
export async function guardWrite(
  client: ApiClient,
  config: HarnessConfig,
  options: SendOptions,
): Promise<void> {
  guardCurrentOrganizationWrite(options);
  guardScopedWrite(options);
  const id = writeTarget(options);
  if (id === undefined) return;
  // The owner-delete test (auth-identity): the bundled server's organizations are no one's.
  if (options.preExistingOnBundled && config.bundled) return;
  const what = `${options.method} ${options.path}`;
  if (preRunIds(config).has(id)) refuse(refusedWrite(what, id, IN_SNAPSHOT));
  // A random or malformed id the harness drew: no organization has it.
  if (isMadeUp(id)) return;
  const mine = owned.get(id);
  if (!mine) refuse(refusedWrite(what, id, 'is not an organization this run created'));
  const user = userWriteTarget(options);
  if (user !== undefined && !isMadeUp(user) && ownedUsers.get(user) !== id)
    refuse(refusedWrite(what, user, `is not a user this run created in ${id}`));
  if (config.bundled) return;
  const prefix = runPrefix(config.runId);
  const byId = await reportedName(client, `/api/organizations/${encodeURIComponent(id)}`, mine, id);
  if (byId.status === 404 && mine.removed) return;
  // A get that does not say (an HTML page, a cut-off body): the list may.
  const name = byId.name ?? (await reportedName(client, '/api/organizations', mine, id)).name;
  if (name?.startsWith(prefix)) return;
  refuse(
    refusedWrite(
      what,
      id,
      name !== undefined
        ? `is named ${JSON.stringify(name.slice(0, 80))} by the target, without this run's prefix ${prefix}`
        : `has no name the target reports (${byId.problem}, and the list does not name it)`,
    ),
  );
}

/** The name the target gives `id` in a get of it or in the list; never throws. */
async function reportedName(
  client: ApiClient,
  path: string,
  mine: Owned,
  id: string,
): Promise<{ name?: string; status?: number; problem: string }> {
  try {
    const { response } = await client.send({ method: 'GET', path, ...mine.credential });
    const data = (response.json as { data?: unknown } | undefined)?.data;
    const item = (Array.isArray(data) ? data.find((entry) => entry?.id === id) : data) as
      | { name?: unknown }
      | undefined;
    const ok = response.status >= 200 && response.status < 300;
    const name = ok && typeof item?.name === 'string' ? item.name : undefined;
    const problem = `GET answered HTTP ${response.status}${name === undefined ? ' without a name' : ''}`;
    return { name, status: response.status, problem };
  } catch (error) {
    return { problem: `GET failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

/**
 * After an answer: a remove that succeeded leaves a 404 that is this run's own, and a key
 * issued to a user of this run is a credential of that user's organization.
 */
export function noteAnswer(
  options: Pick<SendOptions, 'method' | 'path' | 'operation'>,
  status: number,
  json?: unknown,
): void {
  if (options.operation === 'issueKey') claimIssuedKey(options, issuedKeyOf(json));
  if (options.method.toUpperCase() !== 'DELETE' || status < 200 || status >= 300) return;
  // The organization itself, not something under it (its users).
  const { organization, isOrganization } = pathIds(options.path);
  if (organization === undefined || !isOrganization) return;
  const mine = owned.get(organization);
  if (mine) mine.removed = true;
}

/** The guard as the policies a client is handed (harness/http/client.ts). */
export function writeGuard(config: HarnessConfig): ClientPolicies {
  return {
    beforeSend: (client, options) => guardWrite(client, config, options),
    afterAnswer: noteAnswer,
  };
}
