import { SDK_HEADERS } from '../../contract/client-headers';
import type { Method, Operation, Resource } from '../../contract/endpoints';
import { DEFAULT_WORKERS, type HarnessConfig } from '../config/env';
import { issuedKeyOf, noteIssuedKey } from '../safety/issued-keys';
import { redact, registerSecret, secretValues } from '../safety/redact';
import { authorization, type SendAs } from './auth';
import type { Exchange } from './exchange';
import { Limiter, perWorkerLimit } from './limiter';
import { newRetryState, reportRetries, retryDelay, sleep } from './retry';
import { transportFailure } from './transport-errors';
import { sendOnWire, type WireResult } from './wire';

export interface SendOptions {
  readonly method: Method | string;
  /** Path and query, ids filled in. */
  readonly path: string;
  readonly operation?: Operation;
  /** The resource of the operation; Organizations unless set. */
  readonly resource?: Resource;
  /** Who it is sent as, 'none' for no Authorization header, 'custom' for `authorization` as given. */
  readonly mode: SendAs | 'none' | 'custom';
  readonly authorization?: string;
  /** The organization to act as, for mode 'actingAs'. */
  readonly actAs?: string;
  /** The X-Polytomic-Version to send; the project's version by default, null for none. */
  readonly version?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body, or a raw string sent as is. */
  readonly body?: unknown;
  readonly rawBody?: string;
  /** A deliberate write to an organization that existed before the run: sent only to the bundled server. */
  readonly preExistingOnBundled?: boolean;
}

/**
 * What the run decides around a request, handed in by whoever knows the run (the
 * worker fixture hands in the write guard, harness/judge/write-guard.ts): the client
 * itself knows the contract and the wire, not which ids are the run's.
 */
export interface ClientPolicies {
  /** Before anything is sent; throwing stops the request there, unsent. */
  readonly beforeSend?: (client: ApiClient, options: SendOptions) => Promise<void>;
  /** Once an answer came, before anything judges it. */
  readonly afterAnswer?: (options: SendOptions, status: number, json: unknown) => void;
}

/**
 * Sends one request and records it as an Exchange: plumbing only, no judgement (how an
 * exchange is shown is harness/report/exchange-text.ts).
 * Requests go through sendOnWire() (harness/http/wire.ts), the path the scripts use too,
 * not Playwright's request context: that one buffers a whole body before the
 * cap can be applied (a 500 MB body took a worker to 2 GB), and it keeps a
 * cookie jar, so a target's Set-Cookie rode along on the next request — the
 * requests without Authorization included, and from one auth mode to the next.
 */
export class ApiClient {
  private readonly limiter: Limiter;

  constructor(
    private readonly config: HarnessConfig,
    readonly version: string,
    private readonly policies: ClientPolicies = {},
  ) {
    this.limiter = new Limiter(
      perWorkerLimit(config.maxConcurrency, config.workers ?? DEFAULT_WORKERS),
    );
  }

  async send(options: SendOptions): Promise<Exchange> {
    await this.policies.beforeSend?.(this, options);
    const headers = this.headers(options);
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const started = performance.now();
    const what = `${options.method} ${options.path}`;
    const response = await this.fetch(what, {
      method: options.method,
      path: options.path,
      headers,
      body,
    });
    if (response.overCap) throw tooLarge(what, response.overCap);
    const bodyText = response.bodyText;
    const json = parseJson(bodyText);
    // An issued key is a secret before anything attaches, logs or judges this exchange.
    if (options.operation === 'issueKey') noteIssuedKey(issuedKeyOf(json));
    this.policies.afterAnswer?.(options, response.status, json);
    return {
      request: {
        method: options.method,
        path: options.path,
        headers,
        body: options.body ?? options.rawBody,
      },
      response: {
        status: response.status,
        headers: response.headers,
        bodyText,
        json,
      },
      version: headers['x-polytomic-version'] ?? null,
      mode: options.mode,
      operation: options.operation,
      resource: options.resource,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** A failure is one line of ours: never a message that could list the request's headers. */
  private async fetch(
    what: string,
    init: { method: string; path: string; headers: Record<string, string>; body?: string },
  ): Promise<WireResult> {
    const state = newRetryState();
    for (;;) {
      let response: WireResult;
      try {
        response = await this.limiter.run(() => sendOnWire(this.config, init));
      } catch (error) {
        throw transportFailure(what, error, this.config);
      }
      const delay = retryDelay(
        response.status,
        response.headers['retry-after'],
        state,
        this.config,
      );
      if (delay === undefined) {
        await reportRetries(what, state);
        return response;
      }
      await sleep(delay);
    }
  }

  private headers(options: SendOptions): Record<string, string> {
    const headers: Record<string, string> = { ...SDK_HEADERS, accept: 'application/json' };
    const version = options.version === undefined ? this.version : options.version;
    if (version !== null) headers['x-polytomic-version'] = version;
    if (options.mode === 'custom') {
      if (options.authorization !== undefined) headers.authorization = options.authorization;
    } else if (options.mode !== 'none') {
      headers.authorization = authorization(options.mode, this.config.keys, options.actAs);
    }
    for (const [name, value] of Object.entries(options.headers ?? {}))
      headers[name.toLowerCase()] = value;
    if (headers.authorization) registerSecret(headers.authorization.replace(/^\S+\s+/, ''));
    return headers;
  }
}

/** Over POLYTOMIC_MAX_BODY_BYTES the body is not decoded, parsed or judged. */
function tooLarge(what: string, overCap: string): Error {
  const failure = new Error(redact(`${what}: ${overCap}; it was not judged.`));
  Error.captureStackTrace(failure, tooLarge);
  return failure;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The secrets a response must not echo: every registered value. */
export function exchangeSecrets(): readonly string[] {
  return secretValues();
}
