import type { SecurityConfig } from 'cohesity-sdk/models';
import type { UserRecord } from '../store/store.js';

const DAY_MSECS = 24 * 3600_000;

/**
 * Whether the password is older than `passwordLifetime.maxLifetimeDays` (0: passwords never
 * expire). It applies to every user with a password, `admin` too: an expired one logs in
 * with `forcePasswordChange` and must change it before anything else on the web login.
 */
function isPasswordExpired(user: UserRecord, config: SecurityConfig, nowMsecs: number): boolean {
  const { maxLifetimeDays } = config.passwordLifetime;
  return (
    user.passwordHash !== null &&
    maxLifetimeDays > 0 &&
    nowMsecs >= user.passwordChangedTimeMsecs + maxLifetimeDays * DAY_MSECS
  );
}

/** `forcePasswordChange` as the user sees it: set by an administrator's reset, or by expiry. */
export const mustChangePassword = (user: UserRecord, config: SecurityConfig, nowMsecs: number) =>
  user.forcePasswordChange || isPasswordExpired(user, config, nowMsecs);

/**
 * `passwordLifetime.minLifetimeDays`: one's own password may change again only that long
 * after it last did, so that a user cannot cycle back to an old one at once. A change that
 * is due (forced or expired) is always allowed; so is an administrator's reset.
 */
export function tooSoonToChange(user: UserRecord, config: SecurityConfig, nowMsecs: number): boolean {
  const { minLifetimeDays } = config.passwordLifetime;
  if (minLifetimeDays === 0 || mustChangePassword(user, config, nowMsecs)) return false;
  return nowMsecs < user.passwordChangedTimeMsecs + minLifetimeDays * DAY_MSECS;
}
