/** One stored record of the cluster API: its collection, its id and its JSON document. */
export interface ResourceRecord {
  readonly id: string;
  readonly document: Record<string, unknown>;
}

/**
 * Where the stand-in cluster keeps what clients create: one table for every collection,
 * in the same database as the rest (SQLite, or PostgreSQL shared by every node).
 */
export interface ResourceStore {
  /** The next number of `counter`: 1, 2, 3…, never given twice, across every node. */
  nextNumber(counter: string): Promise<number>;
  /** Inserts or replaces; `position` orders lists (creation order). */
  put(collection: string, id: string, position: number, document: Record<string, unknown>): Promise<void>;
  get(collection: string, id: string): Promise<ResourceRecord | undefined>;
  list(collection: string): Promise<ResourceRecord[]>;
  delete(collection: string, id: string): Promise<boolean>;
  /** Whether anything was ever stored (the demo cluster is made only into an empty one). */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}

/** The SQL both dialects share (`?` placeholders; PostgreSQL numbers them). */
export const RESOURCE_SQL = {
  next:
    'INSERT INTO cluster_resource_counters (counter, last_number) VALUES (?, 1) ' +
    'ON CONFLICT (counter) DO UPDATE SET last_number = cluster_resource_counters.last_number + 1 RETURNING last_number',
  put:
    'INSERT INTO cluster_resources (collection, id, position, document) VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT (collection, id) DO UPDATE SET document = excluded.document',
  get: 'SELECT id, document FROM cluster_resources WHERE collection = ? AND id = ?',
  list: 'SELECT id, document FROM cluster_resources WHERE collection = ? ORDER BY position, id',
  delete: 'DELETE FROM cluster_resources WHERE collection = ? AND id = ?',
  any: 'SELECT 1 AS found FROM cluster_resource_counters LIMIT 1',
} as const;
