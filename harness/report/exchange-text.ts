import type { Exchange } from '../http/exchange';
import { redact, redactHeaders } from '../secrets/redact';
import { truncate } from '../text/truncate';
import { attachText } from './attach';

/**
 * An exchange as HTTP-like text for people: the report's attachment and the example a
 * failure shows. Every secret is masked; long bodies are cut (the checks see them whole).
 */

/** Bodies larger than this are cut in attachments. */
const ATTACHMENT_LIMIT = 64 * 1024;

function cut(text: string): string {
  return truncate(text, ATTACHMENT_LIMIT, true);
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(redactHeaders(headers))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function bodyForDisplay(body: unknown): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

/** The exchange as HTTP-like text, every secret masked. */
export function describeRequest(exchange: Exchange): string {
  const { method, path, headers, body } = exchange.request;
  // Redact before cutting: a key cut in half would no longer match its value.
  return redact(
    `${method} ${path}\n${headerLines(headers)}\n\n${cut(redact(bodyForDisplay(body)))}`,
  );
}

export function describeResponse(exchange: Exchange): string {
  const { status, headers, bodyText, json } = exchange.response;
  const shown = json === undefined ? bodyText : JSON.stringify(json, null, 2);
  return redact(
    `HTTP ${status} (${exchange.durationMs} ms)\n${headerLines(headers)}\n\n${cut(redact(shown))}`,
  );
}

/**
 * Attach an exchange to its step of the report: request, a blank line, then the response,
 * as one text (one attachment per exchange, and no step of its own: harness/report/attach.ts).
 */
export function attachExchange(exchange: Exchange): void {
  attachText(
    'request and response',
    `${describeRequest(exchange)}\n\n${describeResponse(exchange)}`,
  );
}
