import pg from 'pg';
import type { WriteResult } from '../sql/sql-runner.js';
import { postgresMigrations } from './migrations.js';
import { isUnavailable, toStoreError } from './unavailable.js';

/** How to reach the database. */
export interface PostgresOptions {
  /** `postgres://user@host:port/db`; `?options=-c search_path=…` in it wins over `schema`. */
  connectionString: string;
  /** The schema to keep the tables in (created at start when missing); default `public`. */
  schema?: string;
  /** Pool size per node. */
  maxConnections?: number;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

const INT8_OID = 20;
const JSON_OIDS = new Set([114, 3802]);
const asText = (value: string) => value;
// Milliseconds since the epoch and counters stay far below 2^53, so BIGINT reads as a number.
// JSON and JSONB read as text, as SQLite answers them: the store's json columns parse both alike.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? Number
      : JSON_OIDS.has(oid)
        ? asText
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// One lock for every node migrating this database (advisory locks are per database).
const MIGRATION_LOCK = 'cohesity.migrations';
const PING_TIMEOUT_MS = 1_000;

/**
 * A pg pool that turns lost connections into StoreUnavailableError and recovers by itself:
 * the pool drops broken clients and dials again on the next query.
 */
export class PostgresDatabase {
  readonly #pool: pg.Pool;
  readonly #schema: string | undefined;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new TypeError(`Invalid schema name '${options.schema}': use lowercase letters, digits and _`);
    }
    this.#schema = options.schema;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
      max: options.maxConnections ?? 10,
      // Fail fast while the database is down: the caller gets a 503 now, not a hung request.
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 30_000,
      types,
    });
    // An idle client whose server went away emits 'error'; unhandled, it would end the process.
    // The pool has already discarded that client and the next query dials a new one.
    this.#pool.on('error', () => {});
  }

  /** The rows a statement returned and how many it changed. */
  async query(sql: string, params: readonly unknown[] = []): Promise<WriteResult> {
    try {
      const { rows, rowCount } = await this.#pool.query(sql, params as unknown[]);
      return { rows, changes: rowCount ?? 0 };
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    // A checked-out client can emit 'error' between queries too; keep it from ending the process.
    const ignore = () => {};
    client.on('error', ignore);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = isUnavailable(error);
      if (!broken) await client.query('ROLLBACK').catch(() => {});
      throw toStoreError(error);
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  /**
   * Applies pending migrations. Every node runs this at start; the advisory lock, held until
   * the transaction ends, makes the others wait and then find nothing left to do.
   */
  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
      if (this.#schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#schema}`);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_msecs BIGINT NOT NULL)',
      );
      const { rows } = await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
      const applied = Number(rows[0]?.v ?? 0);
      for (const [index, sql] of postgresMigrations.entries()) {
        if (index + 1 <= applied) continue;
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, applied_msecs) VALUES ($1, $2)', [
          index + 1,
          Date.now(),
        ]);
      }
    });
  }

  /** `SELECT 1`, answering false on error or after a second. */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    const select = this.#pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([select, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
