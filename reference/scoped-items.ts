import { randomUUID } from 'node:crypto';
import type { ScopedResourceName } from '../contract/resources/scoped';

/** One webhook, role or policy: the fields a client wrote, and what the server keeps of its own. */
export interface ScopedItem {
  readonly id: string;
  readonly organizationId: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly disabled: boolean;
}

/**
 * The items of every organization, by resource; an organization's go with it
 * (Store.remove). Node runs one handler at a time, so each method is atomic.
 */
export class ScopedItems {
  private readonly items = new Map<
    string,
    ScopedItem & { readonly resource: ScopedResourceName }
  >();

  of(resource: ScopedResourceName, organizationId: string | undefined): ScopedItem[] {
    return [...this.items.values()].filter(
      (item) =>
        item.resource === resource &&
        (organizationId === undefined || item.organizationId === organizationId),
    );
  }

  find(resource: ScopedResourceName, id: string): ScopedItem | undefined {
    const item = this.items.get(id);
    return item?.resource === resource ? item : undefined;
  }

  create(
    resource: ScopedResourceName,
    organizationId: string,
    fields: Readonly<Record<string, unknown>>,
  ): ScopedItem {
    const item = {
      resource,
      id: randomUUID(),
      organizationId,
      fields,
      createdAt: new Date().toISOString(),
      disabled: false,
    };
    this.items.set(item.id, item);
    return item;
  }

  update(item: ScopedItem, change: Partial<Pick<ScopedItem, 'fields' | 'disabled'>>): ScopedItem {
    const current = this.items.get(item.id);
    if (!current) throw new Error(`No item ${item.id}`);
    const updated = { ...current, ...change };
    this.items.set(item.id, updated);
    return updated;
  }

  remove(id: string): void {
    this.items.delete(id);
  }

  removeOrganization(organizationId: string): void {
    for (const [id, item] of this.items)
      if (item.organizationId === organizationId) this.items.delete(id);
  }
}
