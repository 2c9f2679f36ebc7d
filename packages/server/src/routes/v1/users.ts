import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { GetUsersV1QuerySchema, UsersV1Schema, type UserV1 } from 'cohesity-sdk/models';
import type { FastifyInstance } from 'fastify';
import { requirePrivilege } from '../../auth/privileges.js';
import type { Services } from '../../services.js';
import type { UserRecord } from '../../store/store.js';
import { errorResponses } from '../route-schemas.js';

/** A stored user as v1 shows them; never a password. */
export function toUserV1(user: UserRecord): UserV1 {
  return {
    sid: user.sid,
    username: user.username,
    domain: user.domain,
    roles: user.roles,
    emailAddress: user.email,
    description: user.description,
    createdTimeMsecs: user.createdTimeMsecs,
    lastUpdatedTimeMsecs: user.lastUpdatedTimeMsecs,
    lastSuccessfulLoginTimeMsecs: user.lastLoginTimeMsecs,
  };
}

/** v1 `GET /public/users`: a plain array, filtered by domain, usernames and sids. */
export async function userV1Routes(app: FastifyInstance, services: Services) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/public/users',
    {
      preHandler: requirePrivilege('PRINCIPAL_VIEW'),
      schema: { querystring: GetUsersV1QuerySchema, response: { 200: UsersV1Schema, ...errorResponses } },
    },
    async function getUsersV1(request): Promise<UserV1[]> {
      const { domain, usernames, sids } = request.query;
      const users = await services.store.listUsers({
        ...(domain === undefined ? {} : { domain }),
        ...(usernames === undefined ? {} : { usernames }),
        ...(sids === undefined ? {} : { sids }),
      });
      return users.map(toUserV1);
    },
  );
}
