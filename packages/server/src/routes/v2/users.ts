import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type CreateUsersRequest,
  CreateUsersRequestSchema,
  type GetUsersQuery,
  GetUsersQuerySchema,
  type UpdateUserParams,
  UpdateUserParamsSchema,
  type User,
  UserSchema,
  type Users,
  UsersSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findUser } from '../../accounts/find-user.js';
import { toUserParams } from '../../accounts/user-params.js';
import { createUsers, deleteUser, updateUser } from '../../accounts/users.js';
import { requirePrivilege } from '../../auth/privileges.js';
import { requireModifyOrOwnPassword } from '../../password-change/own-password-change.js';
import type { Services } from '../../services.js';
import { errorResponses as errors, SidParam } from '../route-schemas.js';

const SidParams = Type.Object({ sid: SidParam });
type SidRequest = FastifyRequest<{ Params: { sid: string } }>;

/** `/v2/users`: create, list, read, change and delete local users (contract §7). */
export async function userRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const view = requirePrivilege('PRINCIPAL_VIEW');
  const modify = requirePrivilege('PRINCIPAL_MODIFY');

  routes.post(
    '/users',
    { preHandler: modify, schema: { body: CreateUsersRequestSchema, response: { 201: UsersSchema, ...errors } } },
    async function createUsersHandler(request: FastifyRequest<{ Body: CreateUsersRequest }>, reply): Promise<Users> {
      const created = await createUsers(services, request.actor, request.body);
      reply.code(201);
      return { users: created.map(toUserParams) };
    },
  );

  routes.get(
    '/users',
    { preHandler: view, schema: { querystring: GetUsersQuerySchema, response: { 200: UsersSchema, ...errors } } },
    async function getUsers(request: FastifyRequest<{ Querystring: GetUsersQuery }>): Promise<Users> {
      const { domain, sids, usernames, roles } = request.query;
      const users = await services.store.listUsers({
        ...(domain !== undefined ? { domain } : {}),
        ...(sids !== undefined ? { sids } : {}),
        ...(usernames !== undefined ? { usernames } : {}),
        ...(roles !== undefined ? { roles } : {}),
      });
      return { users: users.map(toUserParams) };
    },
  );

  routes.get(
    '/users/:sid',
    { preHandler: view, schema: { params: SidParams, response: { 200: UserSchema, ...errors } } },
    async function getUserBySid(request: SidRequest): Promise<User> {
      return toUserParams(await findUser(services.store, request.params.sid));
    },
  );

  routes.put(
    '/users/:sid',
    {
      // Also one's own password change, which a forced change or pending MFA allows (login flows §4).
      config: { passwordChange: true },
      preHandler: requireModifyOrOwnPassword,
      schema: { params: SidParams, body: UpdateUserParamsSchema, response: { 200: UserSchema, ...errors } },
    },
    async function updateUserHandler(
      request: FastifyRequest<{ Params: { sid: string }; Body: UpdateUserParams }>,
    ): Promise<User> {
      return toUserParams(await updateUser(services, request.actor, request.params.sid, request.body));
    },
  );

  routes.delete(
    '/users/:sid',
    { preHandler: modify, schema: { params: SidParams, response: errors } },
    async function deleteUserHandler(request, reply) {
      await deleteUser(services, request.actor, request.params.sid);
      reply.code(204);
    },
  );
}
