import { unlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError } from '../../src/store/sqlite/database-claim.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { type AuditEvent, StoreUnavailableError } from '../../src/store/store.js';
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

describe('SqliteStore durability', () => {
  it('after a failed sync refuses every write and reports itself down', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cohesity-store-'));
    const file = join(dir, 'cohesity.db');
    const store = SqliteStore.open(file);
    try {
      await store.putSetting('bootstrapped', { timeMsecs: 1 });
      expect(await store.ping()).toBe(true);
      // The WAL's name gone: the next sync cannot reach the file the write went to.
      unlinkSync(`${file}-wal`);
      await expect(store.putSetting('bootstrapped', { timeMsecs: 2 })).rejects.toThrow(StoreUnavailableError);
      expect(await store.ping()).toBe(false);
      const writes = [
        () => store.putSettingIfAbsent('bootstrapped', { timeMsecs: 3 }),
        () => store.recordLogin('S-1', 3),
        () => store.deleteUser('S-1'),
        () => store.deleteApiKey('key'),
        () => store.deleteSessions(),
        () => store.clearLoginFailures('admin', 3),
        () => store.appendAudit({ timeMsecs: 3, action: 'login', outcome: 'success' } as AuditEvent),
      ];
      for (const write of writes) await expect(write()).rejects.toThrow(/could not be written to disk/);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
