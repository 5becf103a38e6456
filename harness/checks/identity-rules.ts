import type { Check, CredentialKind } from './types';
import { envelopeData, statusViolations, violation } from './violation';

interface Identity {
  organization_id?: unknown;
  is_partner?: unknown;
  is_organization?: unknown;
  is_system?: unknown;
}

const KIND_FLAG: Readonly<Record<CredentialKind, keyof Identity>> = {
  partner: 'is_partner',
  organization: 'is_organization',
  system: 'is_system',
};

function describeIdentity(identity: Identity | undefined): string {
  if (!identity) return 'no identity';
  const flags = (Object.keys(KIND_FLAG) as CredentialKind[]).filter(
    (kind) => identity[KIND_FLAG[kind]] === true,
  );
  return `${flags.join('+') || 'no kind'} for organization ${JSON.stringify(identity.organization_id)}`;
}

/** The `/api/me` answer names the kind of credential and, when given, its organization. */
function identityViolations(check: Check, ...[exchange, context]: Parameters<Check['run']>) {
  const statusProblems = statusViolations(check, exchange, context);
  const expected = context.expect.identity;
  if (statusProblems.length > 0 || !expected) return statusProblems;
  const identity = envelopeData(exchange.response.json) as Identity | undefined;
  const kindOk = identity?.[KIND_FLAG[expected.kind]] === true;
  const orgOk =
    expected.organizationId === undefined || identity?.organization_id === expected.organizationId;
  if (kindOk && orgOk) return [];
  const documented = `${expected.kind}${expected.organizationId ? ` for organization ${expected.organizationId}` : ''} (${context.expect.why})`;
  return [violation(check, describeIdentity(identity), documented)];
}

/** Preflight: each configured key is the kind it claims to be, before 403s are judged. */
export const credentialKind: Check = {
  name: 'credential_kind',
  family: 'credentials',
  description: 'Each configured key is the kind it claims to be, per /api/me',
  source: 'CONTRACT.md § Endpoints (identity: SDK GetIdentityResponseSchema)',
  run(exchange, context) {
    return identityViolations(this, exchange, context);
  },
};

/** Basic `<organization id>:<key>` acts as that organization: /api/me reports it. */
export const actingAsOrganization: Check = {
  name: 'acting_as_organization',
  family: 'auth',
  description:
    'Acting as an organization (Basic <organization id>:<key>), /api/me reports that organization',
  source: 'CONTRACT.md § Auth modes (Terraform provider client)',
  run(exchange, context) {
    return identityViolations(this, exchange, context);
  },
};
