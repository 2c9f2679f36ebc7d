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
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../../audit.js';
import type { Principal } from '../../auth/principal.js';
import { requirePrivilege } from '../../auth/privileges.js';
import { sessionCutoffs } from '../../auth/session-expiry.js';
import { createSession } from '../../auth/sessions.js';
import { missingPrivilege } from '../../errors.js';
import { inlineSecondFactor } from '../../mfa/second-factor.js';
import type { Services } from '../../services.js';
import { refuseOtherLoginMode } from '../../session-management/session-mode.js';
import { errorResponses as errors } from '../route-schemas.js';

/** Contract §6: sessions authenticated by the `session-id` header. */
export async function sessionRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/users/sessions',
    {
      config: { public: true, login: true },
      schema: { body: CreateSessionRequestParamsSchema, response: { 201: SessionSchema, ...errors } },
    },
    async function createUserSession(
      request: FastifyRequest<{ Body: CreateSessionRequestParams }>,
      reply,
    ): Promise<Session> {
      await refuseOtherLoginMode(services, true);
      const sessionId = await createSession(services, request, request.body, {
        secondFactor: inlineSecondFactor(services, request, request.body),
      });
      reply.code(201);
      return { sessionId };
    },
  );

  routes.delete(
    '/users/sessions',
    { schema: { querystring: DeleteSessionsQuerySchema, response: errors } },
    async function deleteSessions(request: FastifyRequest<{ Querystring: { sid?: string } }>, reply: FastifyReply) {
      const { sid } = request.query;
      // Ending one's own sessions needs nobody's leave; anyone else's, or all, needs PRINCIPAL_MODIFY.
      const principal = request.principal as Principal;
      if (sid !== principal.user.sid && !principal.privileges.has('PRINCIPAL_MODIFY')) {
        throw missingPrivilege('PRINCIPAL_MODIFY');
      }
      const ended = await services.store.deleteSessions(sid);
      await audit(services, request, {
        action: 'session.delete',
        outcome: 'success',
        target: sid ?? '*',
        details: { ended },
      });
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
      const { sessionConfiguration } = await services.securityConfig();
      await services.store.deleteExpiredSessions(sessionCutoffs(sessionConfiguration, services.now()));
      const counts = await services.store.countSessions(request.query.sids);
      const sessionsPerUser = [...counts].map(([sid, sessionsCount]) => ({ sid, sessionsCount }));
      return { sessionsPerUser, totalSessionsCount: sessionsPerUser.reduce((sum, u) => sum + u.sessionsCount, 0) };
    },
  );
}
