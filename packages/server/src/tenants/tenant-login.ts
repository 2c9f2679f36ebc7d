import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hookWhere } from '../http/hook-where.js';
import type { Services } from '../services.js';
import { splitTenantLogin } from './tenant-names.js';
import { findTenant } from './tenant-records.js';

/**
 * `user@tenant` in any login body (login flows §5): split at the last `@`, the tenant
 * matched by org suffix then name, case-insensitively, and the username rewritten to the
 * stored `user@orgSuffix` before the password is checked. An unknown tenant is left as
 * typed, so the login fails as any unknown user does.
 */
export function useTenantLogins(app: FastifyInstance, services: Services): void {
  const loginBody = (request: FastifyRequest) => request.body as { username?: unknown } | undefined;
  app.addHook(
    'preHandler',
    hookWhere(
      (request) => request.routeOptions.config.login === true && typeof loginBody(request)?.username === 'string',
      async function canonicalTenantLogin(request) {
        const body = loginBody(request) as { username: string };
        const split = splitTenantLogin(body.username);
        if (!split) return;
        const tenant = await findTenant(services, split.tenant);
        if (tenant) body.username = `${split.name}@${tenant.orgSuffix}`;
      },
    ),
  );
}
