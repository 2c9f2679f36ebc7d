import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requirePrivilege } from '../auth/privileges.js';
import type { RequestLog } from './request-log.js';

/** `GET /_stand-in/requests?after=<seq>`: the live request log, for auditors (it names callers). */
export async function requestLogRoutes(app: FastifyInstance, { log }: { log: RequestLog }) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/_stand-in/requests',
    {
      config: { faultExempt: true },
      preHandler: requirePrivilege('CLUSTER_AUDIT'),
      schema: { querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })) }) },
    },
    async function getRequestLog(request: FastifyRequest<{ Querystring: { after?: number } }>) {
      return { entries: log.since(request.query.after ?? 0) };
    },
  );
}
