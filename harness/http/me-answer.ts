import { redact } from '../secrets/redact';

/**
 * What a wrong answer to `GET /api/me` means, in one sentence for people: the
 * status, the content type, and a redirect's Location. Key advice only for 401
 * and 403 — a redirect, an HTML page or a 5xx says the URL or the server is
 * the problem, and telling a partner to swap keys then sends them the wrong way.
 */
export interface MeAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MeContext {
  /** POLYTOMIC_DEPLOYMENT_URL as configured. */
  readonly targetUrl: string;
  /** The key variable the request used; none for a request without a key. */
  readonly variable?: string;
}

/** Undefined for an answer the suite can judge; otherwise why the target cannot be used as it is. */
export function meProblem(answer: MeAnswer, context: MeContext): string | undefined {
  const { status } = answer;
  const type = contentType(answer);
  const got = `GET /api/me answered ${status}${type ? ` (${type})` : ''}`;
  if (status >= 300 && status < 400) {
    const location = answer.headers.location;
    const where = location
      ? ` with Location: ${redact(location.slice(0, 300))}`
      : ' with no Location';
    const scheme =
      location?.startsWith('https:') && context.targetUrl.startsWith('http:')
        ? ' (it sends http to https: use the https URL)'
        : '';
    return `${got}${where}${scheme}; redirects are not followed, so set POLYTOMIC_DEPLOYMENT_URL to the API's own base URL.`;
  }
  // A 503 with Retry-After is busy, not broken: the suite waits it out (harness/http/retry.ts).
  if (status >= 500 && !(status === 503 && answer.headers['retry-after'] !== undefined))
    return `${got}: the deployment (or a proxy in front of it) failed on a plain request — a server problem, not a key problem; check the deployment and run again.`;
  if ((status === 401 || status === 403) && context.variable)
    return `${got}: the target refused the key; set ${context.variable} to a key of its kind (npm run doctor shows what each key is).`;
  const html = type !== undefined && !/json/i.test(type);
  // Other statuses (400, 401 without a key, …) are the suite's to judge.
  if (status !== 404 && !(html && status < 300)) return undefined;
  const what = html ? `${got}, not the API's JSON` : `${got}: no such route`;
  return `${what} — ${context.targetUrl} (POLYTOMIC_DEPLOYMENT_URL) does not look like the Polytomic API's base URL; check the host, and that it has no path such as /api.`;
}

function contentType(answer: MeAnswer): string | undefined {
  const value = answer.headers['content-type'];
  return value ? redact(value.split(';')[0]?.trim().slice(0, 100) ?? '') : undefined;
}
