import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSync } from '../../src/store/sqlite/file-sync.js';

/** A sync function whose calls finish only when the test says so. */
function controlledSync() {
  const calls: { finish: () => void }[] = [];
  const sync = () =>
    new Promise<void>((resolve) => {
      calls.push({ finish: resolve });
    });
  return { calls, sync };
}

const settled = (promise: Promise<unknown>) => {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('FileSync', () => {
  it('gives callers that arrive during a sync one more sync, shared, begun after the running one', async () => {
    const { calls, sync } = controlledSync();
    const file = new FileSync('/unused', sync);
    const first = settled(file.flush());
    const second = settled(file.flush());
    const third = settled(file.flush());
    await turn();
    expect(calls).toHaveLength(1);

    calls[0]?.finish();
    await turn();
    expect(first.done).toBe(true);
    // The running sync may have begun before their writes: they wait for the next.
    expect(second.done || third.done).toBe(false);
    expect(calls).toHaveLength(2);

    calls[1]?.finish();
    await turn();
    expect(second.done && third.done).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('syncs a real file, and refuses a missing one rather than pass it for durable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cohesity-sync-'));
    try {
      await writeFile(join(dir, 'wal'), 'frames');
      await expect(new FileSync(join(dir, 'wal')).flush()).resolves.toBeUndefined();
      await expect(new FileSync(join(dir, 'missing')).flush()).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
