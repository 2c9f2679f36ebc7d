import { type Privilege, Privileges, type Role } from 'cohesity-sdk/models';
import type { FastifyRequest } from 'fastify';
import { missingPrivilege, noCredentials } from '../errors.js';

const viewer: readonly Privilege[] = [...Privileges.filter((p) => p.endsWith('_VIEW')), 'REPORTS_VIEW'];

/** Contract §7's role table ([decision] rows included). */
const rolePrivileges: Readonly<Record<Role, readonly Privilege[]>> = {
  COHESITY_ADMIN: Privileges,
  COHESITY_SUPER_ADMIN: Privileges,
  COHESITY_VIEWER: viewer,
  COHESITY_OPERATOR: [...viewer, 'PROTECTION_JOB_OPERATE', 'RESTORE_MODIFY'],
  COHESITY_DATA_SECURITY: [...viewer, 'DATA_SECURITY', 'FILE_DATALOCK_EXPIRY_TIME_DECREASE'],
};

/** Every privilege the roles grant, once each, in the contract's order. */
export function privilegesOf(roles: readonly Role[]): Privilege[] {
  const granted = new Set(roles.flatMap((role) => rolePrivileges[role] ?? []));
  return Privileges.filter((p) => granted.has(p));
}

const privilegeSets = new Map<string, ReadonlySet<Privilege>>();

/**
 * `privilegesOf` as a set, made once per combination of roles: every authenticated request
 * needs one, and there are only a few combinations.
 */
export function privilegeSetOf(roles: readonly Role[]): ReadonlySet<Privilege> {
  const key = roles.join(',');
  let set = privilegeSets.get(key);
  if (set === undefined) {
    set = new Set(privilegesOf(roles));
    privilegeSets.set(key, set);
  }
  return set;
}

/** A pre-handler that answers 403 unless the caller holds `privilege`. */
export function requirePrivilege(privilege: Privilege) {
  return async function requirePrivilegeHandler(request: FastifyRequest): Promise<void> {
    if (!request.principal) throw noCredentials();
    if (!request.principal.privileges.has(privilege)) throw missingPrivilege(privilege);
  };
}
