import { render, type Sql } from '../sql/sql.js';
import type { WriteResult } from '../sql/sql-runner.js';
import type { Row } from '../sql/table.js';
import { SqlStore } from '../sql-store.js';
import type { Steps } from '../transactions/steps.js';
import { PostgresDatabase, type PostgresOptions } from './postgres-database.js';
import { postgresDialect } from './postgres-dialect.js';

/**
 * The shared store for several nodes. Every request reads users, keys and sessions from
 * here (no per-node cache), so a revocation on one node holds on all of them at once.
 */
export class PostgresStore extends SqlStore {
  readonly kind = 'postgres';
  readonly #db: PostgresDatabase;

  private constructor(db: PostgresDatabase) {
    super(postgresDialect);
    this.#db = db;
  }

  /** Connects and applies pending migrations (safe when several nodes start together). */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const db = new PostgresDatabase(options);
    try {
      await db.migrate();
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PostgresStore(db);
  }

  protected async read(statement: Sql): Promise<Row[]> {
    return (await this.write(statement)).rows;
  }

  protected write(statement: Sql): Promise<WriteResult> {
    const { text, values } = render(statement, this.dialect);
    return this.#db.query(text, values);
  }

  /**
   * One transaction on one connection. `lock` is a transaction-scoped advisory lock, which
   * serialises what must be counted then written across every node.
   */
  protected transaction<T>(steps: Steps<T>, lock?: string): Promise<T> {
    return this.#db.transaction(async (client) => {
      if (lock !== undefined) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
      let step = steps.next();
      while (!step.done) {
        const { text, values } = render(step.value, this.dialect);
        const result = await client.query(text, values).then(
          ({ rows }) => ({ rows }),
          (error: unknown) => ({ error }),
        );
        step = 'error' in result ? steps.throw(result.error) : steps.next(result.rows);
      }
      return step.value;
    });
  }

  async ping(): Promise<boolean> {
    return this.#db.ping();
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}
