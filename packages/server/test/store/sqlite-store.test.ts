import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError } from '../../src/store/sqlite/database-claim.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { sqliteUnderTest } from './sqlite-under-test.js';
import { storeContract } from './store-contract.js';

describe('SqliteStore', () => {
  storeContract(() => sqliteUnderTest());
});

describe('SqliteStore.open', () => {
  it('gives the file to one store at a time, and to the next once the first is closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cohesity-store-'));
    const file = join(dir, 'cohesity.db');
    try {
      const first = SqliteStore.open(file);
      expect(() => SqliteStore.open(file)).toThrow(DatabaseInUseError);
      await first.close();
      const next = SqliteStore.open(file);
      await next.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
