import type { Sql } from '../sql/sql.js';
import type { Row } from '../sql/table.js';

/**
 * A transaction's body, written once for both stores: a generator that yields each
 * statement and is given back the rows it returned (a failed statement is thrown into it,
 * so the body may catch it, e.g. to name a unique violation). SQLite runs it synchronously
 * in one immediate transaction; PostgreSQL awaits each step on one connection. Run one with
 * `SqlStore.transaction(steps, lock?)`.
 */
export type Steps<T> = Generator<Sql, T, Row[]>;
