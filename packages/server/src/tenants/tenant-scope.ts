import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import type { UserRecord } from '../store/store.js';
import { tenantIdOfUser } from './tenant-names.js';

/** The tenant a principal acts in: their own, or the one an administrator impersonates; null for the cluster. */
export const tenantOf = (principal: Principal): string | null =>
  principal.impersonating?.tenantId ?? tenantIdOfUser(principal.user);

/** Whether the principal may see `user`: a cluster principal sees everyone, a tenant only its own. */
export function canSeeUser(principal: Principal, user: Pick<UserRecord, 'username'>): boolean {
  const tenant = tenantOf(principal);
  return tenant === null || tenantIdOfUser(user) === tenant;
}

/** Another tenant's user does not exist for this principal (404, as any unknown user). */
export function assertInTenantScope(principal: Principal, user: Pick<UserRecord, 'username'>): void {
  if (!canSeeUser(principal, user)) throw notFound('User');
}
