import { type Dialect, sql, valueList } from '../sql/sql.js';

const UNIQUE_VIOLATION = '23505';

/** node-postgres: `$n`, native booleans, JSONB with its own operators. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  placeholder: (n) => `$${n}`,
  bind: (value) => value,
  jsonArrayHasAny: (column, values) => sql`${column} ?| ARRAY[${valueList(values)}]::text[]`,
  // Byte order, as SQLite sorts, whatever the database's locale.
  byteOrder: sql`COLLATE "C"`,
  violatedIndex(error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    return code === UNIQUE_VIOLATION && typeof constraint === 'string' ? constraint : undefined;
  },
};
