import { randomBytes } from 'node:crypto';
import {
  type AuthMode,
  type EndpointRow,
  endpoint,
  type Operation,
  type Resource,
} from '../../contract/endpoints';
import { type ScopedResource, scopedBody, scopedResource } from '../../contract/resources/scoped';
import type { Expectation, FieldExpectation } from '../checks/types';
import { bearer } from '../http/auth';
import type { SendOptions } from '../http/client';
import type { Exchange } from '../http/exchange';
import { createdId, pathFor, randomId } from '../http/requests';
import type { JudgedApi } from '../judge/judged-api';
import { claimScopedItem } from '../judge/write-guard';
import { registerSecret } from '../secrets/redact';
import type { ResourceAdapter, ResourceFixtures, Subject } from './adapter';
import type { Users } from './users';

/** Counts the bodies this worker drew; with its process id, unique within the run. */
let drawn = 0;

function drawNumber(): string {
  drawn += 1;
  return `${process.pid}${String(drawn).padStart(4, '0')}`;
}

/** A credential of an organization this run made: acting as it, or an API key the run issued in it. */
export type ScopedMode = Extract<AuthMode, 'apiKey' | 'actingAs'>;

export interface MadeItem {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly exchange: Exchange;
}

/**
 * Webhooks, roles and policies (contract/resources/scoped.ts) in an organization this run
 * made, through that organization's own credential: nothing is read or written in a
 * customer's organization. The items go with the organization at the test's end.
 */
export class ScopedItems {
  private readonly keys = new Map<string, Promise<string>>();

  constructor(
    private readonly api: JudgedApi,
    private readonly users: Users,
  ) {}

  /** The resource's description; throws for a resource of another shape. */
  describe(resource: Resource): ScopedResource {
    const description = scopedResource(resource);
    if (!description) throw new Error(`${resource} is not a resource of an organization`);
    return description;
  }

  /** This test's organization, made by the run (once per test). */
  organization(): Promise<string> {
    return this.users.organization();
  }

  /** How a request is sent as the organization: acted as, or with an API key issued in it. */
  async credential(mode: ScopedMode, organizationId: string): Promise<Subject['send']> {
    if (mode === 'actingAs') return { actAs: organizationId };
    let key = this.keys.get(organizationId);
    if (!key) {
      key = this.users.apiKeyIn(organizationId);
      this.keys.set(organizationId, key);
    }
    return { headers: { authorization: bearer(await key) } };
  }

  /** A create body of the resource, `{n}` drawn fresh, and each secret field a fresh secret. */
  body(
    description: ScopedResource,
    which: 'create' | 'update' = 'create',
  ): Record<string, unknown> {
    const body = scopedBody(description[which], drawNumber());
    for (const field of description.secrets ?? []) {
      const secret = randomBytes(24).toString('base64url');
      registerSecret(secret);
      body[field] = secret;
    }
    return body;
  }

  /** The body without the field every create and update must carry. */
  refusable(
    description: ScopedResource,
    which: 'create' | 'update' = 'create',
  ): Record<string, unknown> {
    const { [description.required]: _left, ...rest } = this.body(description, which);
    return rest;
  }

  /** A request to one of the resource's operations, as the organization. */
  async request(
    resource: Resource,
    operation: Operation,
    mode: ScopedMode,
    organizationId: string,
    options: { id?: string; body?: unknown } = {},
  ): Promise<SendOptions> {
    const row = endpoint(this.api.version, operation, resource);
    const send = await this.credential(mode, organizationId);
    return {
      method: row.method,
      path: options.id === undefined ? row.path : pathFor(row, { id: options.id }),
      operation,
      resource,
      mode,
      actAs: send?.actAs,
      headers: send?.headers,
      body: options.body,
    };
  }

