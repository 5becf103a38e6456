import { randomBytes } from 'node:crypto';
import { MADE_USER_ROLE } from '../../contract/decisions';
import { endpoint, label, type Operation, type Resource } from '../../contract/endpoints';
import type { HarnessConfig } from '../config/env';
import {
  clearMadeOutcome,
  type MadeCredential,
  type MadeOutcome,
  madeKeyPlan,
  readMadeOutcome,
  saveMadeKey,
  saveMadeOutcome,
} from '../config/made-credential';
import { runPrefix } from '../config/run';
import { bearer } from '../http/auth';
import type { ApiClient, SendOptions } from '../http/client';
import type { Exchange } from '../http/exchange';
import { createdId, pathFor } from '../http/requests';
import { claim, claimUser } from '../judge/write-guard';
import { issuedKeyOf } from '../safety/issued-keys';
import { Ledger } from '../safety/ledger';
import { isGone } from './remove';

/**
 * The run's own API key, when none is configured: with writes allowed and a partner (or
 * deployment) key, the run's start makes an organization (run prefix), a user in it
 * (conformance-<run id>-api-key-…@example.com, RFC 2606) and that user's API key, and the end
 * removes the user, then the organization (the key goes with its user). Everything made
 * is in the run's ledger the moment it is made, so `npm run cleanup` removes what a
 * crashed run left. docs/CONTRACT.md § What the harness may touch.
 */
type Credential = Pick<SendOptions, 'mode'>;

/** The claimant of the made organization in the write guard: no test's Organizations. */
const MADE_BY = {};

/** The partner key when there is one: the Users endpoints are partner-level (SDK-1.18). */
function makerOf(config: HarnessConfig): Credential {
  return { mode: config.keys.partner ? 'partner' : 'deployment' };
}

/** The newest version the run checks: the Users endpoints are documented from 2024-02-08. */
function versionOf(config: HarnessConfig): string {
  return config.versions.at(-1) as string;
}

class StepFailed extends Error {}

/**
 * Makes the three, or nothing: a step that fails undoes the ones before it. The outcome
 * is kept for the workers (reports/state/<run id>/), the key apart (config/made-credential.ts).
 */
export async function makeCredentials(
  client: ApiClient,
  config: HarnessConfig,
): Promise<MadeOutcome | undefined> {
  clearMadeOutcome(config.runId);
  const plan = madeKeyPlan(config);
  if (plan === undefined) return undefined;
  if (plan !== 'make') {
    saveMadeOutcome(config.runId, plan);
    return plan;
  }
  const ledger = new Ledger(config);
  const credential = makerOf(config);
  const version = versionOf(config);
  const made: Partial<MadeCredential> = {};
  let outcome: MadeOutcome;
  try {
    // One suffix for both: shards of one run (same run id) each make their own, apart.
    const suffix = randomBytes(4).toString('hex');
    const organizationName = `${runPrefix(config.runId)}api-key-${suffix}`;
    ledger.write({ event: 'intent', name: organizationName });
    const organization = await step(
      client,
      version,
      'creating the organization',
      'create',
      'organizations',
      {},
      {
        ...credential,
        body: { name: organizationName },
      },
    );
    const organizationId = createdId(organization.response.json);
    if (organizationId === undefined)
      throw failed('creating the organization', organization, 'without an id');
    claim(config, organizationId, organizationName, credential, MADE_BY);
    ledger.write({
      event: 'created',
      id: organizationId,
      name: organizationName,
      credential: credential.mode,
    });
    Object.assign(made, { organizationId, organizationName });

    const email = `${runPrefix(config.runId)}api-key-${suffix}@example.com`;
    const org = { org_id: organizationId };
    const user = await step(client, version, 'creating the user', 'create', 'users', org, {
      ...credential,
      body: { email, role: MADE_USER_ROLE },
    });
    const userId = createdId(user.response.json);
    if (userId === undefined) throw failed('creating the user', user, 'without an id');
    ledger.write({
      event: 'created-user',
      id: userId,
      organization: organizationId,
      email,
      credential: credential.mode,
    });
    // The key and the removal are writes to this user: the write guard holds it as the run's.
    claimUser(organizationId, userId);
    Object.assign(made, { userId, email });

    const issued = await step(
      client,
      version,
      "issuing the user's API key",
      'issueKey',
      'users',
      { ...org, id: userId },
      credential,
    );
    const value = issuedKeyOf(issued.response.json);
    if (value === undefined)
      throw failed("issuing the user's API key", issued, 'without a key (data.value)');
    saveMadeKey(config.runId, value);
    await keyAccepted(client, version, value, email);
    outcome = { made: made as MadeCredential };
  } catch (error) {
    const reason =
      error instanceof StepFailed
        ? error.message
        : `the run could not make it: ${firstLine(error)}`;
    const left = await removeMade(client, config, made);
    outcome = { unmade: left.length > 0 ? `${reason}; ${left.join('; ')}` : reason };
  }
  saveMadeOutcome(config.runId, outcome);
  return outcome;
}

