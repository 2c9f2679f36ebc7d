import { type Dialect, sql, valueList } from '../sql/sql.js';

const UNIQUE_INDEX = /^UNIQUE constraint failed: index '([^']+)'$/;

/** better-sqlite3: `?`, booleans as 0/1, JSON text read with json_each. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  placeholder: () => '?',
  bind: (value) => (typeof value === 'boolean' ? Number(value) : value),
  jsonArrayHasAny: (column, values) =>
    sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN (${valueList(values)}))`,
  byteOrder: sql`COLLATE BINARY`,
  violatedIndex(error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof message !== 'string') return undefined;
    return UNIQUE_INDEX.exec(message)?.[1];
  },
};
