/**
 * Tenant users are stored as `<name>@<orgSuffix>` (local usernames cannot hold `@`), so a
 * user's tenant is read from the name alone. A tenant's id is its org suffix and a `/`
 * (login flows §5: `xyzOrg/`).
 */
export const tenantIdFromSuffix = (orgSuffix: string) => `${orgSuffix}/`;

export const orgSuffixOf = (tenantId: string) => tenantId.replace(/\/$/, '');

/** The tenant id of a stored user, or null for a cluster user. */
export function tenantIdOfUser(user: { username: string }): string | null {
  const at = user.username.lastIndexOf('@');
  return at < 0 ? null : tenantIdFromSuffix(user.username.slice(at + 1));
}

/** `user@tenant` split at the last `@` (login flows §5, the project's rule). */
export function splitTenantLogin(username: string): { name: string; tenant: string } | null {
  const at = username.lastIndexOf('@');
  if (at <= 0 || at === username.length - 1) return null;
  return { name: username.slice(0, at), tenant: username.slice(at + 1) };
}
