import {
  type EndpointRow,
  endpointsFor,
  label,
  type Operation,
  RESOURCES,
  type Resource,
} from '../../../contract/endpoints';
import { diffFiles, type SchemaChange } from './schema-diff';
import { readVersion } from './schema-shape';

/**
 * Request bodies between two versions, operation by operation: each endpoint row names the
 * schema of what a client sends (`requestSchema`), and the old row's schema is compared with
 * the new row's, whatever the files are called or wherever the endpoint moved. Clients write
 * requests, so a change is breaking when a request the old version accepted may be refused
 * (schema-diff.ts BREAKING, `request` column).
 */
export interface RequestBody {
  readonly resource: Resource;
  readonly operation: Operation;
  /** `METHOD /path` in the old version and the new one (one when it did not move). */
  readonly endpoints: readonly string[];
  /** The schema files compared, old then new (one when the same). */
  readonly schemas: readonly string[];
  readonly changes: readonly SchemaChange[];
}

export interface RequestComparison {
  /** Every operation with a request body in either version, resources in contract order. */
  readonly bodies: readonly RequestBody[];
  /** `*.request.json` files no row of either version names: not compared, and said so. */
  readonly unnamed: readonly string[];
}

export function compareRequestBodies(
  root: string,
  oldVersion: string,
  newVersion: string,
): RequestComparison {
  const before = readVersion(root, oldVersion);
  const after = readVersion(root, newVersion);
  const oldRows = withBody(oldVersion);
  const newRows = withBody(newVersion);
  const bodies: RequestBody[] = [];
  for (const resource of RESOURCES) {
    const operations = new Set(
      [...oldRows, ...newRows].filter((r) => r.resource === resource).map((r) => r.operation),
    );
    for (const operation of operations) {
      const a = oldRows.find((r) => r.resource === resource && r.operation === operation);
      const b = newRows.find((r) => r.resource === resource && r.operation === operation);
      const changes = diffFiles(
        { docs: before, name: fileOf(a), version: oldVersion },
        { docs: after, name: fileOf(b), version: newVersion },
        'request',
      );
      bodies.push({
        resource,
        operation,
        endpoints: distinct([a, b].flatMap((row) => (row ? [label(row)] : []))),
        schemas: distinct([fileOf(a), fileOf(b)].flatMap((name) => (name ? [name] : []))),
        changes,
      });
    }
  }
  const named = new Set([...oldRows, ...newRows].map(fileOf));
  const unnamed = [...new Set([...before.files.keys(), ...after.files.keys()])]
    .filter((name) => name.endsWith('.request.json') && !named.has(name))
    .sort();
  return { bodies, unnamed };
}

function withBody(version: string): readonly EndpointRow[] {
  return endpointsFor(version).filter((row) => row.requestSchema !== undefined);
}

function fileOf(row: EndpointRow | undefined): string | undefined {
  return row?.requestSchema && `${row.requestSchema}.json`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
