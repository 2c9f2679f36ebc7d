import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import type { StoreUnderTest } from './store-contract.js';

/** A SQLite store on a fresh file for the contract suite, optionally wrapped (e.g. cached). */
export async function sqliteUnderTest(wrap: (store: Store) => Store = (store) => store): Promise<StoreUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'cohesity-store-'));
  const file = join(dir, 'cohesity.db');
  const store = wrap(SqliteStore.open(file));
  return {
    store,
    async execute(sql) {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
