import { registerSecret } from '../secrets/redact';

/**
 * API keys the target issued to this run (`POST …/users/{id}/keys`). Each is a secret like
 * the configured keys from the moment its answer arrives, before anything records the
 * exchange; and each is shown once (key_shown_once), so a later response carrying it fails.
 */
const issued = new Set<string>();

/** The key value an issuing answer carries, if any. */
export function issuedKeyOf(json: unknown): string | undefined {
  const value = (json as { data?: { value?: unknown } } | undefined)?.data?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Registers the key an answer issued: masked everywhere from now on. */
export function noteIssuedKey(value: string | undefined): void {
  if (value === undefined) return;
  registerSecret(value);
  issued.add(value);
}

/** The keys issued so far, except `exclude` (the one the exchange being judged issued). */
export function issuedKeys(exclude?: string): string[] {
  return [...issued].filter((value) => value !== exclude);
}
