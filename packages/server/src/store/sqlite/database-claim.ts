import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Another server process already serves from this SQLite database. */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
  constructor(readonly file: string) {
    super(
      `another server is using ${file}: the embedded database belongs to one server process. ` +
        'Stop the other one, choose another --data-dir, or run several nodes on PostgreSQL (--database-url)',
    );
  }
}

/**
 * Claims the database `file` for this process until `release()`. The server keeps what it
 * reads in memory until its next write, which is exact only while no other process writes.
 *
 * The claim is an exclusive transaction, never committed, on a side file `<file>.lock`:
 * the database itself stays readable (backups, inspection), and the kernel drops the lock
 * when the process dies, even by kill -9, so no claim outlives its owner.
 */
export function claimDatabase(file: string): { release(): void } {
  const lock = new Database(`${file}.lock`, { timeout: 0 });
  try {
    chmodSync(`${file}.lock`, 0o600);
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(file);
    throw error;
  }
  return { release: () => lock.close() };
}
