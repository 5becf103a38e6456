import type { Level } from '../../contract/rules';
import { RULES } from '../../contract/rules';
import type { Keys } from '../config/env';
import type { Exchange } from '../http/exchange';
import type { Check, CheckContext, CredentialKind, Expectation, Violation } from './types';
import { afterStatus, envelopeData, violation } from './violation';

interface Identity {
  organization_id?: unknown;
  is_partner?: unknown;
  is_organization?: unknown;
  is_user?: unknown;
  is_system?: unknown;
}

const FLAGS = ['is_partner', 'is_user', 'is_organization', 'is_system'] as const;

/**
 * What /api/me must say per kind of key, and the level of that expectation. Every
 * identity field is optional (SDK-1.18), so only the flag that names the kind is read.
 */
const KINDS: Readonly<
  Record<CredentialKind, { says: string; ok: (identity: Identity) => boolean; level?: Level }>
> = {
  // documented: a partner key is a partner's (SDK-1.18, GUIDE-KEYS).
  partner: { says: 'is_partner: true', ok: (id) => id.is_partner === true },
  // documented: REF-2025's identity example of an API key is a user's key (is_user, not
  // is_organization); older keys were organizations'. Either is an API key.
  apiKey: {
    says: 'is_user: true or is_organization: true',
    ok: (id) => id.is_user === true || id.is_organization === true,
  },
  // documented: a key issued for a user is that user's API key (GUIDE-KEYS; SDK-1.18 is_user).
  userKey: { says: 'is_user: true', ok: (id) => id.is_user === true },
  // decision: nothing documents what /api/me says of a deployment key; it is no user's.
  deployment: { says: 'not is_user', ok: (id) => id.is_user !== true, level: 'decision' },
  actingAs: { says: 'the organization acted as', ok: () => true },
};

function describeIdentity(identity: Identity | undefined): string {
  if (!identity) return 'no identity';
  const flags = FLAGS.filter((flag) => identity[flag] === true);
  return `${flags.join(' + ') || 'no is_* flag'}, organization_id ${JSON.stringify(identity.organization_id)}`;
}

/** The `/api/me` answer names the kind of credential and, when given, its organization. */
function identityViolations(check: Check, ...[exchange, context]: Parameters<Check['run']>) {
  return afterStatus(check, exchange, context, () => {
    const expected = context.expect.identity;
    return expected ? kindViolations(check, exchange, context, expected) : [];
  });
}

function kindViolations(
  check: Check,
  exchange: Exchange,
  context: CheckContext,
  expected: NonNullable<Expectation['identity']>,
): Violation[] {
  const identity = (envelopeData(exchange.response.json) ?? {}) as Identity;
  const kind = KINDS[expected.kind];
  const kindOk = kind.ok(identity);
  const orgOk =
    expected.organizationId === undefined || identity.organization_id === expected.organizationId;
  if (kindOk && orgOk) return [];
  const documented = `${kind.says}${expected.organizationId ? `, organization_id ${expected.organizationId}` : ''} (${context.expect.why})`;
  return [
    violation(check, describeIdentity(identity), documented, context.expect.level ?? kind.level),
  ];
}

/**
 * What /api/me must say each configured key is, as the preflight and `npm run doctor` both
 * ask it: the key's field, the kind it must be, and what it is called.
 */
export const CONFIGURED_KEY_KINDS: readonly (readonly [keyof Keys, CredentialKind, string])[] = [
  ['partner', 'partner', 'partner key'],
  ['apiKey', 'apiKey', "user's or organization's API key"],
  ['deployment', 'deployment', 'deployment key'],
  ['otherPartner', 'partner', 'partner key'],
];

/** Preflight: each configured key is the kind it claims to be, before 403s are judged. */
export const credentialKind: Check = {
  name: 'credential_kind',
  ...RULES.credential_kind,
  run(exchange, context) {
    return identityViolations(this, exchange, context);
  },
};

/** Basic `<organization id>:<key>` acts as that organization: /api/me reports it. */
export const actingAsOrganization: Check = {
  name: 'acting_as_organization',
  ...RULES.acting_as_organization,
  run(exchange, context) {
    return identityViolations(this, exchange, context);
  },
};

/** A key issued by `POST …/users/{id}/keys` is that user's API key, in the user's organization. */
export const issuedKeyIdentity: Check = {
  name: 'issued_key_identity',
  ...RULES.issued_key_identity,
  run(exchange, context) {
    return identityViolations(this, exchange, context);
  },
};
