import type { FastifyInstance, FastifyRequest } from 'fastify';
import { missingPrivilege, notFound } from '../errors.js';
import { hookWhere } from '../http/hook-where.js';
import { V2_PREFIX } from '../routes/prefixes.js';
import type { Services } from '../services.js';
import { orgSuffixOf, tenantIdOfUser } from './tenant-names.js';
import { tenantOf } from './tenant-scope.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cluster-wide settings, logs and tenants: never a tenant principal's to change or read. */
    clusterWide?: boolean;
  }
}

/** The route config of a cluster-wide route (see `clusterWide`). */
export const CLUSTER_WIDE = { clusterWide: true } as const;

type Listing = { users?: { sid?: string; username: string }[]; apiKeys?: { userSid: string }[] } & Record<
  string,
  unknown
>;

/**
 * What a tenant principal (a tenant's user, or an administrator impersonating one) sees is
 * that tenant's alone (login flows §5, the project's rule), in one place for every route:
 * another tenant's user named in a path is a 404, lists leave them out, users created are
 * the tenant's (`name@orgSuffix`), and cluster-wide settings are refused.
 */
export function useTenantIsolation(app: FastifyInstance, services: Services): void {
  const tenantSids = async (tenant: string) =>
    new Set((await services.store.listUsers({})).filter((u) => tenantIdOfUser(u) === tenant).map((u) => u.sid));

  app.addHook(
    'preHandler',
    hookWhere(
      (request) => tenantOfRequest(request) !== null,
      async function scopeToTenant(request) {
        const tenant = tenantOfRequest(request) as string;
        const route = `${request.method} ${request.routeOptions.url}`;
        if (request.routeOptions.config.clusterWide) throw missingPrivilege('CLUSTER_MODIFY');
        const params = request.params as { sid?: string; userSid?: string } | undefined;
        const sid = params?.sid ?? params?.userSid;
        if (sid !== undefined) {
          const user = await services.store.getUser(sid);
          if (user && tenantIdOfUser(user) !== tenant) throw notFound('User');
        }
        if (route === `DELETE ${V2_PREFIX}/users/sessions`) {
          const target = (request.query as { sid?: string }).sid;
          const user = target === undefined ? undefined : await services.store.getUser(target);
          if (!user || tenantIdOfUser(user) !== tenant) throw missingPrivilege('CLUSTER_MODIFY');
        }
        if (route === `POST ${V2_PREFIX}/users` && Array.isArray(request.body)) {
          for (const params of request.body as { username: string }[]) {
            params.username = `${params.username}@${orgSuffixOf(tenant)}`;
          }
        }
      },
    ),
  );

  async function keepOnlyTheTenants(tenant: string, payload: object): Promise<unknown> {
    const mine = (user: { username: string }) => tenantIdOfUser(user) === tenant;
    if (Array.isArray(payload)) {
      // v1 lists of users (`GET /public/users`).
      return payload.filter(
        (item: { username?: unknown }) => typeof item.username !== 'string' || mine(item as { username: string }),
      );
    }
    const listing = payload as Listing;
    if (Array.isArray(listing.users)) return { ...listing, users: listing.users.filter(mine) };
    if (Array.isArray(listing.apiKeys)) {
      const sids = await tenantSids(tenant);
      return { ...listing, apiKeys: listing.apiKeys.filter((key) => sids.has(key.userSid)) };
    }
    if (Array.isArray(listing.sessionsPerUser)) {
      const sids = await tenantSids(tenant);
      const sessionsPerUser = (listing.sessionsPerUser as { sid: string; sessionsCount: number }[]).filter((s) =>
        sids.has(s.sid),
      );
      return { sessionsPerUser, totalSessionsCount: sessionsPerUser.reduce((sum, s) => sum + s.sessionsCount, 0) };
    }
    return payload;
  }
  // A callback hook: it costs a promise only on a tenant principal's answers.
  app.addHook('preSerialization', function leaveOutOtherTenants(request, _reply, payload, done) {
    const tenant = tenantOfRequest(request);
    if (tenant === null || payload === null || typeof payload !== 'object') return done(null, payload);
    keepOnlyTheTenants(tenant, payload).then((kept) => done(null, kept), done);
  });
}

/** The tenant whose data alone the request may see, or null for a cluster principal (or none). */
function tenantOfRequest(request: FastifyRequest): string | null {
  const principal = request.actor?.principal;
  return principal ? tenantOf(principal) : null;
}
