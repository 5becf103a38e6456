import { randomBytes } from 'node:crypto';
import type { AuthMode } from '../contract/endpoints';
import { endpoint } from '../contract/endpoints';
import type { SendOptions } from './api';
import { type HarnessConfig, runPrefix } from './config';
import type { Conformance } from './conformance';
import type { Exchange } from './exchange-types';
import { createdId } from './requests';

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

/**
 * Organizations a test creates: named with the run prefix, and removed when the
 * test ends whatever happened. Only ids created here are ever removed.
 */
export class Organizations {
  /** Created ids and the credential that may remove each. */
  private readonly created = new Map<string, Pick<SendOptions, 'mode' | 'authorization'>>();

  constructor(
    private readonly api: Conformance,
    private readonly config: HarnessConfig,
  ) {}

  /** A fresh name carrying this run's prefix. */
  name(label = 'org'): string {
    return `${runPrefix(this.config.runId)}${label}-${randomBytes(4).toString('hex')}`;
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

  /** Sends a create as given (e.g. with an Idempotency-Key), judged as a valid create. */
  async createWith(request: SendOptions & { mode: AuthMode }): Promise<Exchange> {
    const row = endpoint(this.api.version, 'create');
    const exchange = await this.api.check(request, {
      rule: 'auth_accepted',
      statuses: row.success,
      why: `create by ${request.mode}`,
    });
    const id = createdId(exchange.response.json);
    if (id === undefined) {
      throw new Error(
        `The create returned no organization id (HTTP ${exchange.response.status}); the test cannot go on.`,
      );
    }
    this.track(id, request.mode);
    return exchange;
  }

  /** Records an id this run created by other means (an idempotent replay, a faulty duplicate). */
  track(id: string, mode: AuthMode = 'partner'): void {
    this.created.set(id, { mode });
  }

  /** Records an id created with a credential outside the modes (the second partner's key). */
  trackWith(id: string, authorization: string): void {
    this.created.set(id, { mode: 'custom', authorization });
  }

  /** The test removed it itself. */
  forget(id: string): void {
    this.created.delete(id);
  }

  async removeAll(): Promise<void> {
    for (const [id, credential] of this.created) {
      await this.api.send({ method: 'DELETE', path: `/api/organizations/${id}`, ...credential });
    }
    this.created.clear();
  }
}
