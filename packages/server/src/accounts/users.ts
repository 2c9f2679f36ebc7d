import { type CreateUsersRequest, DEFAULT_DOMAIN, type UpdateUserParams } from 'cohesity-sdk/models';
import type { Actor } from '../actor.js';
import { audit } from '../audit.js';
import { conflict, notFound } from '../errors.js';
import type { Services } from '../services.js';
import { DuplicateUserError, type NewUser, type UserPatch, type UserRecord } from '../store/store.js';
import { checkNewPassword } from './check-new-password.js';
import { findUser } from './find-user.js';
import { lockoutAccount } from './lockout-key.js';
import { assertPasswordStrength } from './password-policy.js';
import { updateUserRevokingCredentials } from './revoke-credentials.js';

const LOCKED_BY_ADMIN = 'Locked by an administrator';

/** Creates local users, all or none: every password is checked against the policy first. */
export async function createUsers(
  services: Services,
  actor: Actor,
  request: CreateUsersRequest,
): Promise<UserRecord[]> {
  const { passwordStrength } = await services.securityConfig();
  for (const params of request) assertPasswordStrength(params.localUserParams.password, passwordStrength);
  const now = services.now();
  const newUsers: NewUser[] = [];
  for (const params of request) {
    newUsers.push({
      username: params.username,
      domain: params.domain ?? DEFAULT_DOMAIN,
      roles: params.roles,
      description: params.description ?? null,
      locked: params.locked ?? false,
      lockedReason: params.locked ? LOCKED_BY_ADMIN : null,
      passwordHash: await services.hasher.hash(params.localUserParams.password),
      email: params.localUserParams.email ?? null,
      createdTimeMsecs: now,
      lastUpdatedTimeMsecs: now,
      effectiveTimeMsecs: params.effectiveTimeMsecs ?? null,
      expiryTimeMsecs: params.expiryTimeMsecs ?? null,
      forcePasswordChange: params.forcePasswordChange ?? false,
      passwordChangedTimeMsecs: now,
    });
  }
  let created: UserRecord[];
  try {
    created = await services.store.createUsers(newUsers, services.cluster.localDomainSid);
  } catch (error) {
    if (error instanceof DuplicateUserError) throw conflict(error.message);
    throw error;
  }
  for (const user of created) {
    await audit(services, actor, {
      action: 'user.create',
      outcome: 'success',
      target: user.sid,
      details: { username: user.username, domain: user.domain, roles: user.roles },
    });
  }
  return created;
}

/**
 * Changes a user. A new password, a change of roles or a lock ends every credential the
 * user holds; unlocking also lifts a lockout from failed logins; the last administrator who
 * can log in cannot be demoted, locked, expired or deferred.
 */
export async function updateUser(
  services: Services,
  actor: Actor,
  sid: string,
  changes: UpdateUserParams,
): Promise<UserRecord> {
  const before = await findUser(services.store, sid);
  const { localUserParams, ...fields } = changes;
  const patch: UserPatch = { ...fields, lastUpdatedTimeMsecs: services.now() };
  if (localUserParams?.email !== undefined) patch.email = localUserParams.email;
  if (localUserParams?.password !== undefined) {
    const self = sid === actor.principal?.user.sid;
    const change = { ...localUserParams, password: localUserParams.password, self };
    const changed = await checkNewPassword(services, actor, before, change);
    Object.assign(patch, changed, { forcePasswordChange: fields.forcePasswordChange ?? changed.forcePasswordChange });
  }
  if (fields.locked !== undefined) patch.lockedReason = fields.locked ? LOCKED_BY_ADMIN : null;
  // The last administrator who can log in cannot be demoted, locked, expired or deferred:
  // checked inside the write's own transaction, so two such changes cannot both pass.
  const keep = { nowMsecs: patch.lastUpdatedTimeMsecs };

  const rolesChanged =
    fields.roles !== undefined && [...fields.roles].sort().join() !== [...before.roles].sort().join();
  const revoke = rolesChanged || patch.passwordHash !== undefined || (fields.locked === true && !before.locked);
  const user = revoke
    ? await updateUserRevokingCredentials(services.store, sid, patch, keep)
    : await services.store.updateUser(sid, patch, keep);
  if (!user) throw notFound('User');
  // Unlocking also lifts a lockout from failed logins: the administrator means it now.
  if (fields.locked === false) {
    await services.store.clearLoginFailuresStartingWith(`${lockoutAccount(user.username, user.domain)}@`);
  }
  await audit(services, actor, {
    action: 'user.update',
    outcome: 'success',
    target: sid,
    details: {
      fields: Object.keys(changes).concat(localUserParams?.password !== undefined ? ['password'] : []),
      credentialsRevoked: revoke,
    },
  });
  return user;
}

/** Deletes a user, unless they are the last unlocked administrator. */
export async function deleteUser(services: Services, actor: Actor, sid: string): Promise<void> {
  await findUser(services.store, sid);
  // Deleting the row cascades to the user's keys and sessions; tokens die because
  // every request re-reads the user.
  if (!(await services.store.deleteUser(sid, { nowMsecs: services.now() }))) throw notFound('User');
  await audit(services, actor, { action: 'user.delete', outcome: 'success', target: sid });
}
