import type { SessionUser, WebUser } from 'cohesity-sdk/models';
import { mustChangePassword } from '../accounts/password-expiry.js';
import { privilegesOf } from '../auth/privileges.js';
import { readLoginProfile } from '../mfa/login-profile.js';
import { mfaConfig } from '../mfa/mfa-config.js';
import { toUserV1 } from '../routes/v1/users.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/store.js';
import { tenantIdOfUser } from '../tenants/tenant-names.js';

/** The v1 `User` of a web login: `mfaInfo` always present (pyhesity reads it without guards). */
export async function toWebUser(services: Services, user: UserRecord, tenantId?: string | null): Promise<WebUser> {
  const [profile, mfa, security] = await Promise.all([
    readLoginProfile(services, user.sid),
    mfaConfig(services),
    services.securityConfig(),
  ]);
  return {
    ...toUserV1(user),
    tenantId: tenantId === undefined ? tenantIdOfUser(user) : tenantId,
    forcePasswordChange: mustChangePassword(user, security, services.now()),
    isAccountLocked: user.locked,
    lockoutReason: user.lockedReason,
    mfaInfo: {
      isEmailOtpSetupDone: profile.emailVerified,
      isTotpSetupDone: profile.totp?.verified ?? false,
      isUserExemptFromMfa: profile.mfaExempt,
    },
    mfaMethods: mfa.enabled ? mfa.authenticationTypes : [],
    isClusterMfaEnabled: mfa.enabled,
    effectiveTimeMsecs: user.effectiveTimeMsecs,
    expiredTimeMsecs: user.expiryTimeMsecs,
    preferences: { locale: 'en-us' },
  };
}

/** v1 `SessionUser`, answered by `POST /login` (the project's choice) and `verify-otp`. */
export async function toSessionUser(
  services: Services,
  user: UserRecord,
  tenantId?: string | null,
): Promise<SessionUser> {
  return {
    user: await toWebUser(services, user, tenantId),
    privileges: privilegesOf(user.roles),
    groupSids: [],
    isNodeInCluster: true,
  };
}
