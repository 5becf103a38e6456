import {
  type APIResponse,
  expect as baseExpect,
  type ExpectMatcherState,
  type MatcherReturnType,
} from '@playwright/test';
import type { SchemaName } from '../../contract/endpoints';
import type { Exchange } from '../http/exchange';
import { SCHEMA_NAMES } from '../schema/files';
import { formatSchemaErrors } from '../schema/format';
import { hasSchema, schemaVersions, validate } from '../schema/schemas';

export { formatSchemaErrors } from '../schema/format';

/**
 * `await expect(response).toMatchSchema('2025-09-18/organization.envelope')` — the body of an
 * Exchange or an APIResponse against one schema of the registry. On failure it lists every
 * violation with the offending value, then the status and the start of the body (the model is
 * Playwright's `toBeOK`, which appends the body).
 */

/** The matcher's schema reference: `<version>/<schema name>`. */
export function schemaRef(version: string, name: SchemaName): string {
  return `${version}/${name}`;
}

async function toMatchSchema(
  this: ExpectMatcherState,
  subject: Exchange | APIResponse,
  ref: string,
): Promise<MatcherReturnType> {
  const { version, name } = parseRef(ref);
  const { status, bodyText, json, parseError } = await readBody(subject);
  const hint = this.utils.matcherHint('toMatchSchema', undefined, JSON.stringify(ref), {
    isNot: this.isNot,
  });
  const result = (pass: boolean, text: string) => ({
    name: 'toMatchSchema',
    expected: ref,
    pass,
    message: () => `${hint}\n\n${text}`,
  });
  if (parseError !== undefined) {
    const reason = bodyText.length ? `is not JSON (${parseError})` : 'is empty';
    const text = `The response body ${reason}, so it cannot match ${ref}.`;
    return result(false, `${text}\n${formatSchemaErrors([], status, bodyText)}`);
  }
  const errors = validate(version, name, json);
  if (errors.length === 0) {
    const text = `Expected the body not to match ${ref}, but it does.`;
    return result(true, `${text}\n${formatSchemaErrors([], status, bodyText)}`);
  }
  const text = `The body does not match ${ref}.`;
  return result(false, `${text}\n${formatSchemaErrors(errors, status, bodyText)}`);
}

export const toMatchSchemaMatchers = { toMatchSchema };

export const expect = baseExpect.extend(toMatchSchemaMatchers);

// ---------------------------------------------------------------- helpers

function parseRef(ref: string): { version: string; name: SchemaName } {
  const slash = ref.indexOf('/');
  const version = ref.slice(0, slash);
  const name = ref.slice(slash + 1) as SchemaName;
  const known = SCHEMA_NAMES.some((hand) => hand === name) || name.startsWith('sdk/');
  if (slash < 0 || !known || !hasSchema(version, name)) {
    throw new Error(
      `toMatchSchema: unknown schema "${ref}"; expected "<version>/<name>" (see schemaRef) with ` +
        `a version of ${schemaVersions().join(', ')} and a name of ${SCHEMA_NAMES.join(', ')}.`,
    );
  }
  return { version, name };
}

interface Body {
  status: number;
  bodyText: string;
  json?: unknown;
  parseError?: string;
}

async function readBody(subject: Exchange | APIResponse): Promise<Body> {
  if (isApiResponse(subject)) return parse(subject.status(), await subject.text());
  if (isExchange(subject)) {
    const { status, bodyText, json } = subject.response;
    return json === undefined ? parse(status, bodyText) : { status, bodyText, json };
  }
  throw new Error('toMatchSchema: expected an Exchange or an APIResponse.');
}

function parse(status: number, bodyText: string): Body {
  try {
    return { status, bodyText, json: JSON.parse(bodyText) };
  } catch (error) {
    return { status, bodyText, parseError: (error as Error).message };
  }
}

function isApiResponse(subject: unknown): subject is APIResponse {
  const candidate = subject as Partial<APIResponse> | null;
  return typeof candidate?.text === 'function' && typeof candidate.status === 'function';
}

function isExchange(subject: unknown): subject is Exchange {
  const response = (subject as Partial<Exchange> | null)?.response;
  return typeof response?.status === 'number' && typeof response.bodyText === 'string';
}
