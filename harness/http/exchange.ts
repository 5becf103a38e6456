import type { Operation, Resource } from '../../contract/endpoints';
import { VERSION_HEADER } from '../../contract/versions';
import type { SendAs } from './auth';

/** One HTTP request and its response, as the checks see it. Header names are lower-case. */
export interface Exchange {
  readonly request: {
    readonly method: string;
    /** Path and query, e.g. `/api/organizations/…`. */
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: unknown;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly bodyText: string;
    /** The parsed body, or undefined when it is empty or not JSON. */
    readonly json: unknown;
  };
  /** The `X-Polytomic-Version` sent, or null when the request carried none. */
  readonly version: string | null;
  /** The auth mode used; 'none' and 'custom' for the 401 variants. */
  readonly mode: SendAs | 'none' | 'custom';
  /** The contract operation, when the request targets one. */
  readonly operation?: Operation;
  /** The resource the operation is of (Organizations unless set). */
  readonly resource?: Resource;
  readonly durationMs: number;
}

/**
 * The version a response says served it (X-Polytomic-Version), trimmed as a header value
 * is (RFC 9110 §5.5); undefined when it names none. The one reader of it.
 */
export function versionNamed(headers: Readonly<Record<string, string>>): string | undefined {
  return headers[VERSION_HEADER]?.trim();
}
