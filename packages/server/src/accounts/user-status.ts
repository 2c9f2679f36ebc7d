import type { UserRecord } from '../store/store.js';

/** Whether the user may authenticate at `nowMsecs`: not locked, already effective, not expired. */
export function canAuthenticate(user: UserRecord, nowMsecs: number): boolean {
  if (user.locked) return false;
  if (user.effectiveTimeMsecs !== null && user.effectiveTimeMsecs > nowMsecs) return false;
  if (user.expiryTimeMsecs !== null && user.expiryTimeMsecs <= nowMsecs) return false;
  return true;
}
