import { appliesTo } from '../endpoints';
import type { Inventory } from './operation';
import { SDK_1_18 } from './sdk-1.18';
import { SDK_HEAD } from './sdk-head';

export type { Inventory, InventoryOperation } from './operation';

/**
 * Which inventory documents which API versions: SDK-1.18 follows the 2024-02-08 API
 * definition and is the pre-2025 versions' client; SDK-HEAD sends 2025-09-18 by default.
 * A range is [since, until] inclusive, as a contract row's, so a new version takes the
 * newest inventory until a newer SDK is read.
 */
export interface VersionedInventory extends Inventory {
  readonly since?: string;
  readonly until?: string;
}

export const INVENTORIES: readonly VersionedInventory[] = [
  { ...SDK_1_18, until: '2024-02-08' },
  { ...SDK_HEAD, since: '2025-09-18' },
];

export function inventoryFor(
  version: string,
  inventories: readonly VersionedInventory[] = INVENTORIES,
): VersionedInventory | undefined {
  return inventories.find((inventory) => appliesTo(inventory, version));
}
