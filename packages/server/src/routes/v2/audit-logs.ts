import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type AuditLogs, AuditLogsSchema, type GetAuditLogsQuery, GetAuditLogsQuerySchema } from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requirePrivilege } from '../../auth/privileges.js';
import type { Services } from '../../services.js';
import { CLUSTER_WIDE } from '../../tenants/tenant-isolation.js';
import { errorResponses } from '../route-schemas.js';

const DEFAULT_LIMIT = 100;

/** `GET /v2/audit-logs`: the newest entries first, for holders of CLUSTER_AUDIT. */
export async function auditLogRoutes(app: FastifyInstance, services: Services) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/audit-logs',
    {
      preHandler: requirePrivilege('CLUSTER_AUDIT'),
      config: CLUSTER_WIDE,
      schema: { querystring: GetAuditLogsQuerySchema, response: { 200: AuditLogsSchema, ...errorResponses } },
    },
    async function getAuditLogs(request: FastifyRequest<{ Querystring: GetAuditLogsQuery }>): Promise<AuditLogs> {
      const { limit, action, actorSid, sinceMsecs } = request.query;
      const auditLogs = await services.store.listAudit({
        limit: limit ?? DEFAULT_LIMIT,
        ...(action !== undefined ? { action } : {}),
        ...(actorSid !== undefined ? { actorSid } : {}),
        ...(sinceMsecs !== undefined ? { sinceMsecs } : {}),
      });
      return { auditLogs };
    },
  );
}
