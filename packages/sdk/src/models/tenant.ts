import { type Static, Type } from 'typebox';
import { Nullable, TimeMsecs } from './common.js';

/** v1 `Tenant`; `tenantId` is the org suffix and a `/` (e.g. `xyzOrg/`). */
export const TenantV1Schema = Type.Object({
  tenantId: Type.String(),
  name: Type.String(),
  orgSuffix: Type.String(),
  parentTenantId: Nullable(Type.String()),
  description: Nullable(Type.String()),
  deleted: Type.Boolean(),
  createdTimeMsecs: TimeMsecs,
  lastUpdatedTimeMsecs: TimeMsecs,
});
export type TenantV1 = Static<typeof TenantV1Schema>;

export const TenantStatuses = ['Active', 'Inactive', 'MarkedForDeletion', 'Deleted'] as const;

/** v2 `TenantInfo`. */
export const TenantInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.Enum(TenantStatuses),
  isManagedOnHelios: Type.Boolean(),
  createdAtTimeMsecs: TimeMsecs,
  lastUpdatedAtTimeMsecs: TimeMsecs,
});
export type TenantInfo = Static<typeof TenantInfoSchema>;

const Name = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\@]+$' });
/** An org suffix ends tenant usernames (`user@suffix`) and ids (`suffix/`). */
const Suffix = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[^\\s/\\\\@]+$' });

/** v1 `POST /public/tenants` (`TenantCreateParameters`). */
export const CreateTenantV1Schema = Type.Object({
  name: Name,
  orgSuffix: Type.Optional(Suffix(255)),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
});
export type CreateTenantV1 = Static<typeof CreateTenantV1Schema>;

/** v2 `POST /v2/tenants` (`CreateTenantRequest`): the suffix becomes the org suffix. */
export const CreateTenantSchema = Type.Object({
  name: Name,
  tenantIdSuffix: Suffix(10),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
});
export type CreateTenant = Static<typeof CreateTenantSchema>;

export const GetTenantsV1QuerySchema = Type.Object({
  ids: Type.Optional(Type.Array(Type.String())),
  properties: Type.Optional(Type.Array(Type.String())),
  hierarchy: Type.Optional(Type.Boolean()),
  includeSelf: Type.Optional(Type.Boolean()),
  skipInvalidIds: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.Array(Type.String())),
});

export const GetTenantsQuerySchema = Type.Object({
  ids: Type.Optional(Type.Array(Type.String())),
  statuses: Type.Optional(Type.Array(Type.String())),
});

/** v2 `PUT /v2/tenants/{id}` (`UpdateTenantBody`); `network` is accepted and not kept. */
export const UpdateTenantSchema = Type.Object({
  name: Type.Optional(Nullable(Name)),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1024 }))),
  network: Type.Optional(Type.Unknown()),
});
export type UpdateTenant = Static<typeof UpdateTenantSchema>;
