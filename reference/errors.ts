import { STATUS_CODES } from 'node:http';

/**
 * An error answer. Messages are written for the caller and never carry internal
 * detail or the credential (CONTRACT.md § Schemas, error body: decision (security)).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Machine-readable key, sent as `key` in 2025-09-18. */
    readonly key: string,
    /** Extra headers, e.g. `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const unauthorized = (why: string) =>
  new ApiError(401, `Unauthorized: ${why}.`, 'unauthorized');
export const forbidden = (why: string) => new ApiError(403, `Forbidden: ${why}.`, 'forbidden');
export const notFound = (what: string) => new ApiError(404, `${what} not found.`, 'not_found');
export const conflict = (why: string) => new ApiError(409, why, 'conflict');
export const invalid = (why: string) => new ApiError(422, why, 'validation_failed');
export const badRequest = (why: string) => new ApiError(400, why, 'bad_request');

type ErrorBody = Record<string, unknown>;

/** What every error says, whatever its version's shape. */
export interface ErrorFields {
  readonly status: number;
  readonly message: string;
  readonly key: string;
}

/**
 * The error body of each version (CONTRACT.md § Schemas, error body), newest first;
 * a version uses the first row it is not older than. The integer `status`, where
 * there is one, equals the HTTP status.
 */
const ERROR_SHAPES: readonly { since: string; render: (error: ErrorFields) => ErrorBody }[] = [
  {
    since: '2025-09-18',
    render: ({ message, status, key }) => ({ message, status, key }),
  },
  {
    since: '2024-02-08',
    render: ({ message, status }) => ({ message, status }),
  },
  {
    // 2022-12-12 and 2023-04-25: the older REST error (SDK type RestErrResponse).
    since: '',
    render: ({ message, status }) => ({
      error: message,
      status: STATUS_CODES[status] ?? 'Error',
      code: status,
      context: {},
    }),
  },
];

export function errorBody(version: string, error: ErrorFields): ErrorBody {
  const shape = ERROR_SHAPES.find((row) => version >= row.since) ?? ERROR_SHAPES[0];
  return shape ? shape.render(error) : { message: error.message };
}
