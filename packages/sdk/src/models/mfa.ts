import { type Static, Type } from 'typebox';
import { Nullable } from './common.js';

export const MfaTypes = ['email', 'totp', 'salesforce'] as const;

/** `GET|PUT /v2/mfa-config`: the cluster-wide switch. */
export const MfaConfigInfoSchema = Type.Object({
  enabled: Type.Boolean({ default: false }),
  authenticationTypes: Type.Array(Type.Enum(MfaTypes), { uniqueItems: true }),
  retainUserMfaSettings: Type.Boolean(),
});
export type MfaConfigInfo = Static<typeof MfaConfigInfoSchema>;

export const UpdateMfaConfigSchema = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  authenticationTypes: Type.Optional(Nullable(Type.Array(Type.Enum(MfaTypes), { uniqueItems: true }))),
  retainUserMfaSettings: Type.Optional(Nullable(Type.Boolean())),
});
export type UpdateMfaConfig = Static<typeof UpdateMfaConfigSchema>;

/** Body of `POST /v2/totp-key` (clients send `{}` or nothing). */
export const CreateTotpKeyRequestBodySchema = Type.Object({
  totpKeyName: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
});
export type CreateTotpKeyRequestBody = Static<typeof CreateTotpKeyRequestBodySchema>;

/** Answer of `POST /v2/totp-key` (201): the secret, shown this once. */
export const TotpKeyInfoSchema = Type.Object({
  totpKeyId: Type.String(),
  totpKeyName: Type.String(),
  totpSecretKey: Type.String(),
  totpUri: Type.String(),
});
export type TotpKeyInfo = Static<typeof TotpKeyInfoSchema>;

/** How far the support user's MFA setup got (v2 `otpVerificationState`). */
export const OtpVerificationStates = ['kNotStarted', 'kSuccess', 'kFailure', 'kPending'] as const;

/** `GET /v2/support-user/mfa`: the `support` account's MFA (login flows §3.8). `mfaCode` is write-only. */
export const SupportMfaConfigInfoSchema = Type.Object({
  enabled: Type.Boolean({ default: false }),
  mfaType: Nullable(Type.Enum(MfaTypes)),
  email: Nullable(Type.String()),
  mfaCode: Nullable(Type.String()),
  otpVerificationState: Type.Enum(OtpVerificationStates),
});
export type SupportMfaConfigInfo = Static<typeof SupportMfaConfigInfoSchema>;

/** `PATCH /v2/support-user/mfa`: what it names changes; `mfaCode` verifies the pending setup. */
export const UpdateSupportMfaConfigSchema = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  mfaType: Type.Optional(Nullable(Type.Enum(MfaTypes))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
  mfaCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  /** Read-only: accepted (clients send back what GET answered) and ignored. */
  otpVerificationState: Type.Optional(Nullable(Type.Enum(OtpVerificationStates))),
});
export type UpdateSupportMfaConfig = Static<typeof UpdateSupportMfaConfigSchema>;

/** The PATCH's answer: the config, plus a new TOTP key's secret (shown once; else empty). */
export const UpdateMfaResultSchema = Type.Object({
  ...SupportMfaConfigInfoSchema.properties,
  accountName: Type.String(),
  totpSecretKey: Type.String(),
  totpUri: Type.String(),
});
export type UpdateMfaResult = Static<typeof UpdateMfaResultSchema>;

/** `POST /v2/support-user/verify-totp`. */
export const VerifyTotpRequestSchema = Type.Object({
  totpCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
});
export type VerifyTotpRequest = Static<typeof VerifyTotpRequestSchema>;

export const VerifyTotpResultSchema = Type.Object({ success: Type.Boolean(), message: Nullable(Type.String()) });
export type VerifyTotpResult = Static<typeof VerifyTotpResultSchema>;
