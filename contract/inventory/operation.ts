import type { Method } from '../endpoint-row';
import type { SourceId } from '../sources';

/**
 * One operation a Polytomic client calls, as `npm run inventory` reads it from the SDK's
 * resource clients (scripts/lib/inventory/extract.ts).
 */
export interface InventoryOperation {
  /** The SDK's resource, sub-resources after a dot: `bulkSync.executions`, `permissions.roles`. */
  readonly resource: string;
  /** The SDK's method for it: `client.bulkSync.executions.list(…)` is `list`. */
  readonly sdkMethod: string;
  readonly method: Method;
  /** The path as contract/endpoints.ts writes one: a leading `/`, `{snake_case}` parameters. */
  readonly path: string;
  readonly source: SourceId;
  /**
   * The SDK type the method resolves to, `Polytomic.` left out (`WebhookEnvelope`,
   * `bulkSync.ScheduleEnvelope`); none for `void`. Its schema is `sdk/<type>`
   * (scripts/sdk-schemas.ts).
   */
  readonly responseType?: string;
  /** The SDK type of the JSON body the method sends; none when it sends none. */
  readonly requestType?: string;
}

/** Where one inventory was read from, and the operations in it. */
export interface Inventory {
  readonly source: SourceId;
  /** The package and version, or the repository and commit, it was read from. */
  readonly readFrom: string;
  readonly operations: readonly InventoryOperation[];
}

export const HTTP_METHODS: readonly Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
