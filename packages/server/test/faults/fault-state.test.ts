import { describe, expect, it } from 'vitest';
import type { FaultTarget } from '../../src/faults/fault-scope.js';
import { FaultState } from '../../src/faults/fault-state.js';
import { createServerClock } from '../../src/faults/server-clock.js';

const target = (route: string, userSid = 'S-1-100-21-1-2-1001'): FaultTarget => ({
  userSid,
  credentialHash: () => undefined,
  route,
  method: 'GET',
});

describe('FaultState', () => {
  it('applies a share by its random draw, and a count until it is used up', () => {
    const draws = [0.1, 0.9, 0.49, 0.5];
    const state = new FaultState(
      createServerClock(() => 0),
      () => draws.shift() ?? 1,
    );
    state.addRequestFault({
      scope: { kind: 'all' },
      answer: 503,
      remaining: null,
      share: 0.5,
      latencyMsecs: 0,
      retryAfterSeconds: 1,
    });
    expect([1, 2, 3, 4].map(() => state.takeRequestFault(target('/v2/clusters'))?.answer ?? null)).toEqual([
      503,
      null,
      503,
      null,
    ]);

    const counted = new FaultState(createServerClock(() => 0));
    counted.addRequestFault({
      scope: { kind: 'route', route: '/v2/users/:sid', method: null },
      answer: 500,
      remaining: 2,
      share: null,
      latencyMsecs: 0,
      retryAfterSeconds: 1,
    });
    expect(counted.takeRequestFault(target('/v2/clusters'))).toBeUndefined();
    expect(counted.takeRequestFault(target('/v2/users/:sid'))?.hits).toBe(1);
    expect(counted.takeRequestFault(target('/v2/users/{sid}'))?.hits).toBe(2);
    expect(counted.takeRequestFault(target('/v2/users/:sid'))).toBeUndefined();
    expect(counted.requestFaults).toEqual([]);
  });

  it('expires what was made at or before the fault, within its scope only', () => {
    const state = new FaultState(createServerClock(() => 1_000));
    state.expiries.push({
      scope: { kind: 'user', userSid: 'S-a', user: 'LOCAL\\a' },
      kinds: ['tokens'],
      atMsecs: 1_000,
    });
    expect(state.isExpired('tokens', target('/x', 'S-a'), 1_000)).toBe(true);
    expect(state.isExpired('tokens', target('/x', 'S-a'), 1_001)).toBe(false);
    expect(state.isExpired('tokens', target('/x', 'S-b'), 0)).toBe(false);
    expect(state.isExpired('sessions', target('/x', 'S-a'), 0)).toBe(false);
  });

  it('moves its clock forward and back to wall time on reset', () => {
    const state = new FaultState(createServerClock(() => 5));
    state.clock.advance(10);
    expect(state.clock.now()).toBe(15);
    state.reset();
    expect(state.clock.now()).toBe(5);
  });
});
