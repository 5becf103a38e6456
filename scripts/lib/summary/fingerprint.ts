import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HarnessConfig } from '../../../harness/config/env';
import { ConfigError } from '../../../harness/config/variables';

/**
 * What identifies a run without revealing anything secret: the harness version, a hash
 * of the contract it checked, and the target (its host name hashed on request).
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The contract is its data and its schemas: the same hash means the same rules were checked. */
export const CONTRACT_SOURCES = ['contract', 'schemas'] as const;

export function harnessVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}

/** sha256 over every contract/*.ts and schemas/** file, by sorted path, path and content. */
export function contractHash(root = ROOT): { sha256: string; files: number } {
  const files = CONTRACT_SOURCES.flatMap((dir) => listFiles(root, dir))
    .filter((file) => file.endsWith('.ts') || file.startsWith('schemas/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return { sha256: hash.digest('hex'), files: files.length };
}

function listFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = `${dir}/${name}`;
    return statSync(path.join(root, relative)).isDirectory()
      ? listFiles(root, relative)
      : [relative];
  });
}

export interface TargetInfo {
  readonly bundled: boolean;
  /** Absent when the host is hashed: the URL would name it. */
  readonly url?: string;
  readonly host?: string;
  readonly hostSha256?: string;
}

/** POLYTOMIC_HASH_HOST=true: a partner who would rather not name its install. */
export function hashHostRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.POLYTOMIC_HASH_HOST?.trim().toLowerCase() ?? '';
  if (['', 'false', '0', 'no', 'off'].includes(raw)) return false;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  throw new ConfigError(`POLYTOMIC_HASH_HOST must be true or false, got ${JSON.stringify(raw)}.`);
}

export function hostHash(host: string): string {
  return createHash('sha256').update(host.toLowerCase()).digest('hex');
}

export function targetInfo(config: Pick<HarnessConfig, 'targetUrl' | 'bundled'>, hash: boolean) {
  const host = new URL(config.targetUrl).hostname;
  const info: TargetInfo = hash
    ? { bundled: config.bundled, hostSha256: hostHash(host) }
    : { bundled: config.bundled, url: config.targetUrl, host };
  return info;
}
