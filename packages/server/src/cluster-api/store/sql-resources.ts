import { deepFreeze } from '../../store/deep-freeze.js';
import { inList, join, type Sql, sql, whereAll } from '../../store/sql/sql.js';
import type { SqlRunner } from '../../store/sql/sql-runner.js';
import { defineTable, insertInto, json, type Row } from '../../store/sql/table.js';
import {
  type Owner,
  type ResourceRecord,
  type ResourceStore,
  type TenantScope,
  WHOLE_CLUSTER,
} from './resource-store.js';

const resources = defineTable<ResourceRecord & { collection: string; position: number }>('cluster_resources', {
  collection: 'collection',
  id: 'id',
  position: 'position',
  document: json('document'),
  tenantId: 'tenant_id',
});

const MAX_KEPT_LISTS = 1000;

/** `column` names one of `owners` (null: the cluster's own), or no condition for every owner. */
function ownedBy(column: Sql, owners: TenantScope['reach']): Sql | false {
  if (owners === 'all') return false;
  const tenants = owners.filter((owner): owner is string => owner !== null);
  const either = [inList(column, tenants), owners.includes(null) && sql`${column} IS NULL`].filter(
    (condition): condition is Sql => condition !== false,
  );
  return either.length ? sql`(${join(either, ' OR ')})` : sql`1 = 0`;
}

/** What every scope of the table shares: a write through any of them changes what all read. */
interface SharedState {
  writes: number;
  /** Lists read since the last write, when exclusive (a generic GET is a list, every time), by scope. */
  readonly lists: Map<string, { writes: number; records: ResourceRecord[] }>;
}

/**
 * The resource table, in one SQL text for both databases, run by the server's own store:
 * the same connection, the same durability, the same migrations. Every statement but the
 * counters is limited to the scope's owners.
 */
export class SqlResources implements ResourceStore {
  /** `exclusive`: no other process writes this database (see `ownWrites`). */
  constructor(
    readonly executor: SqlRunner,
    readonly exclusive = false,
    readonly scope: TenantScope = WHOLE_CLUSTER,
    readonly shared: SharedState = { writes: 0, lists: new Map() },
  ) {}

  scoped(scope: TenantScope): ResourceStore {
    return new SqlResources(this.executor, this.exclusive, scope, this.shared);
  }

  get owner(): Owner {
    return this.scope.owner;
  }

  ownWrites(): number | undefined {
    return this.exclusive ? this.shared.writes : undefined;
  }

  /** A write that changes records, counted as it begins and as it ends. */
  async #changing<T>(write: () => Promise<T>): Promise<T> {
    this.shared.writes++;
    this.shared.lists.clear();
    try {
      return await write();
    } finally {
      this.shared.writes++;
      this.shared.lists.clear();
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

  async put(
    collection: string,
    id: string,
    position: number,
    document: Record<string, unknown>,
    owner: Owner = this.scope.owner,
  ): Promise<void> {
    const reach = ownedBy(sql`cluster_resources.tenant_id`, this.scope.reach);
    await this.#changing(() =>
      this.executor.write(
        sql`${insertInto(resources, { collection, id, position, document, tenantId: owner ?? undefined })}
            ON CONFLICT (collection, id) DO UPDATE SET document = excluded.document ${whereAll([reach])}`,
      ),
    );
  }

  async get(collection: string, id: string): Promise<ResourceRecord | undefined> {
    const where = whereAll([
      sql`collection = ${collection}`,
      sql`id = ${id}`,
      ownedBy(sql`tenant_id`, this.scope.reach),
    ]);
    const [row] = await this.executor.read(sql`SELECT id, document, tenant_id FROM cluster_resources ${where}`);
    return row && this.#record(row);
  }

  async list(collection: string): Promise<ResourceRecord[]> {
    const writes = this.ownWrites();
    const key = `${JSON.stringify(this.scope.listed)} ${collection}`;
    const kept = this.shared.lists.get(key);
    if (writes !== undefined && kept?.writes === writes) return kept.records;
    const where = whereAll([sql`collection = ${collection}`, ownedBy(sql`tenant_id`, this.scope.listed)]);
    const rows = await this.executor.read(
      sql`SELECT id, document, tenant_id FROM cluster_resources ${where} ORDER BY position, id`,
    );
    const records = rows.map((row) => this.#record(row));
    // Kept only when no write overlapped the read; frozen, since every caller shares them.
    if (writes !== undefined && this.ownWrites() === writes) {
      // Nested collections are one list per parent: bounded, as any memo of client input.
      if (this.shared.lists.size >= MAX_KEPT_LISTS) this.shared.lists.clear();
      this.shared.lists.set(key, { writes, records: deepFreeze(records) });
    }
    return records;
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const where = whereAll([
      sql`collection = ${collection}`,
      sql`id = ${id}`,
      ownedBy(sql`tenant_id`, this.scope.reach),
    ]);
    const { changes } = await this.#changing(() => this.executor.write(sql`DELETE FROM cluster_resources ${where}`));
    return changes === 1;
  }

  #record(row: Row): ResourceRecord {
    return {
      id: String(row.id),
      document: resources.columns.document.read(row.document) as ResourceRecord['document'],
      tenantId: row.tenant_id === null || row.tenant_id === undefined ? null : String(row.tenant_id),
    };
  }
}
