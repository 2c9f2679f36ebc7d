import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GuessOutcome, guardedGuess } from '../../src/auth/guarded-guess.js';
import { DEFAULT_SECURITY_CONFIG } from '../../src/bootstrap.js';
import { postgresReachable } from '../helpers/postgres.js';
import { STORES, type StoreServer, startOnStore } from '../helpers/store-server.js';

const reachable = await postgresReachable('guarded guesses on PostgreSQL');
const MAX = 3;
const config = {
  ...DEFAULT_SECURITY_CONFIG,
  accountLockout: { maxFailedLoginAttempts: MAX, failedLoginLockTimeDurationMins: 15, inactivityTimeDays: 0 },
};

/** A guess whose check waits until the test lets it finish, so the test picks the order. */
function pendingCheck(right: boolean) {
  let finish = () => {};
  let started = () => {};
  const begun = new Promise<void>((resolve) => {
    started = resolve;
  });
  const check = () =>
    new Promise<boolean>((resolve) => {
      started();
      finish = () => resolve(right);
    });
  return { check, begun, finish: () => finish() };
}

/** The outcome each guess must have when checks finish in this order, one at a time. */
function expectedOutcomes(rights: readonly boolean[], order: readonly number[]): GuessOutcome['kind'][] {
  const outcomes: GuessOutcome['kind'][] = Array(rights.length);
  let failures = 0;
  for (const i of order) {
    if (rights[i]) outcomes[i] = failures >= MAX ? 'locked' : 'right';
    else outcomes[i] = ++failures >= MAX ? 'locked' : 'wrong';
  }
  return outcomes;
}

describe.each(STORES)('guardedGuess on %s', (_store, onPostgres) => {
  let server: StoreServer;
  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    server = await startOnStore(onPostgres, { adminPassword: randomUUID() });
  });
  afterAll(() => server?.close());

  const services = () => ({ store: server.t.server.store, now: Date.now, securityConfig: async () => config });

  it.skipIf(onPostgres && !reachable)(
    'answers every guess by the count when its own check ends, whatever order racing checks end in',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .array(fc.boolean(), { minLength: 1, maxLength: 2 * MAX + 2 })
            .chain((rights) =>
              fc.tuple(fc.constant(rights), fc.shuffledSubarray([...rights.keys()], { minLength: rights.length })),
            ),
          async ([rights, order]) => {
            const key = `guess-${randomUUID()}`;
            const checks = rights.map(pendingCheck);
            // All start together: each has read "not locked" before any check ends.
            const outcomes = checks.map((c) => guardedGuess(services(), key, c.check));
            await Promise.all(checks.map((c) => c.begun));
            const kinds: GuessOutcome['kind'][] = Array(rights.length);
            for (const i of order) {
              checks[i]?.finish();
              kinds[i] = (await outcomes[i])?.kind as GuessOutcome['kind'];
            }
            expect(kinds).toEqual(expectedOutcomes(rights, order));
            // Right guesses never count; every wrong one does, once.
            const wrong = rights.filter((right) => !right).length;
            expect((await server.t.server.store.getLoginFailures(key))?.failures ?? 0).toBe(wrong);
          },
        ),
        { numRuns: 40 },
      );
    },
    60_000,
  );

  it.skipIf(onPostgres && !reachable)('refuses a locked account without running the check', async () => {
    const key = `guess-${randomUUID()}`;
    for (let i = 0; i < MAX; i++) await guardedGuess(services(), key, async () => false);
    let checked = false;
    const outcome = await guardedGuess(services(), key, async () => {
      checked = true;
      return true;
    });
    expect(outcome.kind).toBe('locked');
    expect(checked).toBe(false);
  });
});
