import { type Static, Type } from 'typebox';
import { Nullable } from './common.js';
import { MAX_PASSWORD_BYTES } from './contract-constants.js';

/**
 * Body of `POST /v2/access-tokens` and v1 `POST /public/accessTokens`.
 * Clients send `null` for fields they lack and v1 clients add OTP fields, so every field
 * is nullable and unknown fields are tolerated.
 */
export const CreateAccessTokenRequestParamsSchema = Type.Object(
  {
    username: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
    password: Type.Optional(Nullable(Type.String({ maxLength: MAX_PASSWORD_BYTES }))),
    domain: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    otpType: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    otpCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    certificate: Type.Optional(Nullable(Type.String({ maxLength: 65536 }))),
    privateKey: Type.Optional(Nullable(Type.String({ maxLength: 65536 }))),
  },
  { additionalProperties: true },
);
export type CreateAccessTokenRequestParams = Static<typeof CreateAccessTokenRequestParamsSchema>;

/** Answer to a login: exactly these three keys (an old SDK rejects any other). */
export const AccessTokenResponseSchema = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.String(),
    privileges: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type AccessTokenResponse = Static<typeof AccessTokenResponseSchema>;

/** The Cohesity claims a token carries (all strings, as on a real cluster). */
export interface AccessTokenClaims {
  'auth-type': string;
  clusterIdentifiers: string;
  domain: string;
  /** Epoch seconds, as a string. */
  'expiration-time': string;
  'in-cluster': boolean;
  locale: string;
  roles: string;
  'sids-hash': string;
  'user-sid': string;
  username: string;
}
