import { inList, join, type Sql, sql, whereAll } from '../../store/sql/sql.js';
import type { SqlRunner } from '../../store/sql/sql-runner.js';
import { defineTable, insertInto, json, type Row } from '../../store/sql/table.js';
import { WriteGenerationMemo } from '../../store/write-generation-memo.js';
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

/**
 * The resource table, in one SQL text for both databases, run by the server's own store:
 * the same connection, the same durability, the same migrations. Every statement but the
 * counters is limited to the scope's owners.
 */
export class SqlResources implements ResourceStore {
  /**
   * `exclusive`: no other process writes this database (SQLite), so lists are kept until the
   * next write (a generic GET is a list, every time); every scope of the table shares them.
   */
  constructor(
    readonly executor: SqlRunner,
    readonly exclusive = false,
    readonly scope: TenantScope = WHOLE_CLUSTER,
    readonly lists: WriteGenerationMemo | undefined = exclusive ? new WriteGenerationMemo(MAX_KEPT_LISTS) : undefined,
  ) {}

  scoped(scope: TenantScope): ResourceStore {
    return new SqlResources(this.executor, this.exclusive, scope, this.lists);
  }

  get owner(): Owner {
    return this.scope.owner;
  }

  /** A write that changes records: kept lists are forgotten as it begins and as it ends. */
  #changing<T>(write: () => Promise<T>): Promise<T> {
    return this.lists ? this.lists.write(write) : write();
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
    const read = async () => {
      const where = whereAll([sql`collection = ${collection}`, ownedBy(sql`tenant_id`, this.scope.listed)]);
      const rows = await this.executor.read(
        sql`SELECT id, document, tenant_id FROM cluster_resources ${where} ORDER BY position, id`,
      );
      return rows.map((row) => this.#record(row));
    };
    // One list per scope and collection (nested collections are one per parent).
    return this.lists ? this.lists.read('lists', `${JSON.stringify(this.scope.listed)} ${collection}`, read) : read();
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
