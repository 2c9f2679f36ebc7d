import { type Static, Type } from 'typebox';

const Count = (maximum: number) => Type.Integer({ minimum: 0, maximum });

export const AccountLockoutSchema = Type.Object({
  maxFailedLoginAttempts: Type.Integer({ minimum: 1, maximum: 1000 }),
  failedLoginLockTimeDurationMins: Type.Integer({ minimum: 1, maximum: 525600 }),
  inactivityTimeDays: Count(3650),
});

/** Timeouts are in seconds; 0 means no limit. */
export const SessionConfigurationSchema = Type.Object({
  absoluteTimeout: Count(31536000),
  inactivityTimeout: Count(31536000),
  limitSessions: Type.Boolean(),
  sessionLimitPerUser: Type.Integer({ minimum: 1, maximum: 100000 }),
  sessionLimitSystemWide: Type.Integer({ minimum: 1, maximum: 10000000 }),
});

export const PasswordStrengthSchema = Type.Object({
  minLength: Type.Integer({ minimum: 1, maximum: 1024 }),
  includeUpperLetter: Type.Boolean(),
  includeLowerLetter: Type.Boolean(),
  includeNumber: Type.Boolean(),
  includeSpecialChar: Type.Boolean(),
});

/**
 * A password's age in days: at `maxLifetimeDays` it must change at the next login (0: never
 * expires); one's own may change again only `minLifetimeDays` after it last did (0: at once).
 */
export const PasswordLifetimeSchema = Type.Object({
  maxLifetimeDays: Count(365),
  minLifetimeDays: Count(365),
});

/** `GET|PUT /v2/security-config`. */
export const SecurityConfigSchema = Type.Object({
  authTokenTimeoutMinutes: Type.Integer({ minimum: 1, maximum: 525600 }),
  /** Idle time after which a web-login cookie ends (0: never). */
  inactivityTimeoutMSecs: Type.Integer({ minimum: 0, maximum: 31536000000 }),
  /**
   * On: `POST /v2/users/sessions` logs in and both token endpoints answer `Access denied`;
   * off: the reverse. (Login flows §6: the project's switch.)
   */
  sessionManagementEnabled: Type.Boolean(),
  accountLockout: AccountLockoutSchema,
  sessionConfiguration: SessionConfigurationSchema,
  passwordStrength: PasswordStrengthSchema,
  passwordLifetime: PasswordLifetimeSchema,
});
export type SecurityConfig = Static<typeof SecurityConfigSchema>;

/** `PUT /v2/security-config`: any part may be left out and keeps its value. */
export const UpdateSecurityConfigSchema = Type.Object({
  authTokenTimeoutMinutes: Type.Optional(SecurityConfigSchema.properties.authTokenTimeoutMinutes),
  inactivityTimeoutMSecs: Type.Optional(SecurityConfigSchema.properties.inactivityTimeoutMSecs),
  sessionManagementEnabled: Type.Optional(SecurityConfigSchema.properties.sessionManagementEnabled),
  accountLockout: Type.Optional(Type.Partial(AccountLockoutSchema)),
  sessionConfiguration: Type.Optional(Type.Partial(SessionConfigurationSchema)),
  passwordStrength: Type.Optional(Type.Partial(PasswordStrengthSchema)),
  passwordLifetime: Type.Optional(Type.Partial(PasswordLifetimeSchema)),
});
export type UpdateSecurityConfig = Static<typeof UpdateSecurityConfigSchema>;
