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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createApiKey,
  deleteApiKey,
  isApiKeyExpired,
  ownedKey,
  rotateApiKey,
  toUserApiKey,
  updateApiKey,
} from '../../accounts/api-keys.js';
import { findUser } from '../../accounts/find-user.js';
import { requirePrivilege } from '../../auth/privileges.js';
import type { Services } from '../../services.js';
import type { ApiKeyRecord } from '../../store/store.js';
import { apiKeyPaths } from '../api-key-paths.js';
import { errorResponses as errors } from '../route-schemas.js';

const { ownerParams: OwnerParams, keyParams: KeyParams, viewKeys, modifyKeys } = apiKeyPaths('userSid');
type KeyRequest<Extra = object> = FastifyRequest<{ Params: { userSid: string; id: string } } & Extra>;

/** Keys listed after the filters the store does not know (`isExpired` depends on now). */
function listed(keys: readonly ApiKeyRecord[], nowMsecs: number, expired: boolean | undefined): UserApiKey[] {
  return keys
    .filter((k) => expired === undefined || isApiKeyExpired(k, nowMsecs) === expired)
    .map((k) => toUserApiKey(k, nowMsecs));
}

/** Contract §5: the seven v2 API-key endpoints. */
export async function apiKeyRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/users/:userSid/api-keys',
    {
      preHandler: modifyKeys,
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
      const owner = await findUser(services.store, request.params.userSid);
      const { key, secret } = await createApiKey(services, request.actor, owner, {
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
      preHandler: viewKeys,
      schema: {
        params: OwnerParams,
        querystring: GetUserApiKeysQuerySchema,
        response: { 200: UserApiKeysSchema, ...errors },
      },
    },
    async function getUserApiKeys(
      request: FastifyRequest<{ Params: { userSid: string }; Querystring: GetUserApiKeysQuery }>,
    ): Promise<UserApiKeys> {
      const owner = await findUser(services.store, request.params.userSid);
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
    { preHandler: viewKeys, schema: { params: KeyParams, response: { 200: UserApiKeySchema, ...errors } } },
    async function getUserApiKeyById(request: KeyRequest): Promise<UserApiKey> {
      const { key } = await ownedKey(services.store, request.params.userSid, request.params.id);
      return toUserApiKey(key, services.now());
    },
  );

  routes.put(
    '/users/:userSid/api-keys/:id',
    {
      preHandler: modifyKeys,
      schema: { params: KeyParams, body: UpdateUserApiKeyParamsSchema, response: { 200: UserApiKeySchema, ...errors } },
    },
    async function updateUserApiKeyById(request: KeyRequest<{ Body: UpdateUserApiKeyParams }>): Promise<UserApiKey> {
      const { key } = await ownedKey(services.store, request.params.userSid, request.params.id);
      return toUserApiKey(await updateApiKey(services, request.actor, key, request.body), services.now());
    },
  );

  routes.delete(
    '/users/:userSid/api-keys/:id',
    { preHandler: modifyKeys, schema: { params: KeyParams, response: errors } },
    async function deleteUserApiKeyById(request, reply) {
      const { key } = await ownedKey(services.store, request.params.userSid, request.params.id);
      await deleteApiKey(services, request.actor, key);
      reply.code(204);
    },
  );

  routes.post(
    '/users/:userSid/api-keys/:id/rotate',
    { preHandler: modifyKeys, schema: { params: KeyParams, response: { 200: CreatedUserApiKeySchema, ...errors } } },
    async function rotateUserApiKey(request: KeyRequest): Promise<CreatedUserApiKey> {
      const { key: stored } = await ownedKey(services.store, request.params.userSid, request.params.id);
      const { key, secret } = await rotateApiKey(services, request.actor, stored);
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
