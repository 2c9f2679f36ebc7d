import { type Static, Type } from 'typebox';
import { Nullable, TimeMsecs } from './common.js';
import { MAX_PASSWORD_BYTES } from './contract-constants.js';
import { Roles } from './privileges.js';

const RoleName = Type.Enum(Roles);
const Email = Type.String({ maxLength: 320 });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_BYTES });

/** A user as the cluster shows it (`UserParams`). Never carries a password. */
export const UserSchema = Type.Object({
  sid: Type.String(),
  username: Type.String(),
  domain: Type.String(),
  roles: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  locked: Type.Boolean(),
  lockedReason: Nullable(Type.String()),
  createdTimeMsecs: TimeMsecs,
  lastUpdatedTimeMsecs: TimeMsecs,
  lastLoginTimeMsecs: Nullable(TimeMsecs),
  effectiveTimeMsecs: Nullable(TimeMsecs),
  expiryTimeMsecs: Nullable(TimeMsecs),
  forcePasswordChange: Type.Boolean(),
  localUserParams: Type.Object({ email: Nullable(Type.String()) }),
});
export type User = Static<typeof UserSchema>;

/** One element of the array `POST /v2/users` takes. */
export const CreateUserParamsSchema = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\s/\\\\@]+$' }),
  domain: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  roles: Type.Array(RoleName, { minItems: 1, maxItems: Roles.length, uniqueItems: true }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  locked: Type.Optional(Type.Boolean()),
  effectiveTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
  expiryTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
  forcePasswordChange: Type.Optional(Type.Boolean()),
  localUserParams: Type.Object({ email: Type.Optional(Nullable(Email)), password: Password }),
});
export type CreateUserParams = Static<typeof CreateUserParamsSchema>;

export const CreateUsersRequestSchema = Type.Array(CreateUserParamsSchema, { minItems: 1, maxItems: 100 });
export type CreateUsersRequest = Static<typeof CreateUsersRequestSchema>;

/** Body of `PUT /v2/users/{sid}`: the fields to change; absent fields stay as they are. */
export const UpdateUserParamsSchema = Type.Object({
  roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: Roles.length, uniqueItems: true })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  locked: Type.Optional(Type.Boolean()),
  effectiveTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
  expiryTimeMsecs: Type.Optional(Nullable(TimeMsecs)),
  forcePasswordChange: Type.Optional(Type.Boolean()),
  localUserParams: Type.Optional(
    Type.Object({
      email: Type.Optional(Nullable(Email)),
      password: Type.Optional(Password),
      /** Required when users change their own password (login flows §4). */
      currentPassword: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
    }),
  ),
});
export type UpdateUserParams = Static<typeof UpdateUserParamsSchema>;

export const UsersSchema = Type.Object({ users: Type.Array(UserSchema) });
export type Users = Static<typeof UsersSchema>;

/** Query of `GET /v2/users`: comma-separated or repeated values. */
export const GetUsersQuerySchema = Type.Object({
  domain: Type.Optional(Type.String()),
  sids: Type.Optional(Type.Array(Type.String())),
  usernames: Type.Optional(Type.Array(Type.String())),
  roles: Type.Optional(Type.Array(Type.String())),
});
export type GetUsersQuery = Static<typeof GetUsersQuerySchema>;

/** A user as v1 shows them (`GET /public/users` answers an array of these). */
export const UserV1Schema = Type.Object({
  sid: Type.String(),
  username: Type.String(),
  domain: Type.String(),
  roles: Type.Array(Type.String()),
  emailAddress: Nullable(Type.String()),
  description: Nullable(Type.String()),
  createdTimeMsecs: TimeMsecs,
  lastUpdatedTimeMsecs: TimeMsecs,
  lastSuccessfulLoginTimeMsecs: Nullable(TimeMsecs),
});
export type UserV1 = Static<typeof UserV1Schema>;

export const UsersV1Schema = Type.Array(UserV1Schema);

/** Query of v1 `GET /public/users`. */
export const GetUsersV1QuerySchema = Type.Object({
  domain: Type.Optional(Type.String()),
  usernames: Type.Optional(Type.Array(Type.String())),
  sids: Type.Optional(Type.Array(Type.String())),
});

/** v1 `GET /public/sessionUser`: the caller, with the privileges their roles grant. */
export const SessionUserV1Schema = Type.Object({
  ...UserV1Schema.properties,
  privileges: Type.Array(Type.String()),
  /**
   * The effective tenant (login flows §5): the user's own, or the impersonated one; left out
   * when there is none (v1 types it a string, never null).
   */
  tenantId: Type.Optional(Type.String()),
});
export type SessionUserV1 = Static<typeof SessionUserV1Schema>;

/** v1 `GET /public/sessionUser/preferences`; clients call it to check an API key works. */
export const SessionUserPreferencesSchema = Type.Object({
  preferences: Type.Record(Type.String(), Type.String()),
});
export type SessionUserPreferences = Static<typeof SessionUserPreferencesSchema>;
