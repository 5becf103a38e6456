import type { AuthMode } from '../../contract/endpoints';
import type { CredentialPart, WrongAuthorization } from '../../contract/inputs';
import { type Keys, keyVariable } from '../config/env';
import { registerSecret } from '../secrets/redact';
import { randomId } from './requests';

/** Which configured key each mode needs. Acting as an organization uses the partner key, else the deployment key. */
export function keyFor(mode: AuthMode, keys: Readonly<Keys>): string | undefined {
  switch (mode) {
    case 'partner':
      return keys.partner;
    case 'apiKey':
      return keys.apiKey;
    case 'deployment':
    case 'deploymentBasic':
      return keys.deployment;
    case 'actingAs':
      return keys.partner ?? keys.deployment;
  }
}

/**
 * Why a mode cannot run, or undefined when it can; `unmade` is why the run could not make
 * its own API key (harness/resources/run-api-key.ts), when it tried.
 */
export function unavailableReason(
  mode: AuthMode,
  keys: Readonly<Keys>,
  unmade?: string,
): string | undefined {
  if (keyFor(mode, keys) !== undefined) return undefined;
  if (mode === 'apiKey' && unmade)
    return `${MODE_NAMES.apiKey} not configured (${keyVariable('apiKey')}) and not made: ${unmade}`;
  const variable =
    mode === 'actingAs'
      ? `${keyVariable('partner')} or ${keyVariable('deployment')}`
      : keyVariable(modeKeyField(mode));
  return `${MODE_NAMES[mode]} not configured (${variable})`;
}

function modeKeyField(mode: Exclude<AuthMode, 'actingAs'>): keyof Keys {
  return mode === 'deploymentBasic' ? 'deployment' : mode;
}

export const MODE_NAMES: Readonly<Record<AuthMode, string>> = {
  partner: 'partner key',
  apiKey: 'API key',
  deployment: 'deployment key',
  deploymentBasic: 'deployment key (as Basic)',
  actingAs: 'acting as an organization',
};

/**
 * Who a request is sent as: an auth mode of the contract, or the second partner — the
 * other tenant of the isolation checks, a credential the contract has no rows for.
 */
export type SendAs = AuthMode | 'otherPartner';

/** A key as a Bearer credential: every mode but the Basic ones, and any key asked who it is. */
export function bearer(key: string): string {
  return `Bearer ${key}`;
}

export function basic(user: string, password: string): string {
  const value = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  registerSecret(value.slice('Basic '.length));
  return value;
}

/**
 * The Authorization value of a mode. Source: docs/CONTRACT.md § Auth modes — Bearer for
 * partner, API and deployment keys (TF sends the deployment key as Bearer), Basic
 * `<key>:` for the deployment key as the 2023 reference and Go client send it, Basic
 * `<organization id>:<key>` to act as an organization.
 */
export function authorization(mode: SendAs, keys: Readonly<Keys>, actAs?: string): string {
  if (mode === 'otherPartner') {
    if (!keys.otherPartner)
      throw new Error(`second partner key not configured (${keyVariable('otherPartner')})`);
    return bearer(keys.otherPartner);
  }
  const key = keyFor(mode, keys);
  if (key === undefined) throw new Error(unavailableReason(mode, keys));
  switch (mode) {
    case 'partner':
    case 'apiKey':
    case 'deployment':
      return bearer(key);
    case 'deploymentBasic':
      return basic(key, '');
    case 'actingAs':
      if (!actAs) throw new Error('Acting as an organization needs the organization id.');
      return basic(actAs, key);
  }
}

/**
 * How a 401 variant of contract/inputs.ts is sent: no header, or the Authorization value
 * it describes. A configured key appears only under a scheme that must not take it.
 */
export function wrongCredentials(
  sends: WrongAuthorization,
  keys: Readonly<Keys>,
): { readonly mode: 'none' } | { readonly mode: 'custom'; readonly authorization: string } {
  if (sends.scheme === 'none') return { mode: 'none' };
  const part = (which: CredentialPart) => credentialPart(which, keys);
  if (sends.scheme !== 'Basic')
    return { mode: 'custom', authorization: `${sends.scheme} ${part(sends.token)}` };
  if ('raw' in sends) return { mode: 'custom', authorization: `Basic ${sends.raw}` };
  if ('text' in sends)
    return { mode: 'custom', authorization: `Basic ${Buffer.from(sends.text).toString('base64')}` };
  return { mode: 'custom', authorization: basic(part(sends.user), part(sends.password)) };
}

function credentialPart(which: CredentialPart, keys: Readonly<Keys>): string {
  switch (which) {
    case 'unknownKey':
      return `conformance-unknown-${randomId()}`;
    case 'configuredKey':
      return keys.partner ?? keys.deployment ?? keys.apiKey ?? 'conformance-placeholder-key';
    case 'randomId':
      return randomId();
    case 'empty':
      return '';
  }
}
