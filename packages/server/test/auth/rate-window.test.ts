import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateWindows } from '../../src/auth/rate-window.js';

describe('RateWindows', () => {
  it('refuses past max within a window and starts afresh once it has passed', () => {
    const windows = new RateWindows(2, 60_000);
    expect(windows.take('a', 1_000)).toEqual({ exceeded: false, remaining: 1, resetSeconds: 60 });
    expect(windows.take('a', 30_500)).toEqual({ exceeded: false, remaining: 0, resetSeconds: 31 });
    expect(windows.take('a', 60_999)).toEqual({ exceeded: true, remaining: 0, resetSeconds: 1 });
    // Another client has its own window.
    expect(windows.take('b', 60_999).exceeded).toBe(false);
    expect(windows.take('a', 61_000)).toEqual({ exceeded: false, remaining: 1, resetSeconds: 60 });
  });

  it('keeps at most maxClients windows, forgetting the oldest first', () => {
    const windows = new RateWindows(1, 60_000, 2);
    windows.take('a', 0);
    windows.take('b', 1);
    windows.take('c', 2);
    // 'a' was forgotten: it starts afresh; 'c' is still counted.
    expect(windows.take('a', 3).exceeded).toBe(false);
    expect(windows.take('c', 4).exceeded).toBe(true);
  });

  it('never lets more than max requests through in any one window, whatever the timing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.nat({ max: 1_000 }), { maxLength: 60 }), (max, gaps) => {
        const windows = new RateWindows(max, 100);
        let now = 0;
        let windowStart: number | undefined;
        let allowed = 0;
        for (const gap of gaps) {
          now += gap;
          // A window opens with the first request after the last one closed.
          if (windowStart === undefined || now - windowStart >= 100) {
            windowStart = now;
            allowed = 0;
          }
          if (!windows.take('client', now).exceeded) allowed++;
          expect(allowed).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
