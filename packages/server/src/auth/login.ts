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
  return { after, locked: after.lockedUntilMsecs !== null && after.lockedUntilMsecs > now };
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
  const key = lockoutKey(username, domain);
  const target = `${domain}\\${username}`;
  const now = services.now();
  const refuseLocked = async (error: Error, details?: Record<string, unknown>): Promise<never> => {
    await audit(services, actor, { action: 'login', outcome: 'locked', target, ...(details ? { details } : {}) });
    throw error;
  };

  const failures = await services.store.getLoginFailures(key);
  if (failures?.lockedUntilMsecs && failures.lockedUntilMsecs > now) {
    return refuseLocked(accountLocked(new Date(failures.lockedUntilMsecs)));
  }

  const user = await services.store.findUser(username, domain);
  const passwordMatches = await services.hasher.verify(user?.passwordHash ?? null, password);
  if (user && passwordMatches && user.locked) {
    // The right password for a locked account: say so, and count no failure against it.
    return refuseLocked(userLocked(user.lockedReason));
  }
  if (!user || !passwordMatches || !canAuthenticate(user, now)) {
    const { after, locked } = await countLoginFailure(services, key, now);
    await audit(services, actor, {
      action: 'login',
      outcome: locked ? 'locked' : 'failure',
      target,
      details: { failures: after.failures },
    });
    if (locked) throw accountLocked(new Date(after.lockedUntilMsecs as number));
    throw invalidCredentials();
  }

  const inactiveDays = await lockIfInactive(services, user, now);
  if (inactiveDays !== null) return refuseLocked(accountInactive(inactiveDays), { inactiveDays });
  await options.secondFactor?.(user);
  if (failures) await services.store.clearLoginFailures(key);
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
