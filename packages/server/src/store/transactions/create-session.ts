import { sql } from '../sql/sql.js';
import { insertInto, type Row } from '../sql/table.js';
import type { CreateSessionResult, SessionLimits, SessionRecord } from '../store.js';
import { sessions } from '../tables.js';
import type { Steps } from './steps.js';

/** Serialises session limits (count, then insert) across every node. */
export const SESSIONS_LOCK = 'cohesity.sessions';

/** Counts, then inserts: under the lock, concurrent creations cannot pass a limit together. */
export function* createSessionSteps(session: SessionRecord, limits: SessionLimits): Steps<CreateSessionResult> {
  const count = (rows: Row[]) => Number(rows[0]?.n);
  if (limits.perUser !== null) {
    const mine = yield sql`SELECT count(*) AS n FROM sessions WHERE user_sid = ${session.userSid}`;
    if (count(mine) >= limits.perUser) return 'user-limit';
  }
  if (limits.systemWide !== null && count(yield sql`SELECT count(*) AS n FROM sessions`) >= limits.systemWide) {
    return 'system-limit';
  }
  yield insertInto(sessions, session);
  return 'created';
}
