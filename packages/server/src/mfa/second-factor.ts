import { lockoutKey } from '../accounts/lockout-key.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import { guardedGuess, guessDetails } from '../auth/guarded-guess.js';
import { accountLocked } from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { verifyEmailOtp } from './email-otp.js';
import { type MfaMethod, mfaMethodsFor } from './mfa-config.js';
import { otpInvalid, otpMissing } from './mfa-errors.js';
import { verifyTotpCode } from './totp.js';

interface OtpFields {
  otpType?: string | null | undefined;
  otpCode?: string | null | undefined;
}

/**
 * Checks an MFA code (login flows §3.6, §3.7). `otpType` matches case-insensitively (v1
 * sends `Totp`, v2 `totp`) and defaults to TOTP; a wrong or empty code counts toward the
 * account lockout like a wrong password, and is audited.
 */
export async function checkOtpCode(
  services: Services,
  actor: Actor,
  user: UserRecord,
  methods: readonly MfaMethod[],
  fields: OtpFields,
  onLock: () => Promise<void> = async () => {},
): Promise<MfaMethod> {
  const { otpCode } = fields;
  if (otpCode === null || otpCode === undefined) throw otpMissing();
  const key = lockoutKey(user.username, user.domain, actor.ip);
  const type = (fields.otpType ?? 'totp').toLowerCase();
  const method = methods.find((m) => m === type);
  const target = `${user.domain}\\${user.username}`;
  // A locked account proves nothing, not even with the right code (guarded-guess.ts).
  const outcome = await guardedGuess(services, key, async () =>
    method === 'totp'
      ? verifyTotpCode(services, user, otpCode)
      : method === 'email'
        ? verifyEmailOtp(services, user, otpCode)
        : false,
  );
  if (outcome.kind === 'right' && method) {
    await audit(services, actor, { action: 'mfa.verify', outcome: 'success', target, details: { method } });
    return method;
  }
  await audit(services, actor, {
    action: 'mfa.verify',
    outcome: outcome.kind === 'locked' ? 'locked' : 'failure',
    target,
    details: {
      method: method ?? type.slice(0, 16),
      ...guessDetails(outcome),
    },
  });
  if (outcome.kind === 'locked') {
    await onLock();
    throw accountLocked(new Date(outcome.unlocksAtMsecs));
  }
  throw otpInvalid(user.username, method ?? 'totp');
}

/** The `secondFactor` of token and session logins: the code comes in the login body. */
export function inlineSecondFactor(services: Services, actor: Actor, fields: OtpFields | undefined) {
  return async function checkInlineOtp(user: UserRecord): Promise<void> {
    const methods = await mfaMethodsFor(services, user);
    // Users without MFA: both fields are ignored, whatever they hold.
    if (methods === null) return;
    await checkOtpCode(services, actor, user, methods, fields ?? {});
  };
}