  /** Creates an item, judged as a create (scoped_lifecycle: the answer carries what was sent). */
  async create(resource: Resource, mode: ScopedMode, organizationId: string): Promise<MadeItem> {
    const description = this.describe(resource);
    const body = this.body(description);
    const row = endpoint(this.api.version, 'create', resource);
    const exchange = await this.api.check(
      await this.request(resource, 'create', mode, organizationId, { body }),
      {
        rule: 'scoped_lifecycle',
        statuses: row.success,
        why: `create of a ${description.noun} by ${mode}`,
        fields: writtenFields(description, body, organizationId),
      },
    );
    const id = this.taken(exchange, organizationId);
    if (id === undefined)
      this.api.cannotGoOn(exchange, `The ${description.noun} create returned no id`);
    return { id, body, exchange };
  }

  /** Takes a create's answer as this run's item; its id, or undefined when none was made. */
  taken(exchange: Exchange, organizationId: string): string | undefined {
    const id = exchange.response.status < 300 ? createdId(exchange.response.json) : undefined;
    if (id !== undefined) claimScopedItem(organizationId, id);
    return id;
  }
}

/** What a create's or update's answer, and a read after it, must carry of the body sent. */
export function writtenFields(
  description: ScopedResource,
  body: Readonly<Record<string, unknown>>,
  organizationId: string,
): Record<string, FieldExpectation> {
  const fields: Record<string, FieldExpectation> = { organization_id: organizationId };
  for (const field of description.readBack) fields[field] = body[field] as FieldExpectation;
  return fields;
}

/**
 * The generic suites' view of a resource of an organization: every call is as an
 * organization this run made, with a fresh item where the operation needs one.
 */
export function scopedAdapter({ api, users }: ResourceFixtures): ResourceAdapter {
  const items = new ScopedItems(api, users);
  return {
    needsWrites: () => true,

    async subject(row: EndpointRow, mode: AuthMode): Promise<Subject> {
      const description = items.describe(row.resource);
      const organizationId = await items.organization();
      const scopedMode = mode === 'apiKey' ? 'apiKey' : 'actingAs';
      const send = await items.credential(scopedMode, organizationId);
      const expect = (expectation: Partial<Expectation>): Partial<Expectation> => ({
        rule: 'scoped_lifecycle',
        ...expectation,
      });
      if (row.operation === 'list') {
        const made = await items.create(row.resource, scopedMode, organizationId);
        return { path: row.path, send, expectation: expect({ listIncludes: [made.id] }) };
      }
      if (row.operation === 'create') {
        const body = items.body(description);
        return {
          path: row.path,
          body,
          send,
          expectation: expect({ fields: writtenFields(description, body, organizationId) }),
          after: (exchange) => {
            items.taken(exchange, organizationId);
          },
        };
      }
      const made = await items.create(row.resource, scopedMode, organizationId);
      const path = pathFor(row, { id: made.id });
      const action = description.actions?.find(
        (candidate) => candidate.operation === row.operation,
      );
      if (action)
        return { path, send, expectation: expect({ fields: { id: made.id, ...action.sets } }) };
      if (row.operation === 'update') {
        const body = items.body(description, 'update');
        return {
          path,
          body,
          send,
          expectation: expect({
            fields: { id: made.id, ...writtenFields(description, body, organizationId) },
          }),
        };
      }
      if (row.operation === 'get')
        return {
          path,
          send,
          expectation: expect({
            fields: { id: made.id, ...writtenFields(description, made.body, organizationId) },
          }),
        };
      return { path, send };
    },

    // Only a request without a credential, or with a wrong one, is sent here (the
    // partner-level modes are never sent: contract/resources/scoped.ts): a made-up id, and
    // a body without its required field, so a target that ignores auth still makes nothing.
    authSubject(row: EndpointRow): Subject {
      const description = items.describe(row.resource);
      return {
        path: row.path.includes('{id}') ? pathFor(row, { id: randomId() }) : row.path,
        body: row.hasBody ? items.refusable(description) : undefined,
      };
    },
  };
}
