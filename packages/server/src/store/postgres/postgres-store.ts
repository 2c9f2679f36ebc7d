import {
  apiKeyColumns,
  type Row,
  toApiKey,
  toAudit,
  toLoginFailures,
  toSession,
  toSigningKey,
  toUser,
  userColumns,
} from '../rows.js';
import {
  type ApiKeyFilter,
  type ApiKeyPatch,
  type ApiKeyRecord,
  type AuditEvent,
  type AuditFilter,
  type AuditRecord,
  type CreateSessionResult,
  DuplicateUserError,
  type LoginFailurePolicy,
  type LoginFailures,
  type NewUser,
  type SessionCutoffs,
  type SessionLimits,
  type SessionRecord,
  type Settings,
  type SigningKeyRecord,
  type Store,
  type StoredRecord,
  type UserFilter,
  type UserPatch,
  type UserRecord,
} from '../store.js';
import { PostgresDatabase, type PostgresOptions } from './postgres-database.js';

// Transaction-scoped advisory locks that serialise what must be counted then written,
// across every node: RIDs are max + 1, and session limits are count then insert.
const USERS_LOCK = 'cohesity.users';
const SESSIONS_LOCK = 'cohesity.sessions';

/** Arrays (roles) go to JSONB as JSON text; everything else binds as is. */
const toSql = (value: unknown) => (Array.isArray(value) ? JSON.stringify(value) : value);

