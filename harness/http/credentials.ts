import type { HarnessConfig } from '../config/env';
import type { SendOptions } from './client';

/** The partner-level credentials that can list organizations, by name, as request options. */
export function listingCredentials(
  config: HarnessConfig,
): [string, Pick<SendOptions, 'mode' | 'authorization'>][] {
  const { keys } = config;
  const out: [string, Pick<SendOptions, 'mode' | 'authorization'>][] = [];
  if (keys.partner) out.push(['partner key', { mode: 'partner' }]);
  if (keys.deployment) out.push(['deployment key', { mode: 'deployment' }]);
  if (keys.otherPartner) out.push(['second partner key', { mode: 'otherPartner' }]);
  return out;
}
