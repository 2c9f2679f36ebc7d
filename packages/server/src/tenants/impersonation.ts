import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { missingPrivilege, notFound } from '../errors.js';
import { hookWhere } from '../http/hook-where.js';
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
  const wantedTenant = (request: FastifyRequest) => {
    const header = request.headers[IMPERSONATE_HEADER];
    return typeof header === 'string' ? header.trim() : '';
  };
  app.addHook(
    'onRequest',
    hookWhere(
      (request) => request.actor?.principal != null && wantedTenant(request) !== '',
      async function impersonateTenant(request) {
        const principal = request.actor?.principal as Principal;
        if (tenantIdOfUser(principal.user) !== null || !principal.privileges.has('ORGANIZATION_IMPERSONATE')) {
          throw missingPrivilege('ORGANIZATION_IMPERSONATE');
        }
        const wanted = wantedTenant(request);
        const tenant =
          (await getTenant(services, wanted)) ??
          (wanted.endsWith('/') ? undefined : await getTenant(services, tenantIdFromSuffix(wanted)));
        if (!tenant) throw notFound('Tenant');
        request.actor = {
          ...request.actor,
          principal: { ...principal, impersonating: { tenantId: tenant.tenantId, tenantName: tenant.name } },
        };
      },
    ),
  );
}
