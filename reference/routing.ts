import { type EndpointRow, endpointsFor } from '../contract/endpoints';
import { ApiError, notFound } from './errors';
import type { FaultName } from './faults';

/**
 * The contract row a request is for, from contract/endpoints.ts. A path the
 * version lacks (e.g. `/api/organization` before 2025-09-18) is 404; a method the
 * path lacks is 405 — including the other version's update method, which the
 * decision lets be 404 or 405 (CONTRACT.md § Endpoints).
 */
export function routeRow(
  version: string,
  path: EndpointRow['path'],
  method: string,
  faults: ReadonlySet<FaultName>,
): EndpointRow {
  const rows = endpointsFor(version).filter((row) => row.path === path);
  if (rows.length === 0) throw notFound('Route');
  // HEAD is a GET without the body.
  const wanted = method === 'HEAD' ? 'GET' : method;
  const row = rows.find((candidate) => candidate.method === wanted);
  if (row) return row;
  const update = rows.find((candidate) => candidate.operation === 'update');
  if (update && faults.has('wrongUpdateMethodRouted') && (method === 'PUT' || method === 'PATCH')) {
    return update;
  }
  const allow = rows.map((candidate) => candidate.method).join(', ');
  return methodNotAllowed(method, path, allow);
}

function methodNotAllowed(method: string, path: string, allow: string): never {
  throw new ApiError(
    405,
    `${method} is not allowed on ${path}; allowed: ${allow}.`,
    'method_not_allowed',
    {
      allow,
    },
  );
}
