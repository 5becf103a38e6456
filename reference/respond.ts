import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { ERROR_MESSAGE_EXPECTED_SINCE } from '../contract/decisions';
import { type ApiError, errorBody } from './errors';
import { requestId, reverseKeys, type Switches } from './render';

/**
 * Sends a JSON body. Content-Type is plain `application/json` by default (a Buffer
 * keeps fastify from adding a charset); docs/CONTRACT.md § Schemas allows either.
 */
export function sendJson(reply: FastifyReply, status: number, body: unknown, switches: Switches) {
  const { faults, variations } = switches;
  const text = JSON.stringify(variations.has('keyOrder') ? reverseKeys(body) : body);
  const type = faults.has('nonJsonContentType')
    ? 'text/plain'
    : variations.has('charset')
      ? 'application/json; charset=utf-8'
      : 'application/json';
  return reply.code(status).type(type).send(Buffer.from(text));
}

const GO_PANIC = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '',
  'goroutine 1 [running]:',
  'main.(*Server).handleOrganization(0xc000010000)',
  '\t/app/server.go:123 +0x1d',
].join('\n');

export interface ErrorContext {
  /** The version whose error shape applies (docs/CONTRACT.md § Schemas, error body). */
  readonly version: string;
  /** The Authorization header received; only the `credentialInErrors` fault uses it. */
  readonly authorization: string | undefined;
}

/** Sends an error in the shape of its version, with the error-body faults applied. */
export function sendError(
  reply: FastifyReply,
  error: ApiError,
  context: ErrorContext,
  switches: Switches,
) {
  const { faults, variations } = switches;
  const status = error.status === 401 && faults.has('unauthorizedAs403') ? 403 : error.status;
  let message = error.message;
  if (faults.has('credentialInErrors') && error.status === 401) {
    message = `${message} Received: ${context.authorization ?? '(none)'}`;
  }
  if (faults.has('stackTraceInErrors')) message = `${message}\n${GO_PANIC}`;
  const body = errorBody(
    context.version,
    { status, message, key: error.key },
    variations.has('apiError401In2024'),
  );
  if (faults.has('errorStatusMismatch')) body.status = 500;
  // Where the message is only expected (error_message); earlier shapes carry theirs or `error`.
  if (faults.has('errorMessageMissing') && context.version >= ERROR_MESSAGE_EXPECTED_SINCE)
    delete body.message;
  if (variations.has('extraFields')) body.request_id = requestId();

  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  if (error.plainText !== undefined) {
    return reply.code(status).type('text/plain').send(error.plainText);
  }
  if (faults.has('htmlErrors')) {
    const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
    return reply.code(status).type('text/html').send(`<html><body><h1>${title}</h1></body></html>`);
  }
  if (faults.has('emptyErrorBody')) return reply.code(status).send();
  return sendJson(reply, status, body, switches);
}
