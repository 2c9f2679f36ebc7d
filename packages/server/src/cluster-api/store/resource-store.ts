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
  /**
   * Counts the writes begun and ended through this store when nothing else writes its
   * records (SQLite, which the server process owns): an unchanged count across a read means
   * an unchanged answer. Undefined where other nodes write too (PostgreSQL).
   */
  ownWrites(): number | undefined;
}
