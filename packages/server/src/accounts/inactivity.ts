import type { Services } from '../services.js';
import { LastAdministratorError, type UserRecord } from '../store/store.js';
import { updateUserRevokingCredentials } from './revoke-credentials.js';

const DAY_MSECS = 24 * 3600 * 1000;

/**
 * `accountLockout.inactivityTimeDays` (0: off): a user neither logged in nor changed by an
 * administrator for that long is locked, as a cluster does, until an administrator unlocks
 * them (which counts as a change, so the unlocked user can log in). Answers the days when it locked.
 */
export async function lockIfInactive(services: Services, user: UserRecord, nowMsecs: number): Promise<number | null> {
  const days = (await services.securityConfig()).accountLockout.inactivityTimeDays;
  if (days <= 0) return null;
  // lastUpdatedTimeMsecs starts at creation, so a user who never logged in counts from then.
  const lastActive = Math.max(user.lastLoginTimeMsecs ?? 0, user.lastUpdatedTimeMsecs);
  if (nowMsecs - lastActive < days * DAY_MSECS) return null;
  try {
    await updateUserRevokingCredentials(
      services.store,
      user.sid,
      { locked: true, lockedReason: `Inactive for ${days} days`, lastUpdatedTimeMsecs: nowMsecs },
      { nowMsecs },
    );
  } catch (error) {
    // The last administrator is never locked for inactivity: nobody could unlock anyone.
    if (error instanceof LastAdministratorError) return null;
    throw error;
  }
  return days;
}
