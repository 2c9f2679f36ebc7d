import type { UserRecord } from '../store/store.js';

/** Whether the user may authenticate at `nowMs`: not locked, already effective, not expired. */
export function canAuthenticate(user: UserRecord, nowMs: number): boolean {
  if (user.locked) return false;
  if (user.effectiveTimeMsecs !== null && user.effectiveTimeMsecs > nowMs) return false;
  if (user.expiryTimeMsecs !== null && user.expiryTimeMsecs <= nowMs) return false;
  return true;
}
