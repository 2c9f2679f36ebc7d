import Database from 'better-sqlite3';
import { FileSync } from '../../store/sqlite/file-sync.js';
import { StoreUnavailableError } from '../../store/store.js';
import { RESOURCE_SQL, type ResourceRecord, type ResourceStore } from './resource-store.js';

type Row = { id: string; document: string };
type Statements = { [K in keyof typeof RESOURCE_SQL]: Database.Statement };

/**
 * The resource table on the server's own SQLite file, through a second connection of the
 * same process (the store claimed the file for this process; its migrations made the
 * table). Writes are answered once the WAL is synced, as the store's own are.
 */
export class SqliteResources implements ResourceStore {
  readonly #db: Database.Database;
  readonly #walSync: FileSync;
  readonly #statements: Statements;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('synchronous = NORMAL');
    this.#walSync = new FileSync(`${file}-wal`);
    this.#statements = Object.fromEntries(
      Object.entries(RESOURCE_SQL).map(([name, sql]) => [name, this.#db.prepare(sql)]),
    ) as Statements;
  }

  async #durably<T>(write: () => T): Promise<T> {
    const result = write();
    try {
      await this.#walSync.flush();
    } catch {
      throw new StoreUnavailableError('the database file could not be synced');
    }
    return result;
  }

  nextNumber(counter: string): Promise<number> {
    return this.#durably(() => (this.#statements.next.get(counter) as { last_number: number }).last_number);
  }

  async put(collection: string, id: string, position: number, document: Record<string, unknown>): Promise<void> {
    await this.#durably(() => this.#statements.put.run(collection, id, position, JSON.stringify(document)));
  }

  async get(collection: string, id: string): Promise<ResourceRecord | undefined> {
    const row = this.#statements.get.get(collection, id) as Row | undefined;
    return row && { id: row.id, document: JSON.parse(row.document) };
  }

  async list(collection: string): Promise<ResourceRecord[]> {
    return (this.#statements.list.all(collection) as Row[]).map((row) => ({
      id: row.id,
      document: JSON.parse(row.document),
    }));
  }

  async delete(collection: string, id: string): Promise<boolean> {
    return (await this.#durably(() => this.#statements.delete.run(collection, id))).changes === 1;
  }

  async isEmpty(): Promise<boolean> {
    return this.#statements.any.get() === undefined;
  }

  async close(): Promise<void> {
    await this.#walSync.flush().catch(() => undefined);
    this.#db.close();
  }
}
