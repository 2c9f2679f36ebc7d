import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Every table's rows (but those `except`ed), as JSON text per table, read through a second, read-only connection. */
export type DatabaseSnapshot = Record<string, string>;

export const DATABASE_FILE = 'cohesity.db';

export function snapshotDatabase(dataDir: string, except: readonly string[] = []): DatabaseSnapshot {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all() as string[]
    ).filter((table) => !except.includes(table));
    return Object.fromEntries(
      tables.map((table) => [table, JSON.stringify(db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all())]),
    );
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of the database in `dataDir`: 'ok' when sound. */
export function checkIntegrity(dataDir: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}
