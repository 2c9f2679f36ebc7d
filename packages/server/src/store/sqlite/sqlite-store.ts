import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { render, type Sql } from '../sql/sql.js';
import type { WriteResult } from '../sql/sql-runner.js';
import type { Row } from '../sql/table.js';
import { SqlStore } from '../sql-store.js';
import { StoreUnavailableError } from '../store.js';
import type { Steps } from '../transactions/steps.js';
import { claimDatabase } from './database-claim.js';
import { FileSync } from './file-sync.js';
import { sqliteMigrations } from './migrations.js';
import { sqliteDialect } from './sqlite-dialect.js';

/** Prepared statements kept per SQL text; past this the cache starts afresh (IN lists vary). */
const MAX_STATEMENTS = 500;

/**
 * The embedded store. Every write is answered only once it is on disk, so neither a crash
 * nor a power cut loses it: WAL with `synchronous=NORMAL` (commits do not fsync, which
 * would hold the event loop for milliseconds), then an fdatasync of the WAL on the thread
 * pool, one for each group of writes, before the write's promise resolves. That is what
 * `synchronous=FULL` guarantees, without stalling every other request meanwhile.
 */
export class SqliteStore extends SqlStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;

  readonly #statements = new Map<string, Database.Statement>();
  /** This process's hold on the file; undefined for `:memory:`. */
  readonly #claim: { release(): void } | undefined;
  /** Undefined for `:memory:`, which has nothing to make durable. */
  readonly #walSync: FileSync | undefined;
  /** Set once a sync has failed (see `#durably`). */
  #syncFailure: unknown;

  private constructor(db: Database.Database, claim: { release(): void } | undefined, walSync: FileSync | undefined) {
    super(sqliteDialect);
    this.#db = db;
    this.#claim = claim;
    this.#walSync = walSync;
  }

  /**
   * Opens (creating if needed) the database file and applies pending migrations. The file
   * is this store's alone until it is closed: DatabaseInUseError if another store has it.
   */
  static open(file: string): SqliteStore {
    const inMemory = file === ':memory:';
    const path = inMemory ? file : resolve(file);
    const claimed = inMemory ? undefined : claimDatabase(path);
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      if (!inMemory) {
        chmodSync(path, 0o600);
        // Durability rests on syncing the WAL ourselves: anything but WAL must stop here.
        const mode = db.pragma('journal_mode = WAL', { simple: true });
        if (mode !== 'wal') throw new Error(`${path}: SQLite refused WAL mode (journal_mode is ${String(mode)})`);
      }
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
      return new SqliteStore(db, claimed, inMemory ? undefined : new FileSync(`${path}-wal`));
    } catch (error) {
      db?.close();
      claimed?.release();
      throw error;
    }
  }

  protected async read(statement: Sql): Promise<Row[]> {
    return this.#execute(statement).rows;
  }

  protected write(statement: Sql): Promise<WriteResult> {
    return this.#durably(() => this.#execute(statement));
  }

  /** One immediate transaction (it holds the database's write lock throughout), run synchronously. */
  protected transaction<T>(steps: Steps<T>): Promise<T> {
    const run = this.#db.transaction(() => {
      let step = steps.next();
      while (!step.done) {
        let rows: Row[];
        try {
          rows = this.#execute(step.value).rows;
        } catch (error) {
          step = steps.throw(error);
          continue;
        }
        step = steps.next(rows);
      }
      return step.value;
    });
    return this.#durably(() => run.immediate());
  }

  #execute(statement: Sql): WriteResult {
    const { text, values } = render(statement, this.dialect);
    const prepared = this.#prepare(text);
    if (!prepared.reader) return { rows: [], changes: prepared.run(...values).changes };
    const rows = prepared.all(...values) as Row[];
    return { rows, changes: rows.length };
  }

  /** A prepared statement, made once per SQL text. */
  #prepare(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Runs `write` now (it commits at once) and resolves with its result once it is on disk.
   * A failed sync may have dropped what earlier syncs were trusted with, and the commit is
   * already visible: from then on every write is refused and `ping` says the database is
   * down, until a restart (PostgreSQL stops on a failed fsync for the same reason).
   */
  async #durably<T>(write: () => T): Promise<T> {
    if (this.#syncFailure) throw this.#unwritable();
    const result = write();
    try {
      await this.#walSync?.flush();
    } catch (error) {
      this.#syncFailure ??= error;
      throw this.#unwritable();
    }
    return result;
  }

  #unwritable(): StoreUnavailableError {
    return new StoreUnavailableError('The database could not be written to disk; restart the server', {
      cause: this.#syncFailure,
    });
  }

  async ping(): Promise<boolean> {
    return this.#db.open && this.#syncFailure === undefined;
  }

  async close(): Promise<void> {
    await this.#walSync?.flush().catch(() => undefined);
    if (this.#db.open) this.#db.close();
    this.#claim?.release();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_msecs INTEGER NOT NULL)');
  const applied = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied_msecs) VALUES (?, ?)').run(version, Date.now());
  });
  sqliteMigrations.forEach((sql, index) => {
    if (index + 1 > applied) apply.immediate(index + 1, sql);
  });
}
