import { type Static, Type } from 'typebox';
import { Nullable, TimeMsecs } from './common.js';

/** An API key as listed: never the secret. */
export const UserApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  userSid: Type.String(),
  createdByUserSid: Type.String(),
  createdTimeMsecs: TimeMsecs,
  expiryTimeMsecs: Nullable(TimeMsecs),
  lastRotatedTimeMsecs: Nullable(TimeMsecs),
  isActive: Type.Boolean(),
  isExpired: Type.Boolean(),
});
export type UserApiKey = Static<typeof UserApiKeySchema>;

/** Answer to create and rotate: the only time the secret `apiKey` is shown. */
export const CreatedUserApiKeySchema = Type.Intersect([UserApiKeySchema, Type.Object({ apiKey: Type.String() })]);
export type CreatedUserApiKey = Static<typeof CreatedUserApiKeySchema>;

export const CreateUserApiKeyParamsSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  isActive: Type.Optional(Type.Boolean()),
  expiryTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
});
export type CreateUserApiKeyParams = Static<typeof CreateUserApiKeyParamsSchema>;

export const UpdateUserApiKeyParamsSchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  isActive: Type.Optional(Type.Boolean()),
  expiryTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
});
export type UpdateUserApiKeyParams = Static<typeof UpdateUserApiKeyParamsSchema>;

export const UserApiKeysSchema = Type.Object({ apiKeys: Type.Array(UserApiKeySchema) });
export type UserApiKeys = Static<typeof UserApiKeysSchema>;

export const GetUserApiKeysQuerySchema = Type.Object({
  ids: Type.Optional(Type.Array(Type.String())),
  isActive: Type.Optional(Type.Boolean()),
  isExpired: Type.Optional(Type.Boolean()),
});
export type GetUserApiKeysQuery = Static<typeof GetUserApiKeysQuerySchema>;

export const GetAllApiKeysQuerySchema = Type.Object({
  ids: Type.Optional(Type.Array(Type.String())),
  ownerSids: Type.Optional(Type.Array(Type.String())),
  isActive: Type.Optional(Type.Boolean()),
  isExpired: Type.Optional(Type.Boolean()),
});
export type GetAllApiKeysQuery = Static<typeof GetAllApiKeysQuerySchema>;

/** v1 `POST /public/users/{sid}/apiKeys`: the secret travels in `key`. */
export const CreateApiKeyV1ParamsSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  isActive: Type.Optional(Type.Boolean()),
  expiringTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
});
export type CreateApiKeyV1Params = Static<typeof CreateApiKeyV1ParamsSchema>;

/** v1 `PUT /public/users/{sid}/apiKeys/{id}`: any of the fields create takes. */
export const UpdateApiKeyV1ParamsSchema = Type.Partial(CreateApiKeyV1ParamsSchema);
export type UpdateApiKeyV1Params = Static<typeof UpdateApiKeyV1ParamsSchema>;

export const ApiKeyV1Schema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  user: Type.Object({ sid: Type.String(), username: Type.String(), domain: Type.String() }),
  createdTimeMsecs: TimeMsecs,
  expiringTimeMsecs: Nullable(TimeMsecs),
  isActive: Type.Boolean(),
  isExpired: Type.Boolean(),
  key: Type.Optional(Type.String()),
});
export type ApiKeyV1 = Static<typeof ApiKeyV1Schema>;
