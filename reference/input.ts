import { badRequest, invalid } from './errors';
import type { Switches } from './render';
import type { OrganizationInput } from './store';

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
 * Checks a create or update body (docs/CONTRACT.md § 401, 403, 404 and § Organizations):
 * `name` a non-empty string, else 422; the optional fields strings when present.
 * `null` and `""` mean absent, as a Go server reading into plain strings would
 * treat them.
 */
export function parseOrganizationInput(body: unknown, switches: Switches): ParsedInput {
  const fields = fieldsOf(body);
  const input: Record<string, string> = {};
  for (const field of OPTIONAL_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw invalid(`${field} must be a string.`);
    input[field] = value;
  }
  const { name } = fields;
  if (typeof name === 'string' && name.trim() !== '') return { ...input, name };
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

function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
}
