import type { Role } from 'cohesity-sdk/models';
import { type Dialect, type Sql, sql } from '../sql/sql.js';
import type { Row } from '../sql/table.js';
import { LastAdministratorError } from '../store.js';
import type { Steps } from './steps.js';

export const ADMIN_ROLES: readonly Role[] = ['COHESITY_ADMIN', 'COHESITY_SUPER_ADMIN'];

/** Serialises every write that may leave the cluster without a usable administrator, across nodes. */
export const ADMINS_LOCK = 'cohesity.admins';

/**
 * An administrator who can log in now and will still be able to later: unlocked, already
 * effective, with no expiry (one that expires tomorrow would leave nobody tomorrow).
 * The login-time checks (`canAuthenticate`) and the inactivity lock ask the same things.
 */
const lastingAdministrator = (dialect: Dialect, nowMsecs: number): Sql =>
  sql`${dialect.jsonArrayHasAny(sql`roles`, ADMIN_ROLES)} AND locked = ${false}
    AND (effective_msecs IS NULL OR effective_msecs <= ${nowMsecs}) AND expiry_msecs IS NULL`;

/**
 * Runs `write` (an UPDATE or DELETE of user `sid`), then undoes it by throwing
 * `LastAdministratorError` when `sid` was a lasting administrator and none is left. Inside
 * one transaction under `ADMINS_LOCK`, two administrators demoting each other at the same
 * moment cannot both pass: the second one counts after the first one's write.
 */
export function* keepAnAdministratorSteps(dialect: Dialect, write: Sql, sid: string, nowMsecs: number): Steps<Row[]> {
  const lasting = lastingAdministrator(dialect, nowMsecs);
  const [was] = yield sql`SELECT count(*) AS n FROM users WHERE sid = ${sid} AND ${lasting}`;
  const rows = yield write;
  if (Number(was?.n) > 0) {
    const [left] = yield sql`SELECT count(*) AS n FROM users WHERE ${lasting}`;
    if (Number(left?.n) === 0) throw new LastAdministratorError();
  }
  return rows;
}
