import { appliesTo, ENDPOINTS, type Method } from './endpoints';
import {
  INVENTORIES,
  type InventoryOperation,
  inventoryFor,
  type VersionedInventory,
} from './inventory';
import type { SourceId } from './sources';

/**
 * Coverage: of the operations Polytomic's clients call in a version (its inventory,
 * contract/inventory/), which this harness judges. An operation is judged in a version when
 * a contract row of that version has its method and path (parameter names aside: `{orgId}`
 * and `{org_id}` are one route); every other one says why not. The contract rows no client
 * of the version calls are listed too, with why, rather than counted as coverage.
 */
export const NO_ROW_YET = 'no contract row yet';

/** What coverage reads of a contract row (contract/endpoint-row.ts EndpointRow). */
export interface CoverageRow {
  readonly resource: string;
  readonly operation: string;
  readonly method: Method;
  readonly path: string;
  readonly since?: string;
  readonly until?: string;
}

export interface OperationCoverage {
  readonly sdkMethod: string;
  readonly method: Method;
  readonly path: string;
  readonly judged: boolean;
  /** Why it is not judged; absent when it is. */
  readonly reason?: string;
}

export interface ResourceCoverage {
  /** The SDK's resource name (`bulkSync.executions`). */
  readonly resource: string;
  readonly documented: number;
  readonly judged: number;
  readonly operations: readonly OperationCoverage[];
}

/** A contract row of the version that no operation of its inventory calls. */
export interface RowInNoInventory {
  readonly resource: string;
  readonly operation: string;
  readonly method: Method;
  readonly path: string;
  readonly reason: string;
}

export interface VersionCoverage {
  readonly version: string;
  /** The inventory that documents the version, and where it was read from; null: none does. */
  readonly source: SourceId | null;
  readonly readFrom: string | null;
  readonly documented: number;
  readonly judged: number;
  readonly resources: readonly ResourceCoverage[];
  readonly rowsInNoInventory: readonly RowInNoInventory[];
}

/** A route as a router sees it: the method and the path with its parameters unnamed. */
export function route(method: string, path: string): string {
  return `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

const pathOnly = (path: string) => route('', path);

export function versionCoverage(
  version: string,
  rows: readonly CoverageRow[] = ENDPOINTS,
  inventories: readonly VersionedInventory[] = INVENTORIES,
): VersionCoverage {
  const inventory = inventoryFor(version, inventories);
  const operations = inventory?.operations ?? [];
  const own = rows.filter((row) => appliesTo(row, version));
  const judgedRoutes = new Set(own.map((row) => route(row.method, row.path)));
  const called = new Set(operations.map((operation) => route(operation.method, operation.path)));
  const resources = [...new Set(operations.map((operation) => operation.resource))].map(
    (resource) => {
      const ofResource = operations
        .filter((operation) => operation.resource === resource)
        .map((operation): OperationCoverage => {
          const { sdkMethod, method, path } = operation;
          if (judgedRoutes.has(route(method, path)))
            return { sdkMethod, method, path, judged: true };
          return { sdkMethod, method, path, judged: false, reason: whyNot(operation) };
        });
      return {
        resource,
        documented: ofResource.length,
        judged: ofResource.filter((operation) => operation.judged).length,
        operations: ofResource,
      };
    },
  );

  /** The most specific reason an operation the client calls has no row of this version. */
  function whyNot(operation: InventoryOperation): string {
    const otherMethod = own.find(
      (row) =>
        pathOnly(row.path) === pathOnly(operation.path) &&
        row.method !== operation.method &&
        !called.has(route(row.method, row.path)),
    );
    const elsewhere = rows.find(
      (row) => route(row.method, row.path) === route(operation.method, operation.path),
    );
    const range = elsewhere ? `the contract's row for it applies ${rangeText(elsewhere)}` : '';
    if (otherMethod) {
      const instead = `the contract has ${otherMethod.method}, not ${operation.method}, on this path in ${version} (${otherMethod.resource} ${otherMethod.operation})`;
      return range ? `${instead}; ${range}` : instead;
    }
    return range || NO_ROW_YET;
  }

  const rowsInNoInventory = own
    .filter((row) => !called.has(route(row.method, row.path)))
    .map(({ resource, operation, method, path }): RowInNoInventory => {
      const sameRoute = operations.filter(
        (candidate) => pathOnly(candidate.path) === pathOnly(path),
      );
      const reason = !inventory
        ? `no inventory documents ${version}`
        : sameRoute.length > 0
          ? `${inventory.source} calls this path with ${[...new Set(sameRoute.map((o) => o.method))].join(', ')}, not ${method}`
          : `no operation of ${inventory.source} (${inventory.readFrom}) calls it`;
      return { resource, operation, method, path, reason };
    });

  return {
    version,
    source: inventory?.source ?? null,
    readFrom: inventory?.readFrom ?? null,
    documented: operations.length,
    judged: resources.reduce((sum, resource) => sum + resource.judged, 0),
    resources,
    rowsInNoInventory,
  };
}

/** Coverage of each version, in the order given. */
export function coverage(
  versions: readonly string[],
  rows: readonly CoverageRow[] = ENDPOINTS,
  inventories: readonly VersionedInventory[] = INVENTORIES,
): VersionCoverage[] {
  return versions.map((version) => versionCoverage(version, rows, inventories));
}

function rangeText(row: CoverageRow): string {
  if (row.since && row.until) return `from ${row.since} to ${row.until} only`;
  if (row.since) return `since ${row.since} only`;
  return `until ${row.until} only`;
}
