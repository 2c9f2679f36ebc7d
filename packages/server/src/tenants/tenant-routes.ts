import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type CreateTenant,
  CreateTenantSchema,
  type CreateTenantV1,
  CreateTenantV1Schema,
  GetTenantsQuerySchema,
  GetTenantsV1QuerySchema,
  type TenantInfo,
  TenantInfoSchema,
  type TenantV1,
  TenantV1Schema,
  type UpdateTenant,
  UpdateTenantSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import { requirePrivilege } from '../auth/privileges.js';
import { conflict, notFound } from '../errors.js';
import { V1_PREFIX, V2_PREFIX } from '../routes/prefixes.js';
import { errorResponses as errors } from '../routes/route-schemas.js';
import type { Services } from '../services.js';
import { CLUSTER_WIDE } from './tenant-isolation.js';
import {
  createTenant,
  deleteTenant,
  getTenant,
  listTenants,
  type TenantRecord,
  updateTenant,
} from './tenant-records.js';
import { tenantOf } from './tenant-scope.js';

const toTenantV1 = (t: TenantRecord): TenantV1 => ({
  tenantId: t.tenantId,
  name: t.name,
  orgSuffix: t.orgSuffix,
  parentTenantId: null,
  description: t.description,
  deleted: false,
  createdTimeMsecs: t.createdTimeMsecs,
  lastUpdatedTimeMsecs: t.lastUpdatedTimeMsecs,
});

const toTenantInfo = (t: TenantRecord): TenantInfo => ({
  id: t.tenantId,
  name: t.name,
  description: t.description,
  status: 'Active',
  isManagedOnHelios: false,
  createdAtTimeMsecs: t.createdTimeMsecs,
  lastUpdatedAtTimeMsecs: t.lastUpdatedTimeMsecs,
});

/** The tenants the caller may see (a tenant sees itself), filtered by `ids`. */
async function visibleTenants(services: Services, request: FastifyRequest, ids: readonly string[] | undefined) {
  const own = tenantOf(request.actor.principal as Principal);
  return (await listTenants(services)).filter(
    (t) => (own === null || t.tenantId === own) && (!ids?.length || ids.includes(t.tenantId)),
  );
}

/** The tenant `id` names, when the caller may see it (a tenant sees only itself). */
async function visibleTenant(services: Services, request: FastifyRequest, id: string): Promise<TenantRecord> {
  const own = tenantOf(request.actor.principal as Principal);
  const tenant = own === null || own === id ? await getTenant(services, id) : undefined;
  if (!tenant) throw notFound(`tenant ${id}`);
  return tenant;
}

async function create(services: Services, request: FastifyRequest, fields: CreateTenantV1): Promise<TenantRecord> {
  const tenant = await createTenant(services, fields);
  if (!tenant) throw conflict(`A tenant named '${fields.orgSuffix ?? fields.name}' already exists`);
  await audit(services, request.actor, { action: 'tenant.create', outcome: 'success', target: tenant.tenantId });
  return tenant;
}

/** v1 `/public/tenants` (a bare array) and v2 `/tenants` (login flows §5). */
export async function tenantRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const view = requirePrivilege('ORGANIZATION_VIEW');
  const modify = requirePrivilege('ORGANIZATION_MODIFY');

  routes.get(
    `${V1_PREFIX}/public/tenants`,
    {
      preHandler: view,
      schema: { querystring: GetTenantsV1QuerySchema, response: { 200: Type.Array(TenantV1Schema), ...errors } },
    },
    async function getTenantsV1(request): Promise<TenantV1[]> {
      return (await visibleTenants(services, request, request.query.ids)).map(toTenantV1);
    },
  );

  routes.post(
    `${V1_PREFIX}/public/tenants`,
    {
      preHandler: modify,
      config: CLUSTER_WIDE,
      schema: { body: CreateTenantV1Schema, response: { 201: TenantV1Schema, ...errors } },
    },
    async function createTenantV1(request: FastifyRequest<{ Body: CreateTenantV1 }>, reply): Promise<TenantV1> {
      reply.code(201);
      return toTenantV1(await create(services, request, request.body));
    },
  );

  routes.get(
    `${V2_PREFIX}/tenants`,
    {
      preHandler: view,
      schema: { querystring: GetTenantsQuerySchema, response: { 200: Type.Array(TenantInfoSchema), ...errors } },
    },
    async function getTenants(request): Promise<TenantInfo[]> {
      const { ids, statuses } = request.query;
      const tenants = (await visibleTenants(services, request, ids)).map(toTenantInfo);
      return statuses?.length ? tenants.filter((t) => statuses.includes(t.status)) : tenants;
    },
  );

  routes.post(
    `${V2_PREFIX}/tenants`,
    {
      preHandler: modify,
      config: CLUSTER_WIDE,
      schema: { body: CreateTenantSchema, response: { 201: TenantInfoSchema, ...errors } },
    },
    async function createTenantV2(request: FastifyRequest<{ Body: CreateTenant }>, reply): Promise<TenantInfo> {
      reply.code(201);
      const { name, tenantIdSuffix, description } = request.body;
      const fields = { name, orgSuffix: tenantIdSuffix, ...(description === undefined ? {} : { description }) };
      return toTenantInfo(await create(services, request, fields));
    },
  );

  const IdParams = Type.Object({ id: Type.String() });
  type ById = { Params: { id: string } };

  routes.get(
    `${V2_PREFIX}/tenants/:id`,
    { preHandler: view, schema: { params: IdParams, response: { 200: TenantInfoSchema, ...errors } } },
    async function getTenantById(request: FastifyRequest<ById>): Promise<TenantInfo> {
      return toTenantInfo(await visibleTenant(services, request, request.params.id));
    },
  );

  routes.put(
    `${V2_PREFIX}/tenants/:id`,
    {
      preHandler: modify,
      config: CLUSTER_WIDE,
      schema: { params: IdParams, body: UpdateTenantSchema, response: { 200: TenantInfoSchema, ...errors } },
    },
    async function updateTenantById(request: FastifyRequest<ById & { Body: UpdateTenant }>): Promise<TenantInfo> {
      const { tenantId: id } = await visibleTenant(services, request, request.params.id);
      const { name, description } = request.body;
      const tenant = await updateTenant(services, id, { name, description });
      if (!tenant) throw conflict(`A tenant named '${name}' already exists`);
      await audit(services, request.actor, { action: 'tenant.update', outcome: 'success', target: id });
      return toTenantInfo(tenant);
    },
  );

  routes.delete(
    `${V2_PREFIX}/tenants/:id`,
    { preHandler: modify, config: CLUSTER_WIDE, schema: { params: IdParams, response: errors } },
    async function deleteTenantById(request: FastifyRequest<ById>, reply): Promise<void> {
      const { tenantId } = await visibleTenant(services, request, request.params.id);
      if (!(await deleteTenant(services, tenantId))) throw notFound(`tenant ${tenantId}`);
      await audit(services, request.actor, { action: 'tenant.delete', outcome: 'success', target: tenantId });
      reply.code(204);
    },
  );
}
