import { PostgresDatabase } from '../../store/postgres/postgres-database.js';
import { RESOURCE_SQL, type ResourceRecord, type ResourceStore } from './resource-store.js';

/** `?` → `$1, $2…` */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
const SQL = Object.fromEntries(Object.entries(RESOURCE_SQL).map(([k, v]) => [k, numbered(v)])) as typeof RESOURCE_SQL;

type Row = { id: string; document: Record<string, unknown> };

/** The resource table in the shared PostgreSQL, on a small pool of its own. */
export class PostgresResources implements ResourceStore {
  readonly #db: PostgresDatabase;

  constructor(connectionString: string) {
    this.#db = new PostgresDatabase({ connectionString, maxConnections: 2 });
  }

  async nextNumber(counter: string): Promise<number> {
    const [row] = await this.#db.query(SQL.next, [counter]);
    return Number(row?.last_number);
  }

  async put(collection: string, id: string, position: number, document: Record<string, unknown>): Promise<void> {
    await this.#db.query(SQL.put, [collection, id, position, JSON.stringify(document)]);
  }

  async get(collection: string, id: string): Promise<ResourceRecord | undefined> {
    const [row] = (await this.#db.query(SQL.get, [collection, id])) as Row[];
    return row && { id: row.id, document: row.document };
  }

  async list(collection: string): Promise<ResourceRecord[]> {
    return ((await this.#db.query(SQL.list, [collection])) as Row[]).map((row) => ({
      id: row.id,
      document: row.document,
    }));
  }

  async delete(collection: string, id: string): Promise<boolean> {
    return (await this.#db.query(`${SQL.delete} RETURNING id`, [collection, id])).length === 1;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.#db.query(SQL.any)).length === 0;
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
