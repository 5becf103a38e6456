import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type HarnessConfig, type Keys, keyVariable } from '../../../harness/config/env';
import { MADE_KEY_NAME, madeKeys } from '../../../harness/config/made-credential';
import { LEDGER_DIR, OUTPUT_DIRS, STATE_DIR } from '../../../harness/config/paths';
import {
  describeLeak,
  knownIds,
  MIN_SCANNED_LENGTH,
  needlesFor,
  type ScanResult,
  type Secret,
  scanFiles,
} from './leak-scan';

export function configuredSecrets(config: HarnessConfig): Secret[] {
  const secrets: Secret[] = Object.entries(config.keys)
    .filter(
      ([field, value]) => typeof value === 'string' && !(field === 'apiKey' && config.apiKeyMade),
    )
    .map(([field, value]) => ({
      variable: keyVariable(field as keyof Keys),
      value: value as string,
    }));
  // Every made key still on this machine: this run's, and any a killed run left behind.
  for (const { runId, value } of madeKeys())
    if (!secrets.some((secret) => secret.value === value))
      secrets.push({ variable: `${MADE_KEY_NAME} ${runId}`, value });
  if (config.proxy?.password) {
    secrets.push({ variable: 'the proxy password (HTTPS_PROXY)', value: config.proxy.password });
  }
  return secrets;
}

/** The ledgers and snapshots: the organization ids a Basic "<id>:<key>" could carry. */
function recordFiles(): string[] {
  const files: string[] = [];
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
  for (const file of list(LEDGER_DIR)) files.push(join(LEDGER_DIR, file));
  for (const run of list(STATE_DIR)) files.push(join(STATE_DIR, run, 'snapshot.json'));
  return files;
}

export function leakScan(config: HarnessConfig, dirs: readonly string[] = OUTPUT_DIRS): ScanResult {
  const needles = needlesFor(configuredSecrets(config), knownIds(recordFiles()));
  return scanFiles(dirs, needles);
}

/** The scan's outcome in a few lines, and whether the run must fail. */
export function reportScan(config: HarnessConfig, result: ScanResult): boolean {
  const secrets = configuredSecrets(config);
  const short = secrets.filter((secret) => secret.value.length < MIN_SCANNED_LENGTH);
  for (const secret of short) {
    console.warn(
      `Leak scan: ${secret.variable} is under ${MIN_SCANNED_LENGTH} characters; not searched for.`,
    );
  }
  for (const file of result.unscanned) console.warn(`Leak scan: not searched: ${file}`);
  const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
  const what = `${result.files} files (${megabytes} MB) searched for ${plural(secrets.length - short.length, 'secret')}`;
  if (result.leaks.length === 0) {
    console.log(`Leak scan: ${what}; none found.`);
    return true;
  }
  console.error(`Leak scan: ${what}; FOUND ${result.leaks.length}:`);
  for (const leak of result.leaks) console.error(`  ${describeLeak(leak)}`);
  console.error('Delete these files before sharing them, and rotate the keys named above.');
  return false;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
