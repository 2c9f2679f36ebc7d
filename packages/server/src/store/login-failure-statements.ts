import { type Sql, sql } from './sql/sql.js';
import type { LoginFailurePolicy } from './store.js';

/**
 * Counts one failed login for `key` in one statement, atomic under the row lock of
 * ON CONFLICT (across PostgreSQL nodes too): a failure outside the window, or after a lock
 * ran out, starts a new count. The casts type the parameters for PostgreSQL, which cannot
 * infer them inside CASE.
 */
export function countLoginFailure(key: string, nowMsecs: number, policy: LoginFailurePolicy): Sql {
  const [now, max, window, lock] = [nowMsecs, policy.maxAttempts, policy.windowMsecs, policy.lockMsecs].map(
    (n) => sql`CAST(${n} AS BIGINT)`,
  ) as [Sql, Sql, Sql, Sql];
  const restart = sql`f.locked_until_msecs <= ${now} OR ${now} - f.first_failure_msecs > ${window}`;
  return sql`INSERT INTO login_failures AS f (key, failures, first_failure_msecs, locked_until_msecs)
    VALUES (${key}, 1, ${now}, CASE WHEN ${max} <= 1 THEN ${now} + ${lock} END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${restart} THEN 1 ELSE f.failures + 1 END,
      first_failure_msecs = CASE WHEN ${restart} THEN ${now} ELSE f.first_failure_msecs END,
      locked_until_msecs = CASE
        WHEN f.locked_until_msecs > ${now} THEN f.locked_until_msecs
        WHEN (CASE WHEN ${restart} THEN 1 ELSE f.failures + 1 END) >= ${max} THEN ${now} + ${lock}
      END
    RETURNING *`;
}
