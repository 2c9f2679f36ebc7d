import type { FastifyInstance, FastifyRequest } from 'fastify';
import { missingPrivilege, notFound } from '../errors.js';
import type { Services } from '../services.js';
import { tenantIdFromSuffix, tenantIdOfUser } from './tenant-names.js';
import { getTenant } from './tenant-records.js';

export const IMPERSONATE_HEADER = 'x-impersonate-tenant-id';

/**
 * `x-impersonate-tenant-id` (login flows §5) on any scheme: a cluster user holding
 * ORGANIZATION_IMPERSONATE then acts as that tenant (the project's rule: reads and writes
 * are scoped to it); anyone else gets 403 KPrivilegeError, an unknown tenant 404 KNotFound.
 * Scripts may send the id with or without its trailing `/`.
 */
export function useImpersonation(app: FastifyInstance, services: Services): void {
  app.addHook('onRequest', async function impersonateTenant(request: FastifyRequest) {
    const header = request.headers[IMPERSONATE_HEADER];
    const principal = request.actor?.principal;
    if (!principal || typeof header !== 'string' || header.trim() === '') return;
    if (tenantIdOfUser(principal.user) !== null || !principal.privileges.has('ORGANIZATION_IMPERSONATE')) {
      throw missingPrivilege('ORGANIZATION_IMPERSONATE');
    }
    const wanted = header.trim();
    const tenant =
      (await getTenant(services, wanted)) ??
      (wanted.endsWith('/') ? undefined : await getTenant(services, tenantIdFromSuffix(wanted)));
    if (!tenant) throw notFound('Tenant');
    request.actor = {
      ...request.actor,
      principal: { ...principal, impersonating: { tenantId: tenant.tenantId, tenantName: tenant.name } },
    };
  });
}
