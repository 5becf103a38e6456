import { STATUS_CODES } from 'node:http';

/**
 * An error answer. Messages are written for the caller and never carry internal
 * detail or the credential (docs/CONTRACT.md § Schemas, error body: decision (security)).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Machine-readable key, sent as `key` in 2025-09-18. */
    readonly key: string,
    /** Extra headers, e.g. `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
    /** Sent as text/plain instead of this version's JSON error (the `plainText405` variation). */
    readonly plainText?: string,
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

type Render = (error: ErrorFields) => ErrorBody;

/** SDK-HEAD's ApiError. */
const apiError: Render = ({ message, status, key }) => ({ message, status, key });
/** The 2024-02-08 doc set's error: ApiError without its key. */
const messageError: Render = ({ message, status }) => ({ message, status });
/** SDK-1.18's RestErrResponse: {code?, context?, error?, status?: string}. */
const restErrResponse: Render = ({ message, status }) => ({
  error: message,
  status: STATUS_CODES[status] ?? 'Error',
  code: status,
  context: {},
});

/**
 * The error body of each version (docs/CONTRACT.md § Schemas, error bodies), newest
 * first; a version uses the first row it is not older than. `unauthorized` is its
 * 401 when that differs. The integer `status`, where there is one, equals the
 * HTTP status.
 */
const ERROR_SHAPES: readonly { since: string; render: Render; unauthorized?: Render }[] = [
  { since: '2025-09-18', render: apiError },
  // SDK-1.18 and GO-2024 type a 401 as RestErrResponse.
  { since: '2024-02-08', render: messageError, unauthorized: restErrResponse },
  // 2022-12-12 and 2023-04-25.
  { since: '', render: restErrResponse },
];

/** `messageShaped401`: the `apiError401In2024` variation, a 401 shaped as the version's other errors. */
export function errorBody(
  version: string,
  error: ErrorFields,
  messageShaped401 = false,
): ErrorBody {
  const shape = ERROR_SHAPES.find((row) => version >= row.since) ?? ERROR_SHAPES[0];
  if (!shape) return { message: error.message };
  const render = error.status === 401 && !messageShaped401 ? shape.unauthorized : undefined;
  return (render ?? shape.render)(error);
}
