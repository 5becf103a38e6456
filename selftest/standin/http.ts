/** What a route answers, and the error it throws for an answer other than success. */
export interface Outcome {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A plain-text body (the router's 405). */
  readonly text?: string;
  /** An error's message: the body is the served version's error shape. */
  readonly error?: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
