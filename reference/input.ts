import { badRequest, invalid } from './errors';
import type { Switches } from './render';
import { type BodyError, bodyErrors, type RequestSchemaName } from './request-schemas';
import type { OrganizationInput, UserInput } from './store';

/** A create or update body; `name` is missing only under the `missingNameAccepted` fault. */
export type ParsedInput = Omit<OrganizationInput, 'name'> & { readonly name?: string };

export const OPTIONAL_FIELDS = [
  'issuer',
  'sso_domain',
  'sso_org_id',
  'client_id',
  'client_secret',
] as const;

export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/**
 * Checks an organization's create or update body against the version's request schema
 * (docs/CONTRACT.md § 401, 403, 404 and § Organizations): an optional field of the wrong
 * type is 422; then `name`, a non-empty string, else 422. `null` and `""` mean absent, as
 * a Go server reading into plain strings would treat them. A blank name (`" "`), which
 * the schema lets through, is refused too: a server may refuse more than a client's
 * schema, and the reference stores no blank names.
 */
export function parseOrganizationInput(
  body: unknown,
  switches: Switches,
  version: string,
  schema: RequestSchemaName,
): ParsedInput {
  const errors = bodyErrors(version, schema, body);
  const wrongField = errors.find((error) => error.field !== undefined && error.field !== 'name');
  if (wrongField) throw invalid(`${wrongField.field} must be a string.`);
  const fields = fieldsOf(body);
  const input: Record<string, string> = {};
  for (const field of OPTIONAL_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && value !== '') input[field] = value;
  }
  const { name } = fields;
  const nameValid = !errors.some((error) => error.field === 'name' || error.field === undefined);
  if (nameValid && typeof name === 'string' && name.trim() !== '') return { ...input, name };
  if (switches.faults.has('missingNameAccepted')) return input;
  // decision: a non-string name is 400 or 422; a missing one is 422 (declared).
  if (switches.variations.has('nameTypeAs400') && 'name' in fields && typeof name !== 'string') {
    throw badRequest('name must be a string.');
  }
  throw invalid('name is required and must be a non-empty string.');
}

/** The optional fields a body leaves out altogether (`null` and `""` are sent, to clear). */
export function omittedFields(body: unknown): OptionalField[] {
  const fields = fieldsOf(body);
  return OPTIONAL_FIELDS.filter((field) => !Object.hasOwn(fields, field));
}

/**
 * Checks a user's create or update body against the version's request schema
 * (docs/CONTRACT.md § Users and their API keys): `email` required; from 2024-02-08 `role`
 * or `role_ids`, not both, and `role_ids` with at least one entry. Everything wrong is 422.
 * A field the version's schema does not know (`role_ids` before 2024-02-08) is ignored.
 */
export function parseUserInput(
  body: unknown,
  switches: Switches,
  version: string,
  schema: RequestSchemaName,
): UserInput {
  const { faults } = switches;
  const tolerated = (error: BodyError) =>
    (faults.has('missingEmailAccepted') && error.field === 'email') ||
    (faults.has('roleAndRoleIdsAccepted') && error.keyword === 'not') ||
    (faults.has('emptyRoleIdsAccepted') && error.keyword === 'minItems');
  const refused = bodyErrors(version, schema, body).find((error) => !tolerated(error));
  if (refused) throw invalid(userMessage(refused));
  const fields = fieldsOf(body);
  const input: { email?: string; role?: string; role_ids?: readonly string[] } = {};
  if (typeof fields.email === 'string') input.email = fields.email;
  if (typeof fields.role === 'string') input.role = fields.role;
  if (version >= ROLE_IDS_SINCE && Array.isArray(fields.role_ids)) {
    input.role_ids = fields.role_ids.filter((id): id is string => typeof id === 'string');
  }
  return input;
}

/** SDK-1.18 (the 2024-02-08 doc set) adds `role_ids`; the request schemas say the same. */
export const ROLE_IDS_SINCE = '2024-02-08';

function userMessage(error: BodyError): string {
  if (error.keyword === 'not') return 'Give role or role_ids, not both.';
  if (error.field === 'email') return 'email is required and must be a non-empty string.';
  if (error.keyword === 'minItems') return 'role_ids must contain at least one entry.';
  return `${error.field ?? 'The body'} ${error.message}.`;
}

function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
}
