import { deepFreeze } from '../../store/deep-freeze.js';
import { sql } from '../../store/sql/sql.js';
import type { SqlRunner } from '../../store/sql/sql-runner.js';
import { defineTable, insertInto, json, type Row } from '../../store/sql/table.js';
import type { ResourceRecord, ResourceStore } from './resource-store.js';

const resources = defineTable<ResourceRecord & { collection: string; position: number }>('cluster_resources', {
  collection: 'collection',
  id: 'id',
  position: 'position',
  document: json('document'),
});

const MAX_KEPT_LISTS = 1000;

/**
 * The resource table, in one SQL text for both databases, run by the server's own store:
 * the same connection, the same durability, the same migrations.
 */
export class SqlResources implements ResourceStore {
  #writes = 0;
  /** Lists read since the last write, when exclusive: a generic GET is a list, every time. */
  readonly #lists = new Map<string, { writes: number; records: ResourceRecord[] }>();

  /** `exclusive`: no other process writes this database (see `ownWrites`). */
  constructor(
    readonly executor: SqlRunner,
    readonly exclusive = false,
  ) {}

  ownWrites(): number | undefined {
    return this.exclusive ? this.#writes : undefined;
  }

  /** A write that changes records, counted as it begins and as it ends. */
  async #changing<T>(write: () => Promise<T>): Promise<T> {
    this.#writes++;
    this.#lists.clear();
    try {
      return await write();
    } finally {
      this.#writes++;
      this.#lists.clear();
    }
  }

  async nextNumber(counter: string): Promise<number> {
    const { rows } = await this.executor.write(
      sql`INSERT INTO cluster_resource_counters (counter, last_number) VALUES (${counter}, 1)
          ON CONFLICT (counter) DO UPDATE SET last_number = cluster_resource_counters.last_number + 1
          RETURNING last_number`,
    );
    return Number(rows[0]?.last_number);
  }

  async put(collection: string, id: string, position: number, document: Record<string, unknown>): Promise<void> {
    await this.#changing(() =>
      this.executor.write(
        sql`${insertInto(resources, { collection, id, position, document })}
            ON CONFLICT (collection, id) DO UPDATE SET document = excluded.document`,
      ),
    );
  }

  async get(collection: string, id: string): Promise<ResourceRecord | undefined> {
    const [row] = await this.executor.read(
      sql`SELECT id, document FROM cluster_resources WHERE collection = ${collection} AND id = ${id}`,
    );
    return row && this.#record(row);
  }

  async list(collection: string): Promise<ResourceRecord[]> {
    const writes = this.ownWrites();
    const kept = this.#lists.get(collection);
    if (writes !== undefined && kept?.writes === writes) return kept.records;
    const rows = await this.executor.read(
      sql`SELECT id, document FROM cluster_resources WHERE collection = ${collection} ORDER BY position, id`,
    );
    const records = rows.map((row) => this.#record(row));
    // Kept only when no write overlapped the read; frozen, since every caller shares them.
    if (writes !== undefined && this.ownWrites() === writes) {
      // Nested collections are one list per parent: bounded, as any memo of client input.
      if (this.#lists.size >= MAX_KEPT_LISTS) this.#lists.clear();
      this.#lists.set(collection, { writes, records: deepFreeze(records) });
    }
    return records;
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const { changes } = await this.#changing(() =>
      this.executor.write(sql`DELETE FROM cluster_resources WHERE collection = ${collection} AND id = ${id}`),
    );
    return changes === 1;
  }

  #record(row: Row): ResourceRecord {
    return {
      id: String(row.id),
      document: resources.columns.document.read(row.document) as ResourceRecord['document'],
    };
  }
}
