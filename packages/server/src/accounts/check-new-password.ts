import { MAX_PASSWORD_BYTES } from 'cohesity-sdk/models';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import { guardedGuess, guessDetails } from '../auth/guarded-guess.js';
import { accountLocked, invalidRequest, missingParameters } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPatch, UserRecord } from '../store/store.js';
import { lockoutKey } from './lockout-key.js';
import { tooSoonToChange } from './password-expiry.js';
import { assertPasswordStrength } from './password-policy.js';

export interface PasswordChange {
  password: string;
  currentPassword?: string | null | undefined;
  /** The user changes their own password (then `currentPassword` is required). */
  self: boolean;
}

/**
 * The rules of a password change (login flows §4): one's own needs the current password
 * (a wrong one counts toward lockout, as a wrong login does); the new one meets the policy
 * and differs from the old. An administrator's reset of another user's password may leave
 * the current one out, and must be changed at the next login (login flows §4, the project's
 * rule). Answers what the change sets on the user.
 */
export async function checkNewPassword(
  services: Services,
  actor: Actor,
  user: UserRecord,
  change: PasswordChange,
): Promise<Required<Pick<UserPatch, 'passwordHash' | 'passwordChangedTimeMsecs' | 'forcePasswordChange'>>> {
  const { password, currentPassword } = change;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw invalidRequest(`The password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  if (change.self && !currentPassword) throw missingParameters('currentPassword');
  if (currentPassword) {
    // Counted toward the lockout like a login's password, and refused once locked (guarded-guess.ts).
    const outcome = await guardedGuess(services, lockoutKey(user.username, user.domain, actor.ip), () =>
      services.hasher.verify(user.passwordHash, currentPassword),
    );
    if (outcome.kind !== 'right') {
      await audit(services, actor, {
        action: 'user.password.change',
        outcome: outcome.kind === 'locked' ? 'locked' : 'failure',
        target: user.sid,
        details: { reason: 'currentPassword', ...guessDetails(outcome) },
      });
      if (outcome.kind === 'locked') throw accountLocked(new Date(outcome.unlocksAtMsecs));
      throw invalidRequest('The current password is not correct');
    }
  }
  const config = await services.securityConfig();
  if (change.self && tooSoonToChange(user, config, services.now())) {
    const days = config.passwordLifetime.minLifetimeDays;
    throw invalidRequest(`The password was changed less than ${days} day${days === 1 ? '' : 's'} ago`);
  }
  assertPasswordStrength(password, config.passwordStrength);
  if (await services.hasher.verify(user.passwordHash, password)) {
    throw invalidRequest('The new password must differ from the current one');
  }
  return {
    passwordHash: await services.hasher.hash(password),
    passwordChangedTimeMsecs: services.now(),
    forcePasswordChange: !change.self,
  };
}
