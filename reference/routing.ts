import { type EndpointRow, endpointsFor } from '../contract/endpoints';
import { ApiError, notFound } from './errors';
import type { Switches } from './render';

/**
 * The contract row a request is for, from contract/endpoints.ts (every resource: each
 * path belongs to one). A path the
 * version lacks (e.g. `/api/organization` before 2025-09-18) is 404; a method the
 * path lacks is 405 — including the other version's update method, which the
 * decision lets be 404 or 405, with any body (docs/CONTRACT.md § Organizations).
 */
export function routeRow(
  version: string,
  path: EndpointRow['path'],
  method: string,
  switches: Switches,
): EndpointRow {
  const rows = routedRows(version, path, switches);
  if (rows.length === 0) throw notFound('Route');
  // HEAD is a GET without the body.
  const wanted = method === 'HEAD' ? 'GET' : method;
  const row = rows.find((candidate) => candidate.method === wanted);
  if (row) return row;
  const update = rows.find((candidate) => candidate.operation === 'update');
  const otherUpdateMethod = update !== undefined && (method === 'PUT' || method === 'PATCH');
  if (otherUpdateMethod && switches.faults.has('wrongUpdateMethodRouted')) return update;
  const allow = rows.map((candidate) => candidate.method).join(', ');
  // A router's own answer, as a Go mux gives it: not from the API's error renderer.
  const plain = otherUpdateMethod && switches.variations.has('plainText405');
  return methodNotAllowed(method, path, allow, plain);
}

/** The rows of a path; the `userPutOnlyBefore2024` fault routes the users' update as PUT. */
function routedRows(version: string, path: EndpointRow['path'], switches: Switches): EndpointRow[] {
  const rows = endpointsFor(version).filter((row) => row.path === path);
  if (!switches.faults.has('userPutOnlyBefore2024')) return rows;
  return rows.map((row) =>
    row.resource === 'users' && row.operation === 'update' ? { ...row, method: 'PUT' } : row,
  );
}

function methodNotAllowed(method: string, path: string, allow: string, plain: boolean): never {
  throw new ApiError(
    405,
    `${method} is not allowed on ${path}; allowed: ${allow}.`,
    'method_not_allowed',
    { allow },
    plain ? 'Method Not Allowed' : undefined,
  );
}
