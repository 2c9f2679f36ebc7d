import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE, type DatabaseSnapshot, snapshotDatabase } from './db-snapshot.js';
import { TEST_DATABASE_URL } from './postgres.js';

export interface AuditRow {
  id: number;
  action: string;
  outcome: string;
  actor_sid: string | null;
}

/** What a test reads of a server's database behind its back, on either store. */
export interface StoreState {
  /** Every table's rows but those `except`ed, as JSON text per table. */
  snapshot(except?: readonly string[]): Promise<DatabaseSnapshot>;
  /** The id of the newest audit line, 0 when there is none. */
  lastAuditId(): Promise<number>;
  /** The audit lines appended after line `afterId`. */
  auditSince(afterId: number): Promise<AuditRow[]>;
  close(): Promise<void>;
}

const AUDIT_SINCE = 'SELECT id, action, outcome, actor_sid FROM audit_log WHERE id > $1 ORDER BY id';
const LAST_AUDIT = 'SELECT coalesce(max(id), 0) AS id FROM audit_log';

/** The SQLite database in `dataDir`, read through a second, read-only connection per call. */
export function sqliteState(dataDir: string): StoreState {
  const read = <T>(use: (db: Database.Database) => T): T => {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    snapshot: async (except = []) => snapshotDatabase(dataDir, except),
    lastAuditId: async () => read((db) => Number(db.prepare(LAST_AUDIT).pluck().get() ?? 0)),
    auditSince: async (afterId) => read((db) => db.prepare(AUDIT_SINCE.replace('$1', '?')).all(afterId) as AuditRow[]),
    close: async () => undefined,
  };
}

/** The tables of PostgreSQL schema `schema`, through a connection of the test's own. */
export async function postgresState(schema: string): Promise<StoreState> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    async snapshot(except = []) {
      const tables = await client.query<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      const snapshot: DatabaseSnapshot = {};
      for (const { name } of tables.rows.filter((table) => !except.includes(table.name))) {
        // No rowid: the first column is each table's key.
        snapshot[name] = JSON.stringify((await client.query(`SELECT * FROM "${name}" ORDER BY 1`)).rows);
      }
      return snapshot;
    },
    lastAuditId: async () => Number((await client.query<{ id: string }>(LAST_AUDIT)).rows[0]?.id ?? 0),
    auditSince: async (afterId) =>
      (await client.query<AuditRow>(AUDIT_SINCE, [afterId])).rows.map((row) => ({ ...row, id: Number(row.id) })),
    close: () => client.end(),
  };
}
