/** Who owns a record: a tenant's id (`acme/`), or null for the cluster itself. */
export type Owner = string | null;

/** One stored record of the cluster API: its collection, its id, its owner and its JSON document. */
export interface ResourceRecord {
  readonly id: string;
  readonly document: Record<string, unknown>;
  readonly tenantId: Owner;
}

/**
 * Whose records a store reaches (src/tenants/resource-scope.ts makes one per request): a
 * tenant sees its own records alone, a cluster administrator every record, and a list may
 * show fewer than a get reaches (`includeTenants`, `tenantIds`).
 */
export interface TenantScope {
  /** Who owns the records created through this scope. */
  readonly owner: Owner;
  /** Whose records get, put (over an existing record) and delete reach. */
  readonly reach: 'all' | readonly Owner[];
  /** Whose records lists show. */
  readonly listed: 'all' | readonly Owner[];
}

/** The cluster itself, as the demo cluster and the cluster's own pages see it: every record. */
export const WHOLE_CLUSTER: TenantScope = { owner: null, reach: 'all', listed: 'all' };

/**
 * Where the stand-in cluster keeps what clients create: one table for every collection,
 * in the same database as the rest (SQLite, or PostgreSQL shared by every node). Every
 * query is limited to the store's `TenantScope`, so no handler can forget it.
 */
export interface ResourceStore {
  /** The same table, limited to `scope`. */
  scoped(scope: TenantScope): ResourceStore;
  /** Who owns the records created through this store (its scope's owner). */
  readonly owner: Owner;
  /** The next number of `counter`: 1, 2, 3…, never given twice, across every node. */
  nextNumber(counter: string): Promise<number>;
  /**
   * Inserts (owned by `owner`, else the scope's owner) or replaces the document of a record
   * within reach; `position` orders lists (creation order). An existing record keeps its owner.
   */
  put(
    collection: string,
    id: string,
    position: number,
    document: Record<string, unknown>,
    owner?: Owner,
  ): Promise<void>;
  get(collection: string, id: string): Promise<ResourceRecord | undefined>;
  list(collection: string): Promise<ResourceRecord[]>;
  delete(collection: string, id: string): Promise<boolean>;
}
