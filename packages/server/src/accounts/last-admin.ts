import type { Role } from 'cohesity-sdk/models';
import { invalidRequest } from '../errors.js';
import type { Store, UserRecord } from '../store/store.js';

const ADMIN_ROLES: readonly Role[] = ['COHESITY_ADMIN', 'COHESITY_SUPER_ADMIN'];

const isActiveAdmin = (user: Pick<UserRecord, 'roles' | 'locked'>) =>
  !user.locked && user.roles.some((role) => ADMIN_ROLES.includes(role));

/**
 * Refuses a change that would leave the cluster with no unlocked administrator: nobody
 * could then create users, unlock accounts or change the security config again.
 * `after` is the user as the change would leave them; undefined when they are deleted.
 */
export async function keepAnAdministrator(
  store: Store,
  before: UserRecord,
  after: Pick<UserRecord, 'roles' | 'locked'> | undefined,
): Promise<void> {
  if (!isActiveAdmin(before) || (after && isActiveAdmin(after))) return;
  const others = (await store.listUsers({ roles: ADMIN_ROLES })).filter(
    (user) => user.sid !== before.sid && isActiveAdmin(user),
  );
  if (others.length === 0) {
    throw invalidRequest('This change would leave the cluster without an unlocked administrator');
  }
}