/** Removes what this run made; the problems, each naming what is left to `npm run cleanup`. */
export async function removeMadeCredentials(
  client: ApiClient,
  config: HarnessConfig,
): Promise<string[]> {
  const outcome = readMadeOutcome(config.runId);
  if (outcome === undefined || !('made' in outcome)) return [];
  return removeMade(client, config, outcome.made);
}

/** The user first, then the organization: only ones this run made (the write guard holds them). */
async function removeMade(
  client: ApiClient,
  config: HarnessConfig,
  made: Partial<MadeCredential>,
): Promise<string[]> {
  const ledger = new Ledger(config);
  const credential = makerOf(config);
  const version = versionOf(config);
  const problems: string[] = [];
  const { organizationId, userId } = made;
  if (organizationId === undefined) return problems;
  const removed = async (
    what: string,
    operation: Operation,
    resource: Resource,
    values: Record<string, string>,
  ) => {
    try {
      const row = endpoint(version, operation, resource);
      const { response } = await client.send({
        method: row.method,
        path: pathFor(row, values),
        operation,
        resource,
        version,
        ...credential,
      });
      if (isGone(response.status)) return true;
      problems.push(`${what} answered HTTP ${response.status}: npm run cleanup removes it`);
    } catch (error) {
      problems.push(`${what} failed (${firstLine(error)}): npm run cleanup removes it`);
    }
    return false;
  };
  if (userId !== undefined) {
    if (
      await removed('removing the made user', 'remove', 'users', {
        org_id: organizationId,
        id: userId,
      })
    )
      ledger.write({ event: 'removed-user', id: userId, by: 'teardown' });
    else return problems;
  }
  if (
    await removed('removing the made organization', 'remove', 'organizations', {
      id: organizationId,
    })
  )
    ledger.write({ event: 'removed', id: organizationId, by: 'teardown' });
  return problems;
}

/** One request of the making: its answer, or the step and the status it failed with. */
async function step(
  client: ApiClient,
  version: string,
  what: string,
  operation: Operation,
  resource: Resource,
  values: Record<string, string>,
  options: Omit<SendOptions, 'method' | 'path'>,
): Promise<Exchange> {
  const row = endpoint(version, operation, resource);
  let exchange: Exchange;
  try {
    exchange = await client.send({
      method: row.method,
      path: Object.keys(values).length === 0 ? row.path : pathFor(row, values),
      operation,
      resource,
      version,
      ...options,
    });
  } catch (error) {
    throw new StepFailed(`${what} (${row.method} ${row.path}) failed: ${firstLine(error)}`);
  }
  if (!row.success.includes(exchange.response.status)) throw failed(what, exchange);
  return exchange;
}

/**
 * The made key must work before any API-key check relies on it. Its user was invited, and
 * never accepts: Polytomic says a new user's "role assignments take effect as soon as the
 * invitation is accepted" (REF-2025, createCurrentOrgUser), so a deployment may refuse the
 * key until then. That is the cause, said once — never every API-key check failing.
 */
async function keyAccepted(
  client: ApiClient,
  version: string,
  key: string,
  email: string,
): Promise<void> {
  const what = "using the user's API key";
  let status: number;
  try {
    const exchange = await client.send({
      method: 'GET',
      path: endpoint(version, 'identity').path,
      operation: 'identity',
      version,
      mode: 'custom',
      authorization: bearer(key),
    });
    status = exchange.response.status;
  } catch (error) {
    throw new StepFailed(`${what} (GET /api/me) failed: ${firstLine(error)}`);
  }
  if (status === 401 || status === 403)
    throw new StepFailed(
      `${what} (GET /api/me) answered HTTP ${status}: the key's user (${email}) was invited and has not accepted, and Polytomic gives a new user's roles effect once the invitation is accepted`,
    );
}

/** The step, the endpoint as the contract names it (no id) and the status. */
function failed(what: string, exchange: Exchange, detail?: string): StepFailed {
  const { operation, resource } = exchange;
  const row = endpoint(exchange.version ?? '', operation as Operation, resource);
  return new StepFailed(
    `${what} (${label(row)}) answered HTTP ${exchange.response.status}${detail ? ` ${detail}` : ''}`,
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
