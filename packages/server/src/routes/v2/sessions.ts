import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type CreateSessionRequestParams,
  CreateSessionRequestParamsSchema,
  DeleteSessionsQuerySchema,
  GetSessionsQuerySchema,
  type Session,
  SessionSchema,
  type SessionsCount,
  SessionsCountSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionCutoffs } from '../../accounts/session-expiry.js';
import { endSessions, startSession } from '../../accounts/sessions.js';
import { apiLogin, loginRoute } from '../../auth/login-route.js';
import { requireOwnOrPrivilege, requirePrivilege } from '../../auth/privileges.js';
import type { Services } from '../../services.js';
import { errorResponses as errors } from '../route-schemas.js';

/** The user whose sessions `DELETE /users/sessions?sid=` ends; undefined: everyone's. */
function sidInQuery(request: FastifyRequest): string | undefined {
  return (request.query as { sid?: string }).sid;
}

/** Ending one's own sessions needs nobody's leave; anyone else's, or all, needs PRINCIPAL_MODIFY. */
const modifySessions = requireOwnOrPrivilege('PRINCIPAL_MODIFY', sidInQuery);

/** Contract §6: sessions authenticated by the `session-id` header. */
export async function sessionRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/users/sessions',
    loginRoute(CreateSessionRequestParamsSchema, { 201: SessionSchema }),
    async function createUserSession(
      request: FastifyRequest<{ Body: CreateSessionRequestParams }>,
      reply,
    ): Promise<Session> {
      const user = await apiLogin(services, request.actor, request.body, 'session');
      const sessionId = await startSession(services, request.actor, user);
      reply.code(201);
      return { sessionId };
    },
  );

  routes.delete(
    '/users/sessions',
    { preHandler: modifySessions, schema: { querystring: DeleteSessionsQuerySchema, response: errors } },
    async function deleteSessions(request, reply) {
      await endSessions(services, request.actor, request.query.sid);
      reply.code(204);
    },
  );

  routes.get(
    '/users/sessions',
    {
      preHandler: requirePrivilege('PRINCIPAL_VIEW'),
      schema: { querystring: GetSessionsQuerySchema, response: { 200: SessionsCountSchema, ...errors } },
    },
    async function getActiveSessionsCount(
      request: FastifyRequest<{ Querystring: { sids?: string[] } }>,
    ): Promise<SessionsCount> {
      await services.store.deleteExpiredSessions(sessionCutoffs(await services.securityConfig(), services.now()));
      const counts = await services.store.countSessions(request.query.sids);
      const sessionsPerUser = [...counts].map(([sid, sessionsCount]) => ({ sid, sessionsCount }));
      return { sessionsPerUser, totalSessionsCount: sessionsPerUser.reduce((sum, u) => sum + u.sessionsCount, 0) };
    },
  );
}
