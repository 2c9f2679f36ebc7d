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
import { audit } from '../../audit.js';
import { keepAnAdministrator } from '../../auth/last-admin.js';
import { DEFAULT_DOMAIN, lockoutKey } from '../../auth/login.js';
import { assertPasswordStrength } from '../../auth/password-policy.js';
import { requirePrivilege } from '../../auth/privileges.js';
import { updateUserRevokingCredentials } from '../../auth/revoke-credentials.js';
import { toUserParams } from '../../auth/user-params.js';
import { conflict, notFound } from '../../errors.js';
import { checkNewPassword } from '../../password-change/check-new-password.js';
import { requireModifyOrOwnPassword } from '../../password-change/own-password-change.js';
import type { Services } from '../../services.js';
import { DuplicateUserError, type NewUser, type UserPatch } from '../../store/store.js';
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
    async function createUsers(request: FastifyRequest<{ Body: CreateUsersRequest }>, reply): Promise<Users> {
      const { passwordStrength } = await services.securityConfig();
      for (const params of request.body) assertPasswordStrength(params.localUserParams.password, passwordStrength);
      const now = services.now();
      const newUsers: NewUser[] = [];
      for (const params of request.body) {
        newUsers.push({
          username: params.username,
          domain: params.domain ?? DEFAULT_DOMAIN,
          roles: params.roles,
          description: params.description ?? null,
          locked: params.locked ?? false,
          lockedReason: params.locked ? 'Locked by an administrator' : null,
          passwordHash: await services.hasher.hash(params.localUserParams.password),
          email: params.localUserParams.email ?? null,
          createdTimeMsecs: now,
          lastUpdatedTimeMsecs: now,
          effectiveTimeMsecs: params.effectiveTimeMsecs ?? null,
          expiryTimeMsecs: params.expiryTimeMsecs ?? null,
          forcePasswordChange: params.forcePasswordChange ?? false,
        });
      }
      let created: Awaited<ReturnType<typeof services.store.createUsers>>;
      try {
        created = await services.store.createUsers(newUsers, services.cluster.localDomainSid);
      } catch (error) {
        if (error instanceof DuplicateUserError) throw conflict(error.message);
        throw error;
      }
      for (const user of created) {
        await audit(services, request, {
          action: 'user.create',
          outcome: 'success',
          target: user.sid,
          details: { username: user.username, domain: user.domain, roles: user.roles },
        });
      }
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
      const user = await services.store.getUser(request.params.sid);
      if (!user) throw notFound('User');
      return toUserParams(user);
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
    async function updateUser(
      request: FastifyRequest<{ Params: { sid: string }; Body: UpdateUserParams }>,
    ): Promise<User> {
      const { sid } = request.params;
      const before = await services.store.getUser(sid);
      if (!before) throw notFound('User');
      const { localUserParams, ...fields } = request.body;
      const patch: UserPatch = { ...fields, lastUpdatedTimeMsecs: services.now() };
      if (localUserParams?.email !== undefined) patch.email = localUserParams.email;
      if (localUserParams?.password !== undefined) {
        const self = sid === request.principal?.user.sid;
        patch.passwordHash = await checkNewPassword(services, request, before, {
          ...localUserParams,
          self,
          password: localUserParams.password,
        });
        // An administrator's reset must be changed at the next login (login flows §4, the project's rule).
        patch.forcePasswordChange = fields.forcePasswordChange ?? !self;
      }
      if (fields.locked !== undefined) patch.lockedReason = fields.locked ? 'Locked by an administrator' : null;
      await keepAnAdministrator(services.store, before, {
        roles: fields.roles ?? before.roles,
        locked: fields.locked ?? before.locked,
      });

      const rolesChanged =
        fields.roles !== undefined && [...fields.roles].sort().join() !== [...before.roles].sort().join();
      const revoke = rolesChanged || patch.passwordHash !== undefined || (fields.locked === true && !before.locked);
      const user = revoke
        ? await updateUserRevokingCredentials(services.store, sid, patch)
        : await services.store.updateUser(sid, patch);
      if (!user) throw notFound('User');
      // Unlocking also lifts a lockout from failed logins: the administrator means it now.
      if (fields.locked === false) await services.store.clearLoginFailures(lockoutKey(user.username, user.domain));
      await audit(services, request, {
        action: 'user.update',
        outcome: 'success',
        target: sid,
        details: {
          fields: Object.keys(request.body).concat(localUserParams?.password !== undefined ? ['password'] : []),
          credentialsRevoked: revoke,
        },
      });
      return toUserParams(user);
    },
  );

  routes.delete(
    '/users/:sid',
    { preHandler: modify, schema: { params: SidParams, response: errors } },
    async function deleteUser(request, reply) {
      const { sid } = request.params;
      const user = await services.store.getUser(sid);
      if (!user) throw notFound('User');
      await keepAnAdministrator(services.store, user, undefined);
      // Deleting the row cascades to the user's keys and sessions; tokens die because
      // every request re-reads the user.
      if (!(await services.store.deleteUser(sid))) throw notFound('User');
      await audit(services, request, { action: 'user.delete', outcome: 'success', target: sid });
      reply.code(204);
    },
  );
}
