import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit, QueueFullError } from '../../src/auth/concurrency-limit.js';

/** A task that runs until `finish()` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { task: () => done, finish };
}

describe('createConcurrencyLimit', () => {
  it('runs at most `concurrency` tasks at once and queues the rest', async () => {
    const limit = createConcurrencyLimit(2, 10);
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g) => limit.run(g.task));
    await Promise.resolve();
    expect(limit.active).toBe(2);
    expect(limit.queued).toBe(1);
    gates[0]?.finish();
    await runs[0];
    await Promise.resolve();
    expect(limit.active).toBe(2);
    expect(limit.queued).toBe(0);
    gates[1]?.finish();
    gates[2]?.finish();
    await Promise.all(runs);
    expect(limit.active).toBe(0);
  });

  it('rejects with QueueFullError once maxQueued tasks wait', async () => {
    const limit = createConcurrencyLimit(1, 1);
    const first = gate();
    const second = gate();
    const running = limit.run(first.task);
    const waiting = limit.run(second.task);
    await expect(limit.run(async () => 'x')).rejects.toBeInstanceOf(QueueFullError);
    first.finish();
    second.finish();
    await Promise.all([running, waiting]);
    expect(await limit.run(async () => 'ok')).toBe('ok');
  });

  it('with maxQueued 0, refuses anything beyond the running tasks', async () => {
    const limit = createConcurrencyLimit(1, 0);
    const first = gate();
    const running = limit.run(first.task);
    await expect(limit.run(async () => 1)).rejects.toBeInstanceOf(QueueFullError);
    first.finish();
    await running;
    expect(await limit.run(async () => 2)).toBe(2);
  });

  it('frees the slot when a task fails, and passes the failure on', async () => {
    const limit = createConcurrencyLimit(1, 0);
    await expect(limit.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limit.active).toBe(0);
    expect(await limit.run(async () => 'after')).toBe('after');
  });

  it('hands slots over in arrival order', async () => {
    const limit = createConcurrencyLimit(1, 5);
    const order: number[] = [];
    const first = gate();
    const runs = [limit.run(first.task), ...[1, 2, 3].map((n) => limit.run(async () => void order.push(n)))];
    first.finish();
    await Promise.all(runs);
    expect(order).toEqual([1, 2, 3]);
  });
});
