import type { Sql } from './sql.js';
import type { Row } from './table.js';

export interface WriteResult {
  rows: Row[];
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Runs statements written with `sql` elsewhere on a store's own connection, durably. */
export interface SqlRunner {
  read(statement: Sql): Promise<Row[]>;
  write(statement: Sql): Promise<WriteResult>;
}
