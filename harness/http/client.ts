import { SDK_HEADERS } from '../../contract/client-headers';
import type { Method, Operation, Resource } from '../../contract/endpoints';
import { CURRENT_VERSION, VERSION_HEADER } from '../../contract/versions';
import { DEFAULT_WORKERS, type HarnessConfig } from '../config/env';
import { issuedKeyOf, noteIssuedKey } from '../safety/issued-keys';
import { redact, registerSecret, secretValues } from '../secrets/redact';
import { authorization, type SendAs } from './auth';
import type { Exchange } from './exchange';
import { Limiter, perWorkerLimit } from './limiter';
import { newRetryState, reportRetries, retryDelay, sleep } from './retry';
import { transportFailure } from './transport-errors';
import { sendOnWire, type WireRequest, type WireResult } from './wire';

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
  /** A deadline of its own, shorter than POLYTOMIC_TIMEOUT_MS (a command's first look). */
  readonly timeoutMs?: number;
  /** Connect even when the certificate does not verify, to say why (the doctor); sent with no credential. */
  readonly tolerateTls?: boolean;
}

/** A command's request and its answer as the wire had it: the TLS facts, the time, the cap. */
export interface Answered {
  readonly exchange: Exchange;
  readonly wire: WireResult;
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
  /** Wait out a 429/503 with Retry-After and send again (harness/http/retry.ts); on unless false. */
  readonly retry?: boolean;
}

/**
 * Sends one request and records it as an Exchange: plumbing only, no judgement (how an
 * exchange is shown is harness/report/exchange-text.ts).
 * Requests go through sendOnWire() (harness/http/wire.ts, on undici), the only wire,
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

  /**
   * One request as the contract names it (mode, version, path), its answer as it came:
   * what the commands send (doctor, cleanup, reachability, verify's probe). A request that
   * got no answer throws the wire's WireError, which says how far it got; a body over the
   * cap comes back cut, with `overCap` saying so.
   */
  async answer(options: SendOptions): Promise<Answered> {
    await this.policies.beforeSend?.(this, options);
    return this.answered(options);
  }

  private async answered(options: SendOptions): Promise<Answered> {
    const headers = this.headers(options);
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const started = performance.now();
    const response = await this.fetch({
      method: options.method,
      path: options.path,
      headers,
      body,
      timeoutMs: options.timeoutMs,
      tolerateTls: options.tolerateTls,
    });
    const json = response.overCap ? undefined : parseJson(response.bodyText);
    return {
      exchange: {
        request: {
          method: options.method,
          path: options.path,
          headers,
          body: options.body ?? options.rawBody,
        },
        response: {
          status: response.status,
          headers: response.headers,
          bodyText: response.bodyText,
          json,
        },
        version: headers[VERSION_HEADER] ?? null,
        mode: options.mode,
        operation: options.operation,
        resource: options.resource,
        durationMs: Math.round(performance.now() - started),
      },
      wire: response,
    };
  }

  /** One request of the suite, as an Exchange to judge; a failure is one line of ours. */
  async send(options: SendOptions): Promise<Exchange> {
    await this.policies.beforeSend?.(this, options);
    const what = `${options.method} ${options.path}`;
    let answered: Answered;
    try {
      answered = await this.answered(options);
    } catch (error) {
      // Never a message that could list the request's headers.
      throw transportFailure(what, error, this.config);
    }
    const { exchange, wire } = answered;
    if (wire.overCap) throw tooLarge(what, wire.overCap);
    // An issued key is a secret before anything attaches, logs or judges this exchange.
    if (options.operation === 'issueKey') noteIssuedKey(issuedKeyOf(exchange.response.json));
    this.policies.afterAnswer?.(options, exchange.response.status, exchange.response.json);
    return exchange;
  }

  private async fetch(init: WireRequest): Promise<WireResult> {
    const state = newRetryState();
    const what = `${init.method} ${init.path}`;
    for (;;) {
      const response = await this.limiter.run(() => sendOnWire(this.config, init));
      if (this.policies.retry === false) return response;
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
    if (version !== null) headers[VERSION_HEADER] = version;
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

/**
 * The version a command speaks (doctor, cleanup, reachability, verify's probe when it names
 * one), one rule for all: the newest version the run is configured for, else the current.
 */
export function commandVersion(config: Pick<HarnessConfig, 'versions'>): string {
  return config.versions.at(-1) ?? CURRENT_VERSION;
}

/**
 * The client a command sends through: the suite's client, at commandVersion(), sending each
 * request once: a command tells what the target answered, a busy answer too.
 */
export function commandClient(config: HarnessConfig): ApiClient {
  return new ApiClient(config, commandVersion(config), { retry: false });
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
