import type { Services } from '../services.js';

/** How a guess (a password, an MFA code, a current password) came out under the lockout. */
export type GuessOutcome =
  | { kind: 'right' }
  | { kind: 'wrong'; failures: number }
  /** `failures` only on the guess whose count locked the account (one, however many race). */
  | { kind: 'locked'; unlocksAtMsecs: number; failures?: number };

/**
 * The audit details of a refused guess: its count when it was counted and reached no lock,
 * or locked the account (the metrics count lockouts by it); nothing for one refused as
 * locked already.
 */
export const guessDetails = (outcome: GuessOutcome): { failures?: number } =>
  outcome.kind !== 'right' && outcome.failures !== undefined ? { failures: outcome.failures } : {};

const lockedAt = (state: { lockedUntilMsecs: number | null } | undefined, now: number) =>
  state?.lockedUntilMsecs != null && state.lockedUntilMsecs > now ? state.lockedUntilMsecs : null;

/**
 * Checks one guess against `accountLockout`, for the account's lockout `key`. Nothing is
 * counted before the check, so a right guess, or one in flight when the process dies, never
 * counts as a failure; a wrong one is counted after, in one atomic upsert that locks at
 * `maxFailedLoginAttempts` (on both stores, across PostgreSQL nodes). A guess is answered
 * by the state after its own check: a right one that finishes once the account is locked
 * is refused like a wrong one, so of wrong guesses racing, at most `maxFailedLoginAttempts`
 * are answered with anything but "locked" (a success in between clears the count). A locked
 * account is refused before `check` runs (no hashing for it); each other guess of a burst
 * costs one hash, bounded by the login rate limit and the hasher's queue.
 */
export async function guardedGuess(
  services: Pick<Services, 'store' | 'now' | 'securityConfig'>,
  key: string,
  check: () => Promise<boolean>,
): Promise<GuessOutcome> {
  const before = await services.store.getLoginFailures(key);
  const lockedBefore = lockedAt(before, services.now());
  if (lockedBefore !== null) return { kind: 'locked', unlocksAtMsecs: lockedBefore };
  const right = await check();
  const now = services.now();
  if (right) {
    const after = await services.store.getLoginFailures(key);
    const lockedAfter = lockedAt(after, now);
    return lockedAfter === null ? { kind: 'right' } : { kind: 'locked', unlocksAtMsecs: lockedAfter };
  }
  const { accountLockout } = await services.securityConfig();
  const lockMsecs = accountLockout.failedLoginLockTimeDurationMins * 60_000;
  const counted = await services.store.recordLoginFailure(key, now, {
    maxAttempts: accountLockout.maxFailedLoginAttempts,
    windowMsecs: lockMsecs,
    lockMsecs,
  });
  const lockedNow = lockedAt(counted, now);
  if (lockedNow === null) return { kind: 'wrong', failures: counted.failures };
  return counted.failures === accountLockout.maxFailedLoginAttempts
    ? { kind: 'locked', unlocksAtMsecs: lockedNow, failures: counted.failures }
    : { kind: 'locked', unlocksAtMsecs: lockedNow };
}
