import type { HarnessConfig } from '../config/env';
import type { SendAs } from './auth';

/** Who may list (and so remove) organizations: the partner-level credentials, by name. */
export type ListingName = 'partner key' | 'deployment key' | 'second partner key';

/**
 * The one list of credentials that can list organizations, configured ones only, as the
 * mode each is sent as: the strays sweep and `npm run cleanup` both read it. The
 * deployment key goes as Bearer, as the Terraform provider sends it in every version.
 */
export function listingCredentials(config: HarnessConfig): [ListingName, { mode: SendAs }][] {
  const { keys } = config;
  const out: [ListingName, { mode: SendAs }][] = [];
  if (keys.partner) out.push(['partner key', { mode: 'partner' }]);
  if (keys.deployment) out.push(['deployment key', { mode: 'deployment' }]);
  if (keys.otherPartner) out.push(['second partner key', { mode: 'otherPartner' }]);
  return out;
}