/** `WHERE a AND b …` from conditions whose `$n` were numbered by `bind`. */
function whereClause(build: (bind: (value: unknown) => string) => (string | false)[]): {
  where: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const conditions = build((value) => {
    params.push(value);
    return `$${params.length}`;
  }).filter((c): c is string => c !== false);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * The shared store for several nodes. Every request reads users, keys and sessions from
 * here (no per-node cache), so a revocation on one node holds on all of them at once.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly #db: PostgresDatabase;

  private constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  /** Connects and applies pending migrations (safe when several nodes start together). */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const db = new PostgresDatabase(options);
    try {
      await db.migrate();
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PostgresStore(db);
  }

  async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | undefined> {
    const [row] = await this.#db.query('SELECT value FROM settings WHERE key = $1', [key]);
    return row?.value as Settings[K] | undefined;
  }

  async putSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.#db.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, JSON.stringify(value)],
    );
  }

  async putSettingIfAbsent<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean> {
    const rows = await this.#db.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key',
      [key, JSON.stringify(value)],
    );
    return rows.length === 1;
  }

  async createUsers(users: readonly NewUser[], localDomainSid: string): Promise<UserRecord[]> {
    return this.#db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [USERS_LOCK]);
      const created: UserRecord[] = [];
      const next = await client.query('SELECT last_rid AS rid FROM user_rid_counter WHERE id = 1 FOR UPDATE');
      let rid = next.rows[0]?.rid as number;
      for (const user of users) {
        rid += 1;
        const { rows } = await client
          .query(
            `INSERT INTO users (sid, rid, username, domain, roles, description, locked, locked_reason, password_hash,
               email, created_msecs, updated_msecs, effective_msecs, expiry_msecs, force_password_change)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             RETURNING *`,
            [
              `${localDomainSid}-${rid}`,
              rid,
              user.username,
              user.domain,
              JSON.stringify(user.roles),
              user.description,
              user.locked,
              user.lockedReason,
              user.passwordHash,
              user.email,
              user.createdTimeMsecs,
              user.lastUpdatedTimeMsecs,
              user.effectiveTimeMsecs,
              user.expiryTimeMsecs,
              user.forcePasswordChange,
            ],
          )
          .catch((error: unknown) => {
            // The unique index decides; the whole batch rolls back with it.
            if ((error as { constraint?: string }).constraint === 'users_username_domain') {
              throw new DuplicateUserError(user.username, user.domain);
            }
            throw error;
          });
        created.push(toUser(rows[0] as Row));
      }
      await client.query('UPDATE user_rid_counter SET last_rid = $1 WHERE id = 1', [rid]);
      return created;
    });
  }

  async getUser(sid: string): Promise<UserRecord | undefined> {
    const [row] = await this.#db.query('SELECT * FROM users WHERE sid = $1', [sid]);
    return row && toUser(row);
  }

  async findUser(username: string, domain: string): Promise<UserRecord | undefined> {
    const [row] = await this.#db.query('SELECT * FROM users WHERE username = $1 AND lower(domain) = lower($2)', [
      username,
      domain,
    ]);
    return row && toUser(row);
  }

  async listUsers(filter: UserFilter): Promise<UserRecord[]> {
    const { where, params } = whereClause((bind) => [
      filter.domain !== undefined && `lower(domain) = lower(${bind(filter.domain)})`,
      !!filter.sids?.length && `sid = ANY(${bind(filter.sids)}::text[])`,
      !!filter.usernames?.length && `username = ANY(${bind(filter.usernames)}::text[])`,
      !!filter.roles?.length && `roles ?| ${bind(filter.roles)}::text[]`,
    ]);
    return (await this.#db.query(`SELECT * FROM users ${where} ORDER BY rid`, params)).map(toUser);
  }

  async updateUser(sid: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const { revokeCredentials, ...fields } = patch;
    const params: unknown[] = [sid];
    const sets = Object.entries(fields).map(([k, v]) => {
      params.push(toSql(v));
      return `${userColumns[k as keyof typeof fields]} = $${params.length}`;
    });
    if (revokeCredentials) sets.push('credentials_version = credentials_version + 1');
    const [row] = await this.#db.query(`UPDATE users SET ${sets.join(', ')} WHERE sid = $1 RETURNING *`, params);
    return row && toUser(row);
  }

  async recordLogin(sid: string, timeMsecs: number): Promise<void> {
    await this.#db.query('UPDATE users SET last_login_msecs = $1 WHERE sid = $2', [timeMsecs, sid]);
  }

  async deleteUser(sid: string): Promise<boolean> {
    return (await this.#db.query('DELETE FROM users WHERE sid = $1 RETURNING sid', [sid])).length === 1;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.#db.query(
      `INSERT INTO api_keys (id, name, user_sid, created_by_sid, secret_hash, created_msecs, expiry_msecs,
         last_rotated_msecs, is_active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        key.id,
        key.name,
        key.userSid,
        key.createdByUserSid,
        key.secretHash,
        key.createdTimeMsecs,
        key.expiryTimeMsecs,
        key.lastRotatedTimeMsecs,
        key.isActive,
      ],
    );
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.#db.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    return row && toApiKey(row);
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.#db.query('SELECT * FROM api_keys WHERE secret_hash = $1', [secretHash]);
    return row && toApiKey(row);
  }

  async listApiKeys(filter: ApiKeyFilter): Promise<ApiKeyRecord[]> {
    const { where, params } = whereClause((bind) => [
      !!filter.ids?.length && `id = ANY(${bind(filter.ids)}::text[])`,
      !!filter.userSids?.length && `user_sid = ANY(${bind(filter.userSids)}::text[])`,
      filter.isActive !== undefined && `is_active = ${bind(filter.isActive)}`,
    ]);
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    const sql = `SELECT * FROM api_keys ${where} ORDER BY created_msecs, id COLLATE "C"`;
    return (await this.#db.query(sql, params)).map(toApiKey);
  }

  async updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> {
    const params: unknown[] = [id];
    const sets = Object.entries(patch).map(([k, v]) => {
      params.push(v);
      return `${apiKeyColumns[k as keyof ApiKeyPatch]} = $${params.length}`;
    });
    if (sets.length === 0) return this.getApiKey(id);
    const [row] = await this.#db.query(`UPDATE api_keys SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
    return row && toApiKey(row);
  }

  async rotateApiKey(id: string, secretHash: string, timeMsecs: number): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.#db.query(
      'UPDATE api_keys SET secret_hash = $1, last_rotated_msecs = $2 WHERE id = $3 RETURNING *',
      [secretHash, timeMsecs, id],
    );
    return row && toApiKey(row);
  }

  async deleteApiKey(id: string): Promise<boolean> {
    return (await this.#db.query('DELETE FROM api_keys WHERE id = $1 RETURNING id', [id])).length === 1;
  }

  async createSession(session: SessionRecord, limits: SessionLimits): Promise<CreateSessionResult> {
    return this.#db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SESSIONS_LOCK]);
      const count = async (sql: string, params: unknown[]) => Number((await client.query(sql, params)).rows[0]?.n);
      if (
        limits.perUser !== null &&
        (await count('SELECT count(*) AS n FROM sessions WHERE user_sid = $1', [session.userSid])) >= limits.perUser
      ) {
        return 'user-limit';
      }
      if (limits.systemWide !== null && (await count('SELECT count(*) AS n FROM sessions', [])) >= limits.systemWide) {
        return 'system-limit';
      }
      await client.query(
        `INSERT INTO sessions (id_hash, user_sid, created_msecs, last_seen_msecs, credentials_version)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          session.idHash,
          session.userSid,
          session.createdTimeMsecs,
          session.lastSeenTimeMsecs,
          session.credentialsVersion,
        ],
      );
      return 'created';
    });
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.#db.query('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return row && toSession(row);
  }

  async touchSession(idHash: string, timeMsecs: number): Promise<void> {
    await this.#db.query('UPDATE sessions SET last_seen_msecs = $1 WHERE id_hash = $2', [timeMsecs, idHash]);
  }

  async deleteSessions(userSid?: string): Promise<number> {
    const rows =
      userSid === undefined
        ? await this.#db.query('DELETE FROM sessions RETURNING id_hash')
        : await this.#db.query('DELETE FROM sessions WHERE user_sid = $1 RETURNING id_hash', [userSid]);
    return rows.length;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteExpiredSessions(cutoffs: SessionCutoffs): Promise<number> {
    const { createdAtOrBeforeMsecs: created = null, lastSeenAtOrBeforeMsecs: lastSeen = null } = cutoffs;
    if (created === null && lastSeen === null) return 0;
    const rows = await this.#db.query(
      'DELETE FROM sessions WHERE created_msecs <= $1 OR last_seen_msecs <= $2 RETURNING id_hash',
      [created ?? -1, lastSeen ?? -1],
    );
    return rows.length;
  }

  async countSessions(userSids?: readonly string[]): Promise<Map<string, number>> {
    const rows = userSids?.length
      ? await this.#db.query(
          'SELECT user_sid, count(*) AS n FROM sessions WHERE user_sid = ANY($1::text[]) GROUP BY user_sid',
          [userSids],
        )
      : await this.#db.query('SELECT user_sid, count(*) AS n FROM sessions GROUP BY user_sid');
    return new Map(rows.map((r) => [r.user_sid as string, r.n as number]));
  }

  async listSigningKeys(): Promise<SigningKeyRecord[]> {
    const rows = await this.#db.query('SELECT * FROM signing_keys ORDER BY created_msecs, kid COLLATE "C"');
    return rows.map(toSigningKey);
  }

  async addSigningKey(key: SigningKeyRecord): Promise<void> {
    await this.#db.query(
      'INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_msecs) VALUES ($1, $2, $3, $4)',
      [key.kid, key.privateJwk, key.publicJwk, key.createdTimeMsecs],
    );
  }

  async getLoginFailures(key: string): Promise<LoginFailures | undefined> {
    const [row] = await this.#db.query('SELECT * FROM login_failures WHERE key = $1', [key]);
    return row && toLoginFailures(row);
  }

  async recordLoginFailure(key: string, nowMsecs: number, policy: LoginFailurePolicy): Promise<LoginFailures> {
    // One statement (the row lock of ON CONFLICT makes it atomic across nodes): a failure
    // outside the window, or after a lock ran out, starts a new count.
    const [now, max, windowMsecs, lock] = ['$2::bigint', '$3::bigint', '$4::bigint', '$5::bigint'];
    const restart = `f.locked_until_msecs <= ${now} OR ${now} - f.first_failure_msecs > ${windowMsecs}`;
    const [row] = await this.#db.query(
      `INSERT INTO login_failures AS f (key, failures, first_failure_msecs, locked_until_msecs)
       VALUES ($1, 1, ${now}, CASE WHEN ${max} <= 1 THEN ${now} + ${lock} END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${restart} THEN 1 ELSE f.failures + 1 END,
         first_failure_msecs = CASE WHEN ${restart} THEN ${now} ELSE f.first_failure_msecs END,
         locked_until_msecs = CASE
           WHEN f.locked_until_msecs > ${now} THEN f.locked_until_msecs
           WHEN (CASE WHEN ${restart} THEN 1 ELSE f.failures + 1 END) >= ${max} THEN ${now} + ${lock}
         END
       RETURNING *`,
      [key, nowMsecs, policy.maxAttempts, policy.windowMsecs, policy.lockMsecs],
    );
    return toLoginFailures(row as Row);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.#db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.#db.query(
      `INSERT INTO audit_log (time_msecs, action, outcome, actor_sid, actor_name, target, ip, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        event.timeMsecs,
        event.action,
        event.outcome,
        event.actorSid,
        event.actorName,
        event.target,
        event.ip,
        event.requestId,
        JSON.stringify(event.details),
      ],
    );
  }

  async listAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    const { where, params } = whereClause((bind) => [
      filter.sinceMsecs !== undefined && `time_msecs >= ${bind(filter.sinceMsecs)}`,
      filter.action !== undefined && `action = ${bind(filter.action)}`,
      filter.actorSid !== undefined && `actor_sid = ${bind(filter.actorSid)}`,
    ]);
    params.push(filter.limit);
    const rows = await this.#db.query(
      `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toAudit);
  }

  async getRecord(kind: string, id: string): Promise<string | undefined> {
    const [row] = await this.#db.query('SELECT value FROM records WHERE kind = $1 AND id = $2', [kind, id]);
    return row?.value as string | undefined;
  }

  async listRecords(kind: string): Promise<StoredRecord[]> {
    return (await this.#db.query('SELECT id, value FROM records WHERE kind = $1 ORDER BY id', [
      kind,
    ])) as unknown as StoredRecord[];
  }

  async putRecord(kind: string, id: string, value: string, ownerSid?: string): Promise<void> {
    await this.#db.query(
      'INSERT INTO records (kind, id, value, owner_sid) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value',
      [kind, id, value, ownerSid ?? null],
    );
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    await this.#db.query('DELETE FROM records WHERE kind = $1 AND id = $2', [kind, id]);
  }

  async swapRecord(
    kind: string,
    id: string,
    expected: string | undefined,
    next: string | undefined,
    ownerSid?: string,
  ): Promise<boolean> {
    if (expected === undefined && next === undefined) return (await this.getRecord(kind, id)) === undefined;
    const rows =
      expected === undefined
        ? await this.#db.query(
            'INSERT INTO records (kind, id, value, owner_sid) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, id) DO NOTHING RETURNING id',
            [kind, id, next, ownerSid ?? null],
          )
        : next === undefined
          ? await this.#db.query('DELETE FROM records WHERE kind = $1 AND id = $2 AND value = $3 RETURNING id', [
              kind,
              id,
              expected,
            ])
          : await this.#db.query(
              'UPDATE records SET value = $4 WHERE kind = $1 AND id = $2 AND value = $3 RETURNING id',
              [kind, id, expected, next],
            );
    return rows.length === 1;
  }

  async ping(): Promise<boolean> {
    return this.#db.ping();
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}
