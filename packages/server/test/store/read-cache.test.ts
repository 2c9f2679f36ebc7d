import { describe, expect, it } from 'vitest';
import { withReadCache } from '../../src/store/read-cache.js';
import type { Store, UserRecord } from '../../src/store/store.js';
import { sqliteUnderTest } from './sqlite-under-test.js';
import { storeContract } from './store-contract.js';

describe('SqliteStore behind the read cache', () => {
  storeContract(() => sqliteUnderTest(withReadCache));
});

const user = (version: number) =>
  ({ sid: 'S-1', roles: ['COHESITY_ADMIN'], credentialsVersion: version }) as UserRecord;

/** A store whose getUser answers `current` (after `delay`, if set) and counts its calls. */
function countingStore() {
  const state = {
    current: user(1),
    reads: 0,
    delay: undefined as Promise<void> | undefined,
    records: new Map<string, string>(),
  };
  const store = {
    kind: 'sqlite',
    async getUser() {
      state.reads++;
      const answer = state.current;
      await state.delay;
      return answer;
    },
    async findUser() {
      state.reads++;
      return state.current;
    },
    async updateUser() {
      state.current = user(state.current.credentialsVersion + 1);
      return state.current;
    },
    async getRecord(kind: string, id: string) {
      state.reads++;
      return state.records.get(`${kind}/${id}`);
    },
    async putRecord(kind: string, id: string, value: string) {
      state.records.set(`${kind}/${id}`, value);
    },
  } as unknown as Store;
  return { state, cached: withReadCache(store) };
}

describe('withReadCache', () => {
  it('answers a repeated hot read from memory, frozen, until any write', async () => {
    const { state, cached } = countingStore();
    const first = await cached.getUser('S-1');
    expect(await cached.getUser('S-1')).toBe(first);
    expect(state.reads).toBe(1);
    expect(Object.isFrozen(first) && Object.isFrozen(first?.roles)).toBe(true);

    await cached.updateUser('S-1', { lastUpdatedTimeMsecs: 2 });
    expect((await cached.getUser('S-1'))?.credentialsVersion).toBe(2);
    expect(state.reads).toBe(2);
  });

  it('does not keep a read that a write overlapped', async () => {
    const { state, cached } = countingStore();
    let finishRead = () => {};
    state.delay = new Promise((resolve) => {
      finishRead = resolve;
    });
    const staleRead = cached.getUser('S-1');
    await cached.updateUser('S-1', { lastUpdatedTimeMsecs: 2 });
    finishRead();
    expect((await staleRead)?.credentialsVersion).toBe(1);
    state.delay = undefined;
    expect((await cached.getUser('S-1'))?.credentialsVersion).toBe(2);
  });

  it('passes other reads through every time', async () => {
    const { state, cached } = countingStore();
    await cached.findUser('admin', 'LOCAL');
    await cached.findUser('admin', 'LOCAL');
    expect(state.reads).toBe(2);
  });
});
