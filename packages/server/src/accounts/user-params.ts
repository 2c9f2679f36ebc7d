import type { User } from 'cohesity-sdk/models';
import type { UserRecord } from '../store/store.js';

/** A stored user as the wire shows it (`UserParams`): everything but the password hash. */
export function toUserParams(user: UserRecord): User {
  return {
    sid: user.sid,
    username: user.username,
    domain: user.domain,
    roles: user.roles,
    description: user.description,
    locked: user.locked,
    lockedReason: user.lockedReason,
    createdTimeMsecs: user.createdTimeMsecs,
    lastUpdatedTimeMsecs: user.lastUpdatedTimeMsecs,
    lastLoginTimeMsecs: user.lastLoginTimeMsecs,
    effectiveTimeMsecs: user.effectiveTimeMsecs,
    expiryTimeMsecs: user.expiryTimeMsecs,
    forcePasswordChange: user.forcePasswordChange,
    localUserParams: { email: user.email },
  };
}
