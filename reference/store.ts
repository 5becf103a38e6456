import { randomUUID } from 'node:crypto';

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

export interface Seed {
  readonly partnerOwnerId: string;
  readonly partnerChildId: string;
  readonly otherOwnerId: string;
  readonly otherChildId: string;
  /** The organization the API key belongs to: partner A's child. */
  readonly apiKeyOrganizationId: string;
  /** The user of that organization the API key was issued to. */
  readonly apiKeyUserId: string;
}

/**
 * Every organization on the deployment, in creation order. Node runs one
 * handler at a time, so each method here is atomic: no lost updates.
 */
export class Store {
  private readonly organizations = new Map<string, OrganizationRecord>();
  private nextSeq = 1;
  readonly seed: Seed;

  constructor() {
    const partnerOwner = this.insert('partnerA', { name: 'Acme Partner (owner)' }, true, true);
    const partnerChild = this.insert('partnerA', { name: 'Acme Child' }, false, true);
    const otherOwner = this.insert('partnerB', { name: 'Globex Partner (owner)' }, true, true);
    const otherChild = this.insert('partnerB', { name: 'Globex Child' }, false, true);
    this.seed = {
      partnerOwnerId: partnerOwner.id,
      partnerChildId: partnerChild.id,
      otherOwnerId: otherOwner.id,
      otherChildId: otherChild.id,
      apiKeyOrganizationId: partnerChild.id,
      apiKeyUserId: randomUUID(),
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

  remove(id: string): void {
    this.organizations.delete(id);
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
