import { identifier, join, type Sql, sql } from './sql.js';

/** A row as either database answers it. */
export type Row = Record<string, unknown>;

interface Column {
  name: string;
  /** From the database's value to the record's (SQLite gives flags as 0/1). */
  read: (value: unknown) => unknown;
  /** From the record's value to the one bound (the dialect then binds booleans its way). */
  write: (value: unknown) => unknown;
}

/** A table's columns, listed once: one per record field. */
export interface Table<T> {
  readonly name: Sql;
  readonly columns: { readonly [K in keyof T]-?: Column };
}

/** Some of a record's fields; an undefined one is left out (not changed, or the column's default). */
export type Values<T> = { readonly [K in keyof T]?: T[K] | undefined };

const asIs = (value: unknown) => value;
/** A BOOLEAN (PostgreSQL) or 0/1 INTEGER (SQLite) column. */
export const flag = (name: string): Column => ({ name, read: Boolean, write: asIs });
/** A JSONB (PostgreSQL) or TEXT (SQLite) column: any JSON value, as JSON text both ways on both. */
export const json = (name: string): Column => ({
  name,
  read: (value) => (value === null ? null : JSON.parse(String(value))),
  write: (value) => JSON.stringify(value),
});

/** Field names to column names (a plain string) or to `flag(…)`/`json(…)` columns. */
export function defineTable<T>(name: string, columns: { readonly [K in keyof T]-?: string | Column }): Table<T> {
  const entries = Object.entries(columns as Record<string, string | Column>).map(([field, column]) => {
    const c = typeof column === 'string' ? { name: column, read: asIs, write: asIs } : column;
    identifier(c.name);
    return [field, c];
  });
  return { name: identifier(name), columns: Object.fromEntries(entries) };
}

export function readRow<T>(table: Table<T>, row: Row): T {
  const columns = Object.entries(table.columns) as [string, Column][];
  return Object.fromEntries(columns.map(([field, c]) => [field, c.read(row[c.name])])) as T;
}

/** The fields of `values` that the table knows and that are set, as [column, value]. */
function assigned<T>(table: Table<T>, values: Values<T>): [Sql, unknown][] {
  const columns = table.columns as Record<string, Column>;
  return Object.entries(values)
    .filter(([field, value]) => field in columns && value !== undefined)
    .map(([field, value]) => {
      const column = columns[field] as Column;
      return [identifier(column.name), column.write(value)];
    });
}

/** `INSERT INTO t (a, b) VALUES (…)` from the set fields of `values`, plus `extra` raw columns. */
export function insertInto<T>(table: Table<T>, values: Values<T>, extra: Record<string, unknown> = {}): Sql {
  const pairs = [...assigned(table, values), ...Object.entries(extra).map(([c, v]) => [identifier(c), v] as const)];
  const columns = join(pairs.map(([c]) => c));
  const params = join(pairs.map(([, v]) => sql`${v}`));
  return sql`INSERT INTO ${table.name} (${columns}) VALUES (${params})`;
}

/** `a = …, b = …` for an UPDATE's SET, from the set fields of `patch`. */
export const assignments = <T>(table: Table<T>, patch: Values<T>): Sql[] =>
  assigned(table, patch).map(([column, value]) => sql`${column} = ${value}`);
