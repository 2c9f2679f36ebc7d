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
import { guardedGuess, guessDetails } from './guarded-guess.js';

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

  // Counted only once checked and wrong (guarded-guess.ts): a burst of guesses gets at most
  // maxFailedLoginAttempts answers that are not "locked", and right ones never count.
  const outcome = await guardedGuess(services, key, () => services.hasher.verify(user?.passwordHash ?? null, password));
  if (outcome.kind === 'locked') {
    return refuseLocked(accountLocked(new Date(outcome.unlocksAtMsecs)), guessDetails(outcome));
  }
  if (user && outcome.kind === 'right' && user.locked) return refuseLocked(userLocked(user.lockedReason));
  if (!user || outcome.kind === 'wrong' || !canAuthenticate(user, now)) {
    await audit(services, actor, {
      action: 'login',
      outcome: 'failure',
      target,
      details: guessDetails(outcome),
    });
    throw invalidCredentials();
  }

  const inactiveDays = await lockIfInactive(services, user, now);
  if (inactiveDays !== null) return refuseLocked(accountInactive(inactiveDays), { inactiveDays });
  await options.secondFactor?.(user);
  // A lock that racing wrong guesses set meanwhile stays.
  await services.store.clearLoginFailures(key, services.now());
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
