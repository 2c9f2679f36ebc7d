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
