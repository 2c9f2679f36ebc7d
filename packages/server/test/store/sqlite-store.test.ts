import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { storeContract } from './store-contract.js';

describe('SqliteStore', () => {
  storeContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cohesity-store-'));
    const file = join(dir, 'cohesity.db');
    const store = SqliteStore.open(file);
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
  });
});
