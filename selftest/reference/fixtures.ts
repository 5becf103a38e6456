import { randomUUID } from 'node:crypto';
import { type APIRequestContext, test as base, expect, request } from '@playwright/test';
import { REFERENCE_KEYS } from '../../contract/reference';
import {
  type ReferenceOptions,
  type ReferenceServer,
  startReferenceServer,
} from '../../reference/server';
import { CURRENT_VERSION } from '../../reference/versioning';

export { expect };

export const KEYS = REFERENCE_KEYS;

export const bearer = (token: string) => `Bearer ${token}`;
export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The Authorization header of each auth mode (docs/CONTRACT.md § Auth modes). */
export const AUTH = {
  partner: bearer(KEYS.partnerKey),
  otherPartner: bearer(KEYS.otherPartnerKey),
  apiKey: bearer(KEYS.apiKey),
  deployment: basic(KEYS.deploymentKey, ''),
  actingAs: (organizationId: string, key: string = KEYS.partnerKey) => basic(organizationId, key),
} as const;

export interface CallOptions {
  /** null sends no X-Polytomic-Version; default: the current version. */
  version?: string | null;
  /** null sends no Authorization; default: partner A. */
  auth?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with Content-Type application/json unless headers say otherwise. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** An organization as the server rendered it. */
export interface Organization {
  id: string;
  name: string;
  [field: string]: unknown;
}

export interface Reply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Names as sent on the wire. */
  headerNames: string[];
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests index into bodies freely and assert their shape
  json: any;
}

/** A thin client for one reference server: every call returns status, headers and body. */
export class Client {
  constructor(
    readonly server: ReferenceServer,
    private readonly context: APIRequestContext,
  ) {}

  get seed() {
    return this.server.seed;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    const version = options.version === undefined ? CURRENT_VERSION : options.version;
    const auth = options.auth === undefined ? AUTH.partner : options.auth;
    if (version !== null) headers['X-Polytomic-Version'] = version;
    if (auth !== null) headers.Authorization = auth;
    let data: Buffer | undefined;
    if (options.body !== undefined || options.raw !== undefined) {
      headers['Content-Type'] = 'application/json';
      // A Buffer: Playwright would JSON-encode a string sent as application/json again.
      data = Buffer.from(options.raw ?? JSON.stringify(options.body));
    }
    const response = await this.context.fetch(`${this.server.url}${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      data,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: response.status(),
      headers: response.headers(),
      headerNames: response.headersArray().map((header) => header.name),
      text,
      json,
    };
  }

  /** Creates an organization with a unique name; fails the test unless it is 200. */
  async create(options: CallOptions & { name?: string } = {}): Promise<Organization> {
    const name = options.name ?? uniqueName();
    const reply = await this.call('POST', '/api/organizations', { body: { name }, ...options });
    expect(reply.status, reply.text).toBe(200);
    return reply.json.data;
  }
}

export function uniqueName(prefix = 'selftest'): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

/** Starts a server with these options for the length of `body`. */
export async function withServer<T>(
  options: ReferenceOptions,
  body: (client: Client) => Promise<T>,
): Promise<T> {
  const server = await startReferenceServer({ port: 0, ...options });
  const context = await request.newContext();
  try {
    return await body(new Client(server, context));
  } finally {
    await context.dispose();
    await server.close();
  }
}

/**
 * `api`: a client of a clean server shared by the worker. Tests on it create
 * their own organizations and never change the seed; tests that must change
 * the seed start their own server with `withServer`.
 */
export const test = base.extend<{ api: Client }, { reference: ReferenceServer }>({
  reference: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructured first argument
    async ({}, use) => {
      const server = await startReferenceServer({ port: 0 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  api: async ({ reference }, use) => {
    const context = await request.newContext();
    await use(new Client(reference, context));
    await context.dispose();
  },
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
