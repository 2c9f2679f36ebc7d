import { PostgresDatabase } from '../../store/postgres/postgres-database.js';
import { postgresDialect } from '../../store/postgres/postgres-dialect.js';
import { render } from '../../store/sql/sql.js';
import type { SqlExecutor } from './sql-resources.js';

/** The resource table in the shared PostgreSQL, on a small pool of its own. */
export function postgresExecutor(connectionString: string): SqlExecutor {
  const db = new PostgresDatabase({ connectionString, maxConnections: 2 });
  return {
    async read(statement) {
      const { text, values } = render(statement, postgresDialect);
      return (await db.query(text, values)).rows;
    },
    write(statement) {
      const { text, values } = render(statement, postgresDialect);
      return db.query(text, values);
    },
    close: () => db.close(),
  };
}
