import { type Dialect, sql } from '../sql/sql.js';
import { insertInto, type Row, readRow } from '../sql/table.js';
import { DuplicateUserError, type NewUser, type UserRecord } from '../store.js';
import { users } from '../tables.js';
import type { Steps } from './steps.js';

/** The unique index that makes usernames unique per domain (any case), on both databases. */
const USERNAME_INDEX = 'users_username_domain';

/**
 * RIDs come from one counter row, whose UPDATE is the only lock; the unique index alone
 * detects a duplicate name, and the whole batch rolls back with it.
 */
export function* createUsersSteps(
  dialect: Dialect,
  batch: readonly NewUser[],
  localDomainSid: string,
): Steps<UserRecord[]> {
  const created: UserRecord[] = [];
  for (const user of batch) {
    const [counter] = yield sql`UPDATE user_rid_counter SET last_rid = last_rid + 1 WHERE id = 1 RETURNING last_rid`;
    const rid = Number(counter?.last_rid);
    try {
      const insert = insertInto(users, { ...user, sid: `${localDomainSid}-${rid}` }, { rid });
      const [row] = yield sql`${insert} RETURNING *`;
      created.push(readRow(users, row as Row));
    } catch (error) {
      if (dialect.violatedIndex(error) === USERNAME_INDEX) throw new DuplicateUserError(user.username, user.domain);
      throw error;
    }
  }
  return created;
}
