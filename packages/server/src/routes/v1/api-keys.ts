import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type ApiKeyV1,
  ApiKeyV1Schema,
  type CreateApiKeyV1Params,
  CreateApiKeyV1ParamsSchema,
  type UpdateApiKeyV1Params,
  UpdateApiKeyV1ParamsSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  createApiKey,
  deleteApiKey,
  isApiKeyExpired,
  ownedKey,
  rotateApiKey,
  updateApiKey,
} from '../../accounts/api-keys.js';
import { findUser } from '../../accounts/find-user.js';
import type { Services } from '../../services.js';
import type { ApiKeyRecord, UserRecord } from '../../store/store.js';
import { apiKeyPaths } from '../api-key-paths.js';
import { errorResponses as errors } from '../route-schemas.js';

const { ownerParams: OwnerParams, keyParams: KeyParams, viewKeys, modifyKeys } = apiKeyPaths('sid');
type KeyRequest<Extra = object> = FastifyRequest<{ Params: { sid: string; id: string } } & Extra>;

const toApiKeyV1 = (key: ApiKeyRecord, owner: UserRecord, nowMsecs: number): ApiKeyV1 => ({
  id: key.id,
  name: key.name,
  user: { sid: owner.sid, username: owner.username, domain: owner.domain },
  createdTimeMsecs: key.createdTimeMsecs,
  expiringTimeMsecs: key.expiryTimeMsecs,
  isActive: key.isActive,
  isExpired: isApiKeyExpired(key, nowMsecs),
});

/** v1 `/public/users/{sid}/apiKeys`: the same keys as v2, with the secret in `key`. */
export async function apiKeyV1Routes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/public/users/:sid/apiKeys',
    {
      preHandler: modifyKeys,
      schema: { params: OwnerParams, body: CreateApiKeyV1ParamsSchema, response: { 201: ApiKeyV1Schema, ...errors } },
    },
    async function createApiKeyV1(
      request: FastifyRequest<{ Params: { sid: string }; Body: CreateApiKeyV1Params }>,
      reply,
    ): Promise<ApiKeyV1> {
      const owner = await findUser(services.store, request.params.sid);
      const { key, secret } = await createApiKey(services, request.actor, owner, {
        name: request.body.name,
        isActive: request.body.isActive ?? true,
        expiryTimeMsecs: request.body.expiringTimeMsecs ?? null,
      });
      reply.code(201);
      return { ...toApiKeyV1(key, owner, services.now()), key: secret };
    },
  );

  routes.get(
    '/public/users/:sid/apiKeys',
    { preHandler: viewKeys, schema: { params: OwnerParams, response: { 200: Type.Array(ApiKeyV1Schema), ...errors } } },
    async function getApiKeysV1(request: FastifyRequest<{ Params: { sid: string } }>): Promise<ApiKeyV1[]> {
      const owner = await findUser(services.store, request.params.sid);
      const keys = await services.store.listApiKeys({ userSids: [owner.sid] });
      return keys.map((key) => toApiKeyV1(key, owner, services.now()));
    },
  );

  routes.get(
    '/public/users/:sid/apiKeys/:id',
    { preHandler: viewKeys, schema: { params: KeyParams, response: { 200: ApiKeyV1Schema, ...errors } } },
    async function getApiKeyByIdV1(request: KeyRequest): Promise<ApiKeyV1> {
      const { owner, key } = await ownedKey(services.store, request.params.sid, request.params.id);
      return toApiKeyV1(key, owner, services.now());
    },
  );

  routes.put(
    '/public/users/:sid/apiKeys/:id',
    {
      preHandler: modifyKeys,
      schema: { params: KeyParams, body: UpdateApiKeyV1ParamsSchema, response: { 200: ApiKeyV1Schema, ...errors } },
    },
    async function updateApiKeyByIdV1(request: KeyRequest<{ Body: UpdateApiKeyV1Params }>): Promise<ApiKeyV1> {
      const { owner, key } = await ownedKey(services.store, request.params.sid, request.params.id);
      const { name, isActive, expiringTimeMsecs } = request.body;
      const updated = await updateApiKey(services, request.actor, key, {
        name,
        isActive,
        expiryTimeMsecs: expiringTimeMsecs,
      });
      return toApiKeyV1(updated, owner, services.now());
    },
  );

  routes.delete(
    '/public/users/:sid/apiKeys/:id',
    { preHandler: modifyKeys, schema: { params: KeyParams, response: errors } },
    async function deleteApiKeyV1(request, reply) {
      const { key } = await ownedKey(services.store, request.params.sid, request.params.id);
      await deleteApiKey(services, request.actor, key);
      reply.code(204);
    },
  );

  routes.post(
    '/public/users/:sid/apiKeys/:id/rotate',
    { preHandler: modifyKeys, schema: { params: KeyParams, response: { 200: ApiKeyV1Schema, ...errors } } },
    async function rotateApiKeyV1(request: KeyRequest): Promise<ApiKeyV1> {
      const { owner, key: stored } = await ownedKey(services.store, request.params.sid, request.params.id);
      const { key, secret } = await rotateApiKey(services, request.actor, stored);
      return { ...toApiKeyV1(key, owner, services.now()), key: secret };
    },
  );
}
