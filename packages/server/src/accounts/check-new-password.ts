import { MAX_PASSWORD_BYTES } from 'cohesity-sdk/models';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import { countLoginFailure } from '../auth/login.js';
import { accountLocked, invalidRequest, missingParameters } from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { lockoutKey } from './lockout-key.js';
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
 * and differs from the old. Answers the new hash. An administrator's reset of another
 * user's password may leave the current one out.
 */
export async function checkNewPassword(
  services: Services,
  actor: Actor,
  user: UserRecord,
  change: PasswordChange,
): Promise<string> {
  const { password, currentPassword } = change;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw invalidRequest(`The password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  if (change.self && !currentPassword) throw missingParameters('currentPassword');
  if (currentPassword && !(await services.hasher.verify(user.passwordHash, currentPassword))) {
    const { after, locked } = await countLoginFailure(
      services,
      lockoutKey(user.username, user.domain, actor.ip),
      services.now(),
    );
    await audit(services, actor, {
      action: 'user.password.change',
      outcome: locked ? 'locked' : 'failure',
      target: user.sid,
      details: { reason: 'currentPassword', failures: after.failures },
    });
    if (locked) throw accountLocked(new Date(after.lockedUntilMsecs as number));
    throw invalidRequest('The current password is not correct');
  }
  assertPasswordStrength(password, (await services.securityConfig()).passwordStrength);
  if (await services.hasher.verify(user.passwordHash, password)) {
    throw invalidRequest('The new password must differ from the current one');
  }
  return services.hasher.hash(password);
}
