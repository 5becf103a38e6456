import { randomBytes, randomUUID } from 'node:crypto';
import { ScopedItems } from './scoped-items';

/** The writable fields of an organization (docs/CONTRACT.md § Organizations: create body). */
export interface OrganizationInput {
  readonly name: string;
  readonly issuer?: string;
  readonly sso_domain?: string;
  readonly sso_org_id?: string;
  readonly client_id?: string;
  /** Write-only: stored, never rendered (docs/CONTRACT.md § Schemas). */
  readonly client_secret?: string;
}

export interface OrganizationRecord extends OrganizationInput {
  readonly id: string;
  /** Creation order, 1-based; also the number in the `idNotUuid` fault's ids. */
  readonly seq: number;
  /** The partner account it belongs to; null when the deployment key created it. */
  readonly partnerId: PartnerId | null;
  /** The partner's own organization, which that partner cannot delete. */
  readonly owner: boolean;
  /** Present since start-up (the `createdNotListed` fault hides the others). */
  readonly seeded: boolean;
}

export type PartnerId = 'partnerA' | 'partnerB';

/** The writable fields of a user (docs/CONTRACT.md § Users and their API keys). */
export interface UserInput {
  readonly email?: string;
  /** Deprecated legacy role name. */
  readonly role?: string;
  /** Permissions roles; from 2024-02-08 (SDK-1.18). */
  readonly role_ids?: readonly string[];
}

export interface UserRecord extends UserInput {
  readonly id: string;
  readonly organizationId: string;
  /** Present since start-up (the `userNotListed` fault hides the others). */
  readonly seeded: boolean;
}

/** Whose key an issued key is; a key dies with its user and its organization. */
export interface IssuedKey {
  readonly userId: string;
  readonly organizationId: string;
}

/** The user the configured API key belongs to (RFC 2606 reserves example.com). */
export const API_KEY_USER_EMAIL = 'api-key-user@example.com';

export interface Seed {
  readonly partnerOwnerId: string;
  readonly partnerChildId: string;
  readonly otherOwnerId: string;
  readonly otherChildId: string;
  /** The organization the API key belongs to: partner A's child. */
  readonly apiKeyOrganizationId: string;
  /** The user of that organization the API key was issued to (a seeded user). */
  readonly apiKeyUserId: string;
  /** A user of partner B's child organization, for the isolation checks. */
  readonly otherUserId: string;
}

/**
 * Every organization on the deployment, in creation order. Node runs one
 * handler at a time, so each method here is atomic: no lost updates.
 */
export class Store {
  private readonly organizations = new Map<string, OrganizationRecord>();
  private readonly people = new Map<string, UserRecord>();
  /** Issued key value → its holder; revoking a key deletes it here. */
  private readonly issued = new Map<string, IssuedKey>();
  private nextSeq = 1;
  readonly seed: Seed;
  /** Webhooks, roles and policies, each in its organization. */
  readonly scoped = new ScopedItems();

  constructor() {
    const partnerOwner = this.insert('partnerA', { name: 'Acme Partner (owner)' }, true, true);
    const partnerChild = this.insert('partnerA', { name: 'Acme Child' }, false, true);
    const otherOwner = this.insert('partnerB', { name: 'Globex Partner (owner)' }, true, true);
    const otherChild = this.insert('partnerB', { name: 'Globex Child' }, false, true);
    const keyUser = this.addUser(
      partnerChild.id,
      { email: API_KEY_USER_EMAIL, role: 'admin' },
      true,
    );
    const otherUser = this.addUser(otherChild.id, { email: 'globex-user@example.com' }, true);
    this.seed = {
      partnerOwnerId: partnerOwner.id,
      partnerChildId: partnerChild.id,
      otherOwnerId: otherOwner.id,
      otherChildId: otherChild.id,
      apiKeyOrganizationId: partnerChild.id,
      apiKeyUserId: keyUser.id,
      otherUserId: otherUser.id,
    };
  }

  find(id: string): OrganizationRecord | undefined {
    return this.organizations.get(id);
  }

  findBySeq(seq: number): OrganizationRecord | undefined {
    return this.all().find((organization) => organization.seq === seq);
  }

