import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type CreatedUserApiKey,
  CreatedUserApiKeySchema,
  type CreateUserApiKeyParams,
  CreateUserApiKeyParamsSchema,
  type GetAllApiKeysQuery,
  GetAllApiKeysQuerySchema,
  type GetUserApiKeysQuery,
  GetUserApiKeysQuerySchema,
  type UpdateUserApiKeyParams,
  UpdateUserApiKeyParamsSchema,
  type UserApiKey,
  UserApiKeySchema,
  type UserApiKeys,
  UserApiKeysSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  createApiKey,
  deleteApiKey,
  isExpired,
  keyOwnerFor,
  ownedKey,
  rotateApiKey,
  toUserApiKey,
  updateApiKey,
} from '../../auth/api-keys.js';
import { requirePrivilege } from '../../auth/privileges.js';
import type { Services } from '../../services.js';
import type { ApiKeyRecord } from '../../store/store.js';
import { ApiKeyIdParam, errorResponses as errors, SidParam } from '../route-schemas.js';

const OwnerParams = Type.Object({ userSid: SidParam });
const KeyParams = Type.Object({ userSid: SidParam, id: ApiKeyIdParam });
type KeyRequest<Extra = object> = FastifyRequest<{ Params: { userSid: string; id: string } } & Extra>;

/** Keys listed after the filters the store does not know (`isExpired` depends on now). */
function listed(keys: readonly ApiKeyRecord[], nowMsecs: number, expired: boolean | undefined): UserApiKey[] {
  return keys
    .filter((k) => expired === undefined || isExpired(k, nowMsecs) === expired)
    .map((k) => toUserApiKey(k, nowMsecs));
}

/** Contract §5: the seven v2 API-key endpoints. */
export async function apiKeyRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/users/:userSid/api-keys',
    {
      schema: {
        params: OwnerParams,
        body: CreateUserApiKeyParamsSchema,
        response: { 201: CreatedUserApiKeySchema, ...errors },
      },
    },
    async function createUserApiKey(
      request: FastifyRequest<{ Params: { userSid: string }; Body: CreateUserApiKeyParams }>,
      reply,
    ): Promise<CreatedUserApiKey> {
      const owner = await keyOwnerFor(services, request, request.params.userSid, 'modify');
      const { key, secret } = await createApiKey(services, request, owner, {
        name: request.body.name,
        isActive: request.body.isActive ?? true,
        expiryTimeMsecs: request.body.expiryTimeMsecs ?? null,
      });
      reply.code(201);
      return { ...toUserApiKey(key, services.now()), apiKey: secret };
    },
  );

  routes.get(
    '/users/:userSid/api-keys',
    {
      schema: {
        params: OwnerParams,
        querystring: GetUserApiKeysQuerySchema,
        response: { 200: UserApiKeysSchema, ...errors },
      },
    },
    async function getUserApiKeys(
      request: FastifyRequest<{ Params: { userSid: string }; Querystring: GetUserApiKeysQuery }>,
    ): Promise<UserApiKeys> {
      const owner = await keyOwnerFor(services, request, request.params.userSid, 'view');
      const { ids, isActive, isExpired: expired } = request.query;
      const keys = await services.store.listApiKeys({
        userSids: [owner.sid],
        ...(ids !== undefined ? { ids } : {}),
        ...(isActive !== undefined ? { isActive } : {}),
      });
      return { apiKeys: listed(keys, services.now(), expired) };
    },
  );

  routes.get(
    '/users/:userSid/api-keys/:id',
    { schema: { params: KeyParams, response: { 200: UserApiKeySchema, ...errors } } },
    async function getUserApiKeyById(request: KeyRequest): Promise<UserApiKey> {
      await keyOwnerFor(services, request, request.params.userSid, 'view');
      return toUserApiKey(await ownedKey(services, request.params.userSid, request.params.id), services.now());
    },
  );

  routes.put(
    '/users/:userSid/api-keys/:id',
    {
      schema: { params: KeyParams, body: UpdateUserApiKeyParamsSchema, response: { 200: UserApiKeySchema, ...errors } },
    },
    async function updateUserApiKeyById(request: KeyRequest<{ Body: UpdateUserApiKeyParams }>): Promise<UserApiKey> {
      const { userSid, id } = request.params;
      await keyOwnerFor(services, request, userSid, 'modify');
      const key = await updateApiKey(services, request, await ownedKey(services, userSid, id), request.body);
      return toUserApiKey(key, services.now());
    },
  );

  routes.delete(
    '/users/:userSid/api-keys/:id',
    { schema: { params: KeyParams, response: errors } },
    async function deleteUserApiKeyById(request: KeyRequest, reply: FastifyReply) {
      await keyOwnerFor(services, request, request.params.userSid, 'modify');
      await deleteApiKey(services, request, await ownedKey(services, request.params.userSid, request.params.id));
      reply.code(204);
    },
  );

  routes.post(
    '/users/:userSid/api-keys/:id/rotate',
    { schema: { params: KeyParams, response: { 200: CreatedUserApiKeySchema, ...errors } } },
    async function rotateUserApiKey(request: KeyRequest): Promise<CreatedUserApiKey> {
      const { userSid, id } = request.params;
      await keyOwnerFor(services, request, userSid, 'modify');
      const { key, secret } = await rotateApiKey(services, request, await ownedKey(services, userSid, id));
      return { ...toUserApiKey(key, services.now()), apiKey: secret };
    },
  );

  routes.get(
    '/api-keys',
    {
      preHandler: requirePrivilege('PRINCIPAL_VIEW'),
      schema: { querystring: GetAllApiKeysQuerySchema, response: { 200: UserApiKeysSchema, ...errors } },
    },
    async function getAllApiKeys(request: FastifyRequest<{ Querystring: GetAllApiKeysQuery }>): Promise<UserApiKeys> {
      const { ids, ownerSids, isActive, isExpired: expired } = request.query;
      const keys = await services.store.listApiKeys({
        ...(ids !== undefined ? { ids } : {}),
        ...(ownerSids !== undefined ? { userSids: ownerSids } : {}),
        ...(isActive !== undefined ? { isActive } : {}),
      });
      return { apiKeys: listed(keys, services.now(), expired) };
    },
  );
}
