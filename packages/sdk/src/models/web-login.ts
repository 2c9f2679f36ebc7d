import { type Static, Type } from 'typebox';
import { Nullable, TimeMsecs } from './common.js';
import { UserV1Schema } from './user.js';

/** `mfaInfo` of a v1 `User`: clients read it without guards, so it is always there. */
export const MfaInfoSchema = Type.Object({
  isEmailOtpSetupDone: Type.Boolean(),
  isTotpSetupDone: Type.Boolean(),
  isUserExemptFromMfa: Type.Boolean(),
});
export type MfaInfo = Static<typeof MfaInfoSchema>;

/** The v1 `User` the web login and `verify-otp` answer (never a password). */
export const WebUserSchema = Type.Object({
  ...UserV1Schema.properties,
  tenantId: Nullable(Type.String()),
  forcePasswordChange: Type.Boolean(),
  isAccountLocked: Type.Boolean(),
  lockoutReason: Nullable(Type.String()),
  mfaInfo: MfaInfoSchema,
  mfaMethods: Type.Array(Type.String()),
  isClusterMfaEnabled: Type.Boolean(),
  effectiveTimeMsecs: Nullable(TimeMsecs),
  expiredTimeMsecs: Nullable(TimeMsecs),
  preferences: Type.Record(Type.String(), Type.String()),
});
export type WebUser = Static<typeof WebUserSchema>;

/** v1 `SessionUser`: what `POST /login` and `POST /public/verify-otp` answer. */
export const SessionUserSchema = Type.Object({
  user: WebUserSchema,
  privileges: Type.Array(Type.String()),
  groupSids: Type.Array(Type.String()),
  isNodeInCluster: Type.Boolean(),
});
export type SessionUser = Static<typeof SessionUserSchema>;

/** Body of v1 `POST /public/verify-otp`; `otpType` is `Totp` or `Email`, in any case. */
export const VerifyOtpParamsSchema = Type.Object({
  otpCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  otpType: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
});
export type VerifyOtpParams = Static<typeof VerifyOtpParamsSchema>;

/**
 * Body of v1 `PUT /public/users`: clients send back the whole `/login` user with
 * `currentPassword` and `password`; the other fields are read-only and ignored.
 */
export const UpdateUserV1ParamsSchema = Type.Object({
  sid: Type.Optional(Nullable(Type.String({ maxLength: 256 }))),
  username: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  domain: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  currentPassword: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  password: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  /** Administrators only: exempt the user from MFA. */
  mfaInfo: Type.Optional(Nullable(Type.Object({ isUserExemptFromMfa: Type.Optional(Nullable(Type.Boolean())) }))),
  /** Administrators only (the project's field): false makes `POST /login` answer 403. */
  uiAccess: Type.Optional(Nullable(Type.Boolean())),
});
export type UpdateUserV1Params = Static<typeof UpdateUserV1ParamsSchema>;
