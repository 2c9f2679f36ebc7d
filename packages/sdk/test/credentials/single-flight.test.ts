import { describe, expect, it } from 'vitest';
import { singleFlight, waitFor } from '../../src/credentials/single-flight.js';

describe('singleFlight', () => {
  it('runs the task once for concurrent callers and again after it settles', async () => {
    let runs = 0;
    const once = singleFlight(async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return runs;
    });
    expect(await Promise.all([once(), once(), once()])).toEqual([1, 1, 1]);
    expect(await once()).toBe(2);
  });

  it('does not keep a failure: the next call runs the task again', async () => {
    let runs = 0;
    const flaky = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error('first fails');
      return 'ok';
    });
    const results = await Promise.allSettled([flaky(), flaky()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await flaky()).toBe('ok');
    expect(runs).toBe(2);
  });
});

describe('waitFor', () => {
  it("rejects one caller's wait on abort while the shared promise still settles for others", async () => {
    let finish: (value: string) => void = () => undefined;
    const shared = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const controller = new AbortController();
    const mine = waitFor(shared, controller.signal);
    const theirs = waitFor(shared, undefined);
    controller.abort(new Error('mine aborted'));
    await expect(mine).rejects.toThrow('mine aborted');
    finish('token');
    await expect(theirs).resolves.toBe('token');
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(waitFor(new Promise(() => undefined), AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
  });
});
