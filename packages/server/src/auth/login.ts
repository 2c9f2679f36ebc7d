import { type CreateAccessTokenRequestParams, DEFAULT_DOMAIN, MAX_PASSWORD_BYTES } from 'cohesity-sdk/models';
import { lockIfInactive } from '../accounts/inactivity.js';
import { lockoutKey } from '../accounts/lockout-key.js';
import { canAuthenticate } from '../accounts/user-status.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import {
  accountInactive,
  accountLocked,
  invalidCredentials,
  invalidRequest,
  missingParameters,
  userLocked,
} from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { QueueFullError } from './concurrency-limit.js';

/** Counts one failed login (a wrong password or MFA code) toward `accountLockout`. */
export async function countLoginFailure(services: Services, key: string, now: number) {
  const { accountLockout } = await services.securityConfig();
  const lockMsecs = accountLockout.failedLoginLockTimeDurationMins * 60_000;
  const after = await services.store.recordLoginFailure(key, now, {
    maxAttempts: accountLockout.maxFailedLoginAttempts,
    windowMsecs: lockMsecs,
    lockMsecs,
  });
  const maxAttempts = accountLockout.maxFailedLoginAttempts;
  return { after, locked: after.lockedUntilMsecs !== null && after.lockedUntilMsecs > now, maxAttempts };
}

export interface LoginOptions {
  /** Checked after the password and before the login counts as a success (MFA codes). */
  secondFactor?: (user: UserRecord) => Promise<void>;
}

/**
 * Checks a username and password as a login does (tokens and sessions alike): mandatory
 * fields, size, lockout, argon2id verify, rehash when parameters rose. Every outcome is
 * audited; the password goes nowhere but the hasher.
 */
export async function loginWithPassword(
  services: Services,
  actor: Actor,
  body: CreateAccessTokenRequestParams | undefined,
  options: LoginOptions = {},
): Promise<UserRecord> {
  const username = body?.username;
  const password = body?.password;
  const missing = [username ? null : 'username', password ? null : 'password'].filter(Boolean);
  if (!username || !password) throw missingParameters(missing.join(', '));
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw invalidRequest(`The password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  const domain = body.domain || DEFAULT_DOMAIN;
  const key = lockoutKey(username, domain, actor.ip);
  const now = services.now();
  const user = await services.store.findUser(username, domain);
  // A name that matches no user may be a password typed into the wrong field: not audited.
  const target = user ? `${domain}\\${username}` : null;
  const refuseLocked = async (error: Error, details?: Record<string, unknown>): Promise<never> => {
    await audit(services, actor, { action: 'login', outcome: 'locked', target, ...(details ? { details } : {}) });
    throw error;
  };

  // Counted before it is checked, in one atomic statement (across nodes too): however many
  // guesses arrive together, at most maxFailedLoginAttempts of them reach the hasher.
  const { after: counted, locked, maxAttempts: max } = await countLoginFailure(services, key, now);
  const lockedUntil = locked ? (counted.lockedUntilMsecs as number) : null;
  if (lockedUntil !== null && counted.failures > max) {
    return refuseLocked(accountLocked(new Date(lockedUntil)));
  }

  const passwordMatches = await services.hasher.verify(user?.passwordHash ?? null, password).catch(async (error) => {
    // Refused before any hashing: no guess was checked, so none is counted.
    if (error instanceof QueueFullError) await services.store.uncountLoginFailure(key, max);
    throw error;
  });
  // The right password is no failure: take it back, whatever the login's outcome (a second
  // factor then counts its own failures; only a whole success clears the count).
  if (user && passwordMatches) await services.store.uncountLoginFailure(key, max);
  if (user && passwordMatches && user.locked) return refuseLocked(userLocked(user.lockedReason));
  if (!user || !passwordMatches || !canAuthenticate(user, now)) {
    await audit(services, actor, {
      action: 'login',
      outcome: lockedUntil !== null ? 'locked' : 'failure',
      target,
      details: { failures: counted.failures },
    });
    if (lockedUntil !== null) throw accountLocked(new Date(lockedUntil));
    throw invalidCredentials();
  }

  const inactiveDays = await lockIfInactive(services, user, now);
  if (inactiveDays !== null) return refuseLocked(accountInactive(inactiveDays), { inactiveDays });
  await options.secondFactor?.(user);
  await services.store.clearLoginFailures(key);
  if (user.passwordHash && services.hasher.needsRehash(user.passwordHash)) {
    // A busy hasher must not fail a login that has already succeeded: the next login upgrades.
    const upgraded = await services.hasher.hash(password).catch((error: unknown) => {
      if (error instanceof QueueFullError) return null;
      throw error;
    });
    if (upgraded) {
      await services.store.updateUser(user.sid, {
        passwordHash: upgraded,
        lastUpdatedTimeMsecs: user.lastUpdatedTimeMsecs,
      });
    }
  }
  // Together, so that a store which groups commits writes both with one fsync.
  await Promise.all([
    services.store.recordLogin(user.sid, now),
    audit(services, actor, { action: 'login', outcome: 'success', target, actorSid: user.sid, actorName: target }),
  ]);
  return user;
}
