import Database from 'better-sqlite3';
import { render, type Sql } from '../../store/sql/sql.js';
import type { Row } from '../../store/sql/table.js';
import { FileSync } from '../../store/sqlite/file-sync.js';
import { sqliteDialect } from '../../store/sqlite/sqlite-dialect.js';
import { StoreUnavailableError } from '../../store/store.js';
import type { SqlExecutor } from './sql-resources.js';

/**
 * The resource table on the server's own SQLite file, through a second connection of the
 * same process (the store claimed the file for this process; its migrations made the
 * table). Writes are answered once the WAL is synced, as the store's own are.
 */
export function sqliteExecutor(file: string): SqlExecutor {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const walSync = new FileSync(`${file}-wal`);
  const statements = new Map<string, Database.Statement>();
  const prepare = (statement: Sql) => {
    const { text, values } = render(statement, sqliteDialect);
    let prepared = statements.get(text);
    if (prepared === undefined) {
      prepared = db.prepare(text);
      statements.set(text, prepared);
    }
    return { prepared, values };
  };
  return {
    async read(statement) {
      const { prepared, values } = prepare(statement);
      return prepared.all(...values) as Row[];
    },
    async write(statement) {
      const { prepared, values } = prepare(statement);
      const result = prepared.reader
        ? { rows: prepared.all(...values) as Row[], changes: 1 }
        : { rows: [], changes: prepared.run(...values).changes };
      try {
        await walSync.flush();
      } catch {
        throw new StoreUnavailableError('the database file could not be synced');
      }
      return result;
    },
    async close() {
      await walSync.flush().catch(() => undefined);
      db.close();
    },
  };
}
