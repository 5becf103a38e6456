import { randomBytes } from 'node:crypto';
import { test } from '@playwright/test';
import type { AuthMode } from '../../contract/endpoints';
import { endpoint, modeLevel } from '../../contract/endpoints';
import type { HarnessConfig } from '../config/env';
import { runPrefix } from '../config/run';
import type { SendAs } from '../http/auth';
import type { SendOptions } from '../http/client';
import type { Exchange } from '../http/exchange';
import { createdId } from '../http/requests';
import type { JudgedApi } from '../judge/judged-api';
import { claim, WriteRefused } from '../judge/write-guard';
import { Ledger } from '../safety/ledger';
import { removeOrganization } from './remove';
import { drawn, settled } from './strays';

export interface OrganizationBody {
  name: string;
  issuer?: string;
  sso_domain?: string;
  sso_org_id?: string;
  client_id?: string;
  client_secret?: string;
}

export interface Created {
  readonly id: string;
  readonly body: OrganizationBody;
  readonly mode: AuthMode;
  readonly exchange: Exchange;
}

type Credential = Pick<SendOptions, 'mode' | 'authorization'> & { name: string };

/**
 * Organizations a test creates: named with the run prefix, and removed when the
 * test ends whatever happened. Only ids created here are ever removed. Every
 * name drawn and every id created is in the run's ledger first, so a run that
 * dies before its teardown can still be cleaned up (`npm run cleanup`). An id that
 * existed before the run, or that another create answered with, is never tracked
 * (write-guard.ts), so nothing here can remove it.
 */
export class Organizations {
  /** Created ids and the credential that may remove each. */
  private readonly created = new Map<string, Credential>();
  private readonly ledger: Ledger;

  constructor(
    private readonly api: JudgedApi,
    private readonly config: HarnessConfig,
  ) {
    this.ledger = new Ledger(config);
  }

  /** A fresh name carrying this run's prefix, recorded before any create can use it. */
  name(label = 'org'): string {
    const name = `${runPrefix(this.config.runId)}${label}-${randomBytes(4).toString('hex')}`;
    this.ledger.write({ event: 'intent', name });
    drawn(name);
    return name;
  }

  body(label?: string, extra: Omit<OrganizationBody, 'name'> = {}): OrganizationBody {
    return { name: this.name(label), ...extra };
  }

  /** Creates an organization as a judged step (a valid create must succeed). */
  async create(body: OrganizationBody = this.body(), mode: AuthMode = 'partner'): Promise<Created> {
    const row = endpoint(this.api.version, 'create');
    const exchange = await this.createWith({
      method: row.method,
      path: row.path,
      operation: 'create',
      mode,
      body,
    });
    const id = createdId(exchange.response.json) as string;
    return { id, body, mode, exchange };
  }

  /**
   * Sends a create as given (e.g. with an Idempotency-Key), judged as a valid create whose
   * answer is the organization written (write_answer).
   */
  async createWith(request: SendOptions & { mode: AuthMode }): Promise<Exchange> {
    const row = endpoint(this.api.version, 'create');
    const exchange = await this.api.check(request, {
      rule: 'write_answer',
      statuses: row.success,
      why: `create by ${request.mode}`,
      level: modeLevel(request.mode, this.api.version),
      organization: writtenFields(request.body),
    });
    const id = createdId(exchange.response.json);
    const made = id ?? bareId(exchange.response.json);
    const name = (request.body as { name?: unknown } | undefined)?.name;
    if (made !== undefined)
      this.remember(
        made,
        { mode: request.mode, name: request.mode },
        typeof name === 'string' ? name : undefined,
      );
    if (id === undefined) this.api.cannotGoOn(exchange, 'The create returned no organization id');
    return exchange;
  }

  /**
   * Records an id this run created by other means (an idempotent replay, a faulty
   * duplicate, a create by the second partner), removed at the end as `mode`.
   */
  track(id: string, mode: SendAs = 'partner'): void {
    this.remember(id, { mode, name: mode });
  }

  /** Throws WriteRefused (untracked) when the id cannot be a new organization of this run. */
  private remember(id: string, credential: Credential, name?: string): void {
    if (this.created.has(id)) return;
    const { name: _name, ...sent } = credential;
    claim(this.config, id, name, sent, this);
    this.ledger.write({ event: 'created', id, name, credential: credential.name });
    settled(name);
    this.created.set(id, credential);
  }

  /** The test removed it itself. */
  forget(id: string): void {
    if (this.created.delete(id)) this.ledger.write({ event: 'removed', id, by: 'test' });
  }

  /**
   * Runs at every test's end, passed or failed. One removal that fails does not
   * stop the others; it is noted on the test and left to `npm run cleanup`.
   */
  async removeAll(): Promise<void> {
    const refused: string[] = [];
    for (const [id, { name: _name, ...credential }] of this.created) {
      const problem = await this.remove(id, credential);
      if (problem instanceof WriteRefused) refused.push(problem.message);
      else if (problem) {
        test.info().annotations.push({
          type: 'leftover',
          description: `organization ${id} was not removed (${problem}); npm run cleanup removes it`,
        });
      }
    }
    this.created.clear();
    // Not a leftover for cleanup: the target no longer shows it as this run's.
    if (refused.length > 0) throw new WriteRefused(refused.join('\n\n'));
  }

  private async remove(
    id: string,
    credential: Pick<SendOptions, 'mode' | 'authorization'>,
  ): Promise<string | WriteRefused | undefined> {
    try {
      const problem = await removeOrganization(this.api, id, credential);
      if (problem !== undefined) return problem;
      this.ledger.write({ event: 'removed', id, by: 'teardown' });
      return undefined;
    } catch (error) {
      if (error instanceof WriteRefused) return error;
      return (error as Error).message.split('\n')[0];
    }
  }
}

/**
 * What a create's or update's answer must carry of the body sent: every field but the
 * write-only ones (client_id and client_secret are never read back).
 */
export function writtenFields(body: unknown): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  if (body === null || typeof body !== 'object') return fields;
  for (const [field, value] of Object.entries(body))
    if (field !== 'client_id' && field !== 'client_secret' && typeof value === 'string')
      fields[field] = value === '' ? undefined : value;
  return fields;
}

/** A faulty create may answer without the envelope; its id must still be removed. */
function bareId(json: unknown): string | undefined {
  const id = (json as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
