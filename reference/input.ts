import { invalid } from './errors';
import type { FaultName } from './faults';
import type { OrganizationInput } from './store';

/** A create or update body; `name` is missing only under the `missingNameAccepted` fault. */
export type ParsedInput = Omit<OrganizationInput, 'name'> & { readonly name?: string };

const OPTIONAL_FIELDS = [
  'issuer',
  'sso_domain',
  'sso_org_id',
  'client_id',
  'client_secret',
] as const;

/**
 * Checks a create or update body (CONTRACT.md § Endpoints): `name` a non-empty
 * string, else 422; the optional fields strings when present. `null` and `""`
 * mean absent, as a Go server reading into plain strings would treat them.
 */
export function parseOrganizationInput(body: unknown, faults: ReadonlySet<FaultName>): ParsedInput {
  const fields: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
  const input: Record<string, string> = {};
  for (const field of OPTIONAL_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw invalid(`${field} must be a string.`);
    input[field] = value;
  }
  const { name } = fields;
  if (typeof name === 'string' && name.trim() !== '') return { ...input, name };
  if (faults.has('missingNameAccepted')) return input;
  throw invalid('name is required and must be a non-empty string.');
}
