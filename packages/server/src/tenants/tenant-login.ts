import type { FastifyInstance, FastifyRequest } from 'fastify';
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
  app.addHook('preHandler', async function canonicalTenantLogin(request: FastifyRequest) {
    if (!request.routeOptions.config.login) return;
    const body = request.body as { username?: unknown } | undefined;
    if (typeof body?.username !== 'string') return;
    const split = splitTenantLogin(body.username);
    if (!split) return;
    const tenant = await findTenant(services, split.tenant);
    if (tenant) body.username = `${split.name}@${tenant.orgSuffix}`;
  });
}
