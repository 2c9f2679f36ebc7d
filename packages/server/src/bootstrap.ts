import { randomInt } from 'node:crypto';
import { DEFAULT_DOMAIN, type SecurityConfig } from 'cohesity-sdk/models';
import type { PasswordHasher } from './auth/passwords.js';
import { type ClusterIdentity, DuplicateUserError, type Store } from './store/store.js';

/** A fresh cluster's security config (Cohesity's defaults). */
export const DEFAULT_SECURITY_CONFIG: SecurityConfig = {
  authTokenTimeoutMinutes: 24 * 60,
  inactivityTimeoutMSecs: 30 * 60_000,
  sessionManagementEnabled: false,
  accountLockout: { maxFailedLoginAttempts: 5, failedLoginLockTimeDurationMins: 30, inactivityTimeDays: 0 },
  sessionConfiguration: {
    absoluteTimeout: 24 * 3600,
    inactivityTimeout: 3600,
    limitSessions: false,
    sessionLimitPerUser: 10,
    sessionLimitSystemWide: 1000,
  },
  passwordStrength: {
    minLength: 8,
    includeUpperLetter: true,
    includeLowerLetter: true,
    includeNumber: true,
    includeSpecialChar: true,
  },
  // A fresh cluster's passwords do not expire until an administrator sets a lifetime.
  passwordLifetime: { maxLifetimeDays: 0, minLifetimeDays: 0 },
};

/** What `bootstrap` found or made. */
export interface Bootstrapped {
  identity: ClusterIdentity;
  /** Whether this start created the `admin` user (so with this start's `adminPassword`). */
  createdAdmin: boolean;
}

/**
 * Makes what a fresh cluster has (identity, security config, the `admin` user) unless it is
 * there already. Safe when several nodes start on one database at the same moment: each
 * piece is written only if absent, and the first writer wins.
 */
export async function bootstrap(
  store: Store,
  hasher: PasswordHasher,
  adminPassword: string,
  nowMsecs: number,
): Promise<Bootstrapped> {
  let createdAdmin = false;
  await store.putSettingIfAbsent('clusterIdentity', {
    id: randomInt(1_000_000_000, 2 ** 47),
    incarnationId: randomInt(1_000_000_000, 2 ** 47),
    localDomainSid: `S-1-100-21-${randomInt(10_000_000, 99_999_999)}-${randomInt(10_000_000, 99_999_999)}`,
  });
  const identity = (await store.getSetting('clusterIdentity')) as ClusterIdentity;
  await store.putSettingIfAbsent('securityConfig', DEFAULT_SECURITY_CONFIG);

  if ((await store.getSetting('bootstrapped')) === undefined) {
    try {
      await store.createUsers(
        [
          {
            username: 'admin',
            domain: DEFAULT_DOMAIN,
            roles: ['COHESITY_ADMIN'],
            description: 'Cluster administrator',
            locked: false,
            lockedReason: null,
            passwordHash: await hasher.hash(adminPassword),
            email: null,
            createdTimeMsecs: nowMsecs,
            lastUpdatedTimeMsecs: nowMsecs,
            effectiveTimeMsecs: null,
            expiryTimeMsecs: null,
            forcePasswordChange: false,
            passwordChangedTimeMsecs: nowMsecs,
          },
        ],
        identity.localDomainSid,
      );
      createdAdmin = true;
    } catch (error) {
      if (!(error instanceof DuplicateUserError)) throw error;
    }
    await store.putSettingIfAbsent('bootstrapped', { timeMsecs: nowMsecs });
  }
  return { identity, createdAdmin };
}
