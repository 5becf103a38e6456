import { test } from '@playwright/test';
import { MADE_USER_ROLE } from '../../contract/decisions';
import { endpoint, rowLevel } from '../../contract/endpoints';
import type { FieldExpectation } from '../checks/types';
import type { HarnessConfig } from '../config/env';
import type { SendAs } from '../http/auth';
import type { SendOptions } from '../http/client';
import type { Exchange } from '../http/exchange';
import { createdId, isMadeUp, pathFor } from '../http/requests';
import type { JudgedApi } from '../judge/judged-api';
import { claimUser, WriteRefused } from '../judge/write-guard';
import { issuedKeyOf } from '../safety/issued-keys';
import { Ledger } from '../safety/ledger';
import type { Organizations } from './organizations';

export interface UserBody {
  email?: string;
  role?: string;
  role_ids?: string[];
}

export interface MadeUser {
  readonly id: string;
  readonly organizationId: string;
  readonly body: UserBody;
  readonly exchange: Exchange;
}

type Credential = Pick<SendOptions, 'mode' | 'authorization'>;

/** Counts the e-mails this worker drew; with its process id, unique within the run. */
let drawnEmails = 0;

/**
 * Users a test creates: only in an organization this run created (write-guard.ts refuses
 * any other), with e-mails `conformance-<run id>-<n>@example.com` (RFC 2606: the domain
 * reaches no one). Each is in the run's ledger; at the test's end they are removed before
 * the organizations (this fixture is torn down first) — on the bundled server removing the
 * organization removes its users, so only the ledger is told.
 */
export class Users {
  private readonly made = new Map<string, { organizationId: string; credential: Credential }>();
  private readonly ledger: Ledger;
  private own?: Promise<string>;

  constructor(
    private readonly api: JudgedApi,
    private readonly config: HarnessConfig,
    private readonly organizations: Organizations,
  ) {
    this.ledger = new Ledger(config);
  }

  /** A fresh RFC 2606 address carrying this run's id. */
  email(): string {
    drawnEmails += 1;
    const n = `${process.pid}${String(drawnEmails).padStart(4, '0')}`;
    return `conformance-${this.config.runId}-${n}@example.com`;
  }

  body(extra: Omit<UserBody, 'email'> = {}): UserBody {
    return { email: this.email(), ...extra };
  }

  /** The organization this test's users live in: created by this run, once per test. */
  organization(): Promise<string> {
    this.own ??= this.organizations
      .create(this.organizations.body('users'))
      .then((created) => created.id);
    return this.own;
  }

  /**
   * Creates a user, judged as a valid create (user_lifecycle: the answer carries what was
   * sent) unless made as the second partner, whose setup is plumbing.
   */
  async create(
    organizationId: string,
    options: { body?: UserBody; mode?: SendAs; headers?: Readonly<Record<string, string>> } = {},
  ): Promise<MadeUser> {
    const { body = this.body(), mode = 'partner', headers } = options;
    const row = endpoint(this.api.version, 'create', 'users');
    const request: SendOptions = {
      method: row.method,
      path: pathFor(row, { org_id: organizationId }),
      operation: 'create',
      resource: 'users',
      mode,
      body,
      headers,
    };
    const exchange =
      mode === 'otherPartner'
        ? await this.api.send(request)
        : await this.api.check(request, {
            rule: 'user_lifecycle',
            statuses: row.success,
            why: `create by ${mode}`,
            level: rowLevel(row, this.api.version),
            fields: writtenUserFields(body, organizationId),
          });
    const id = this.taken(exchange, organizationId, mode);
    if (id === undefined) this.api.cannotGoOn(exchange, 'The user create returned no user id');
    return { id, organizationId, body, exchange };
  }

  /**
   * An API key of a user this run made in an organization it made: an API key of that
   * organization, for what an organization's own credential may do (its users, REF-2025's
   * current organization). Plumbing: the key's issue is judged in tests/users.spec.ts.
   */
  async apiKeyIn(organizationId: string): Promise<string> {
    const { id } = await this.create(organizationId, { body: this.body({ role: MADE_USER_ROLE }) });
    const row = endpoint(this.api.version, 'issueKey', 'users');
    const exchange = await this.api.send({
      method: row.method,
      path: pathFor(row, { org_id: organizationId, id }),
      operation: 'issueKey',
      resource: 'users',
      mode: 'partner',
    });
    const key = issuedKeyOf(exchange.response.json);
    if (key === undefined) this.api.cannotGoOn(exchange, 'The key issue answered no key value');
    return key;
  }

  /** Takes a create's answer as this run's user, if it made one; the id, or undefined. */
  taken(exchange: Exchange, organizationId: string, mode: SendAs = 'partner'): string | undefined {
    const id = exchange.response.status < 300 ? createdId(exchange.response.json) : undefined;
    // An organization the harness made up exists nowhere: nothing was made to remove.
    if (id === undefined || isMadeUp(organizationId) || this.made.has(id)) return id;
    claimUser(organizationId, id);
    const email = (exchange.request.body as UserBody | undefined)?.email ?? '';
    this.ledger.write({
      event: 'created-user',
      id,
      organization: organizationId,
      email,
      credential: mode,
    });
    this.made.set(id, { organizationId, credential: { mode } });
    return id;
  }

  /** The test removed it itself. */
  forget(id: string): void {
    if (this.made.delete(id)) this.ledger.write({ event: 'removed-user', id, by: 'test' });
  }

  /** At every test's end, before the organizations; a removal that fails is noted, not thrown. */
  async removeAll(): Promise<void> {
    const refused: string[] = [];
    for (const [id, { organizationId, credential }] of this.made) {
      if (this.config.bundled) continue;
      const problem = await this.remove(id, organizationId, credential);
      if (problem instanceof WriteRefused) refused.push(problem.message);
      else if (problem) {
        test.info().annotations.push({
          type: 'leftover',
          description: `user ${id} of organization ${organizationId} was not removed (${problem}); npm run cleanup removes it`,
        });
      }
    }
    this.made.clear();
    if (refused.length > 0) throw new WriteRefused(refused.join('\n\n'));
  }

  private async remove(
    id: string,
    organizationId: string,
    credential: Credential,
  ): Promise<string | WriteRefused | undefined> {
    const row = endpoint(this.api.version, 'remove', 'users');
    try {
      const { response } = await this.api.send({
        method: row.method,
        path: pathFor(row, { org_id: organizationId, id }),
        ...credential,
      });
      if (response.status >= 300 && response.status !== 404) return `HTTP ${response.status}`;
      this.ledger.write({ event: 'removed-user', id, by: 'teardown' });
      return undefined;
    } catch (error) {
      if (error instanceof WriteRefused) return error;
      return (error as Error).message.split('\n')[0];
    }
  }
}

/** What a user create's or update's answer must carry: what was sent, in its organization. */
export function writtenUserFields(
  body: UserBody,
  organizationId: string,
): Record<string, FieldExpectation> {
  const fields: Record<string, FieldExpectation> = { organization_id: organizationId };
  if (body.email !== undefined) fields.email = body.email;
  // `role` is deprecated for role_ids (SDK-1.18): an answer may leave it out; one that
  // carries it carries the role sent.
  if (body.role !== undefined) fields.role = [body.role, undefined];
  return fields;
}