  all(): OrganizationRecord[] {
    return [...this.organizations.values()];
  }

  ownerOf(partnerId: PartnerId): OrganizationRecord | undefined {
    return this.all().find((org) => org.partnerId === partnerId && org.owner);
  }

  /** Names are unique within a partner account, compared exactly (docs/CONTRACT.md § Organizations). */
  nameTaken(partnerId: PartnerId | null, name: string, exceptId?: string): boolean {
    return this.all().some(
      (org) => org.partnerId === partnerId && org.name === name && org.id !== exceptId,
    );
  }

  create(partnerId: PartnerId | null, input: OrganizationInput): OrganizationRecord {
    return this.insert(partnerId, input, false, false);
  }

  update(id: string, input: OrganizationInput): OrganizationRecord {
    const current = this.organizations.get(id);
    if (!current) throw new Error(`No organization ${id}`);
    const updated = withSettings(current, input);
    this.organizations.set(id, updated);
    return updated;
  }

  /** An organization goes with its users, their keys, and its webhooks, roles and policies. */
  remove(id: string): void {
    this.organizations.delete(id);
    this.scoped.removeOrganization(id);
    for (const user of this.usersOf(id)) this.removeUser(user.id);
  }

  /** The users of an organization, in creation order. */
  usersOf(organizationId: string): UserRecord[] {
    return [...this.people.values()].filter((user) => user.organizationId === organizationId);
  }

  findUser(id: string): UserRecord | undefined {
    return this.people.get(id);
  }

  createUser(organizationId: string, input: UserInput): UserRecord {
    return this.addUser(organizationId, input, false);
  }

  updateUser(id: string, input: UserInput): UserRecord {
    const current = this.people.get(id);
    if (!current) throw new Error(`No user ${id}`);
    const { organizationId, seeded } = current;
    const updated: UserRecord = { ...input, id, organizationId, seeded };
    this.people.set(id, updated);
    return updated;
  }

  /** `keepKeys`: the `removedUserKeyWorks` fault. */
  removeUser(id: string, keepKeys = false): void {
    this.people.delete(id);
    if (!keepKeys) this.revokeKeys(id);
  }

  /**
   * A new API key of the user: random and long, like the reference keys. Earlier keys stay
   * valid unless `revokeEarlier` (force=true).
   */
  issueKey(user: UserRecord, revokeEarlier: boolean): string {
    if (revokeEarlier) this.revokeKeys(user.id);
    const value = `ref-user-key-${randomBytes(24).toString('base64url')}`;
    this.issued.set(value, { userId: user.id, organizationId: user.organizationId });
    return value;
  }

  /** The holder of an issued key, while its organization exists; undefined for any other value. */
  keyHolder(value: string): IssuedKey | undefined {
    const holder = this.issued.get(value);
    return holder && this.organizations.has(holder.organizationId) ? holder : undefined;
  }

  /** The values issued to a user that still work (only the `keyShownAgain` fault shows them). */
  keysOf(userId: string): string[] {
    return [...this.issued]
      .filter(([, holder]) => holder.userId === userId)
      .map(([value]) => value);
  }

  private revokeKeys(userId: string): void {
    for (const value of this.keysOf(userId)) this.issued.delete(value);
  }

  private addUser(organizationId: string, input: UserInput, seeded: boolean): UserRecord {
    const record: UserRecord = { ...input, id: randomUUID(), organizationId, seeded };
    this.people.set(record.id, record);
    return record;
  }

  private insert(
    partnerId: PartnerId | null,
    input: OrganizationInput,
    owner: boolean,
    seeded: boolean,
  ): OrganizationRecord {
    const record: OrganizationRecord = {
      ...input,
      id: randomUUID(),
      seq: this.nextSeq++,
      partnerId,
      owner,
      seeded,
    };
    this.organizations.set(record.id, record);
    return record;
  }
}

/** The record with a new name and SSO/OIDC settings, replaced in full (2025-09-18 reference). */
export function withSettings(
  current: OrganizationRecord,
  input: OrganizationInput,
): OrganizationRecord {
  const { id, seq, partnerId, owner, seeded } = current;
  return { ...input, id, seq, partnerId, owner, seeded };
}
