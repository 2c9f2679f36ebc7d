import { type Privilege, Privileges, type Role } from 'cohesity-sdk/models';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { missingPrivilege, noCredentials } from '../errors.js';
import type { Principal } from './principal.js';

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

function callerOf(request: FastifyRequest): Principal {
  const { principal } = request.actor;
  if (!principal) throw noCredentials();
  return principal;
}

/** A pre-handler that answers 403 unless the caller holds `privilege`. */
export function requirePrivilege(privilege: Privilege) {
  // A callback, not async: every authenticated request runs one, and its promise costs more
  // than the check. Fastify hands what callerOf throws to the error handler all the same.
  return function requirePrivilegeHandler(
    request: FastifyRequest,
    _reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void {
    done(callerOf(request).privileges.has(privilege) ? undefined : missingPrivilege(privilege));
  };
}

/** Names the user who owns what a request acts on; undefined when it acts on everyone's. */
export type OwnerOf = (request: FastifyRequest) => string | undefined;

/**
 * A pre-handler for resources users hold themselves (API keys, sessions): their own need
 * nobody's leave, anyone else's (or everyone's) need `privilege`.
 */
export function requireOwnOrPrivilege(privilege: Privilege, ownerOf: OwnerOf) {
  return async function requireOwnOrPrivilegeHandler(request: FastifyRequest): Promise<void> {
    const caller = callerOf(request);
    if (ownerOf(request) !== caller.user.sid && !caller.privileges.has(privilege)) throw missingPrivilege(privilege);
  };
}

/** The owner named by a path parameter, e.g. `/users/:userSid/api-keys`. */
export function sidInPath(param: string): OwnerOf {
  return function ownerInPath(request) {
    return (request.params as Record<string, string | undefined>)[param];
  };
}
