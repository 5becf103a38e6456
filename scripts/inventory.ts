import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  gitSdkInventory,
  INVENTORY_DIR,
  installedSdkInventory,
  inventoryModule,
  SDK_HEAD_REPOSITORY,
  writeInventoryModule,
} from './lib/inventory/sources';

/**
 * `npm run inventory`: every operation the installed `polytomic` SDK calls, into
 * contract/inventory/sdk-1.18.ts (a self-test fails when that file differs from the
 * installed SDK, so a new release shows as a diff).
 * `npm run inventory -- --git <clone of polytomic-typescript> [--commit <sha>]`: the same
 * from that source, into contract/inventory/sdk-head.ts.
 */
const { values } = parseArgs({
  options: { git: { type: 'string' }, commit: { type: 'string' } },
  strict: true,
});

const [inventory, file, constant, command] = values.git
  ? [
      gitSdkInventory(values.git, values.commit),
      'sdk-head.ts',
      'SDK_HEAD',
      `npm run inventory -- --git <clone of ${SDK_HEAD_REPOSITORY}> --commit <sha>`,
    ]
  : [installedSdkInventory(), 'sdk-1.18.ts', 'SDK_1_18', 'npm run inventory'];
const target = join(INVENTORY_DIR, file);
writeInventoryModule(target, inventoryModule(inventory, constant, command));
console.log(`${inventory.operations.length} operations of ${inventory.readFrom} → ${target}`);
