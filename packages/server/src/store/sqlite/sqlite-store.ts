import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
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
  StoreUnavailableError,
  type UserFilter,
  type UserPatch,
  type UserRecord,
} from '../store.js';
import { claimDatabase } from './database-claim.js';
import { FileSync } from './file-sync.js';
import { sqliteMigrations } from './migrations.js';

/** `IN (?, ?, …)` for a list of values. */
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** JS values as SQLite binds them: booleans as 0/1, arrays as JSON. */
const toSql = (value: unknown) =>
  typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? JSON.stringify(value) : value;

/**
 * The embedded store. Every write is answered only once it is on disk, so neither a crash
 * nor a power cut loses it: WAL with `synchronous=NORMAL` (commits do not fsync, which
 * would hold the event loop for milliseconds), then an fdatasync of the WAL on the thread
 * pool, one for each group of writes, before the write's promise resolves. That is what
 * `synchronous=FULL` guarantees, without stalling every other request meanwhile.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;

  readonly #statements = new Map<string, Database.Statement>();
  /** This process's hold on the file; undefined for `:memory:`. */
  readonly #claim: { release(): void } | undefined;
  /** Undefined for `:memory:`, which has nothing to make durable. */
  readonly #walSync: FileSync | undefined;
  /** Set once a sync has failed (see `#durably`). */
  #syncFailure: unknown;

  private constructor(db: Database.Database, claim: { release(): void } | undefined, walSync: FileSync | undefined) {
    this.#db = db;
    this.#claim = claim;
    this.#walSync = walSync;
  }

  /**
   * Opens (creating if needed) the database file and applies pending migrations. The file
   * is this store's alone until it is closed: DatabaseInUseError if another store has it.
   */
  static open(file: string): SqliteStore {
    const inMemory = file === ':memory:';
    const path = inMemory ? file : resolve(file);
    const claimed = inMemory ? undefined : claimDatabase(path);
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      if (!inMemory) {
        chmodSync(path, 0o600);
        // Durability rests on syncing the WAL ourselves: anything but WAL must stop here.
        const mode = db.pragma('journal_mode = WAL', { simple: true });
        if (mode !== 'wal') throw new Error(`${path}: SQLite refused WAL mode (journal_mode is ${String(mode)})`);
      }
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
      return new SqliteStore(db, claimed, inMemory ? undefined : new FileSync(`${path}-wal`));
    } catch (error) {
      db?.close();
      claimed?.release();
      throw error;
    }
  }

  /** A prepared statement, made once per SQL text (only static SQL comes here). */
  #sql(source: string): Database.Statement {
    let statement = this.#statements.get(source);
    if (statement === undefined) {
      statement = this.#db.prepare(source);
      this.#statements.set(source, statement);
    }
    return statement;
  }

  async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | undefined> {
    const row = this.#sql('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return row ? (JSON.parse(row.value as string) as Settings[K]) : undefined;
  }

  async putSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.#durably(() =>
      this.#sql(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, JSON.stringify(value)),
    );
  }

  async putSettingIfAbsent<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean> {
    const result = await this.#durably(() =>
      this.#sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
        key,
        JSON.stringify(value),
      ),
    );
    return result.changes === 1;
  }

  async createUsers(users: readonly NewUser[], localDomainSid: string): Promise<UserRecord[]> {
    const insert = this.#sql(`
      INSERT INTO users (sid, rid, username, domain, roles, description, locked, locked_reason, password_hash, email,
        created_msecs, updated_msecs, effective_msecs, expiry_msecs, force_password_change)
      VALUES (@sid, @rid, @username, @domain, @roles, @description, @locked, @lockedReason, @passwordHash, @email,
        @createdTimeMsecs, @lastUpdatedTimeMsecs, @effectiveTimeMsecs, @expiryTimeMsecs, @forcePasswordChange)`);
    const nextRid = this.#sql(
      'UPDATE user_rid_counter SET last_rid = last_rid + 1 WHERE id = 1 RETURNING last_rid AS rid',
    );
    const exists = this.#sql('SELECT 1 FROM users WHERE username = ? AND lower(domain) = lower(?)');
    const create = this.#db.transaction((batch: readonly NewUser[]) =>
      batch.map((user) => {
        if (exists.get(user.username, user.domain)) throw new DuplicateUserError(user.username, user.domain);
        const rid = (nextRid.get() as { rid: number }).rid;
        const sid = `${localDomainSid}-${rid}`;
        insert.run({
          ...Object.fromEntries(Object.entries(user).map(([k, v]) => [k, toSql(v)])),
          sid,
          rid,
        });
        return { ...user, sid, lastLoginTimeMsecs: null, credentialsVersion: 1 };
      }),
    );
    return this.#durably(() => create.immediate(users));
  }

  async getUser(sid: string): Promise<UserRecord | undefined> {
    const row = this.#sql('SELECT * FROM users WHERE sid = ?').get(sid) as Row | undefined;
    return row && toUser(row);
  }

  async findUser(username: string, domain: string): Promise<UserRecord | undefined> {
    const row = this.#sql('SELECT * FROM users WHERE username = ? AND lower(domain) = lower(?)').get(
      username,
      domain,
    ) as Row | undefined;
    return row && toUser(row);
  }

  async listUsers(filter: UserFilter): Promise<UserRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.domain !== undefined) {
      where.push('lower(domain) = lower(?)');
      args.push(filter.domain);
    }
    if (filter.sids?.length) {
      where.push(`sid IN (${placeholders(filter.sids)})`);
      args.push(...filter.sids);
    }
    if (filter.usernames?.length) {
      where.push(`username IN (${placeholders(filter.usernames)})`);
      args.push(...filter.usernames);
    }
    if (filter.roles?.length) {
      where.push(`EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value IN (${placeholders(filter.roles)}))`);
      args.push(...filter.roles);
    }
    const sql = `SELECT * FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rid`;
    return (this.#db.prepare(sql).all(...args) as Row[]).map(toUser);
  }

  async updateUser(sid: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const { revokeCredentials, ...fields } = patch;
    const sets = Object.keys(fields).map((k) => `${userColumns[k as keyof typeof fields]} = @${k}`);
    if (revokeCredentials) sets.push('credentials_version = credentials_version + 1');
    const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, toSql(v)]));
    const row = (await this.#durably(() =>
      this.#db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE sid = @sid RETURNING *`).get({ ...values, sid }),
    )) as Row | undefined;
    return row && toUser(row);
  }

  async recordLogin(sid: string, timeMsecs: number): Promise<void> {
    await this.#durably(() => this.#sql('UPDATE users SET last_login_msecs = ? WHERE sid = ?').run(timeMsecs, sid));
  }

  async deleteUser(sid: string): Promise<boolean> {
    return (await this.#durably(() => this.#sql('DELETE FROM users WHERE sid = ?').run(sid))).changes === 1;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.#durably(() =>
      this.#sql(`
        INSERT INTO api_keys (id, name, user_sid, created_by_sid, secret_hash, created_msecs, expiry_msecs,
          last_rotated_msecs, is_active)
        VALUES (@id, @name, @userSid, @createdByUserSid, @secretHash, @createdTimeMsecs, @expiryTimeMsecs,
          @lastRotatedTimeMsecs, @isActive)`).run({ ...key, isActive: Number(key.isActive) }),
    );
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = this.#sql('SELECT * FROM api_keys WHERE id = ?').get(id) as Row | undefined;
    return row && toApiKey(row);
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.#sql('SELECT * FROM api_keys WHERE secret_hash = ?').get(secretHash) as Row | undefined;
    return row && toApiKey(row);
  }

  async listApiKeys(filter: ApiKeyFilter): Promise<ApiKeyRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.ids?.length) {
      where.push(`id IN (${placeholders(filter.ids)})`);
      args.push(...filter.ids);
    }
    if (filter.userSids?.length) {
      where.push(`user_sid IN (${placeholders(filter.userSids)})`);
      args.push(...filter.userSids);
    }
    if (filter.isActive !== undefined) {
      where.push('is_active = ?');
      args.push(Number(filter.isActive));
    }
    const sql = `SELECT * FROM api_keys ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_msecs, id`;
    return (this.#db.prepare(sql).all(...args) as Row[]).map(toApiKey);
  }

  async updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> {
    const keys = Object.keys(patch) as (keyof ApiKeyPatch)[];
    if (keys.length === 0) return this.getApiKey(id);
    const sets = keys.map((k) => `${apiKeyColumns[k]} = @${k}`);
    const values = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, toSql(v)]));
    const row = (await this.#durably(() =>
      this.#db.prepare(`UPDATE api_keys SET ${sets.join(', ')} WHERE id = @id RETURNING *`).get({ ...values, id }),
    )) as Row | undefined;
    return row && toApiKey(row);
  }

  async rotateApiKey(id: string, secretHash: string, timeMsecs: number): Promise<ApiKeyRecord | undefined> {
    const row = (await this.#durably(() =>
      this.#sql('UPDATE api_keys SET secret_hash = ?, last_rotated_msecs = ? WHERE id = ? RETURNING *').get(
        secretHash,
        timeMsecs,
        id,
      ),
    )) as Row | undefined;
    return row && toApiKey(row);
  }

  async deleteApiKey(id: string): Promise<boolean> {
    return (await this.#durably(() => this.#sql('DELETE FROM api_keys WHERE id = ?').run(id))).changes === 1;
  }

  async createSession(session: SessionRecord, limits: SessionLimits): Promise<CreateSessionResult> {
    const countUser = this.#sql('SELECT count(*) AS n FROM sessions WHERE user_sid = ?');
    const countAll = this.#sql('SELECT count(*) AS n FROM sessions');
    const insert = this.#sql(`
      INSERT INTO sessions (id_hash, user_sid, created_msecs, last_seen_msecs, credentials_version)
      VALUES (@idHash, @userSid, @createdTimeMsecs, @lastSeenTimeMsecs, @credentialsVersion)`);
    const create = this.#db.transaction((): CreateSessionResult => {
      if (limits.perUser !== null && (countUser.get(session.userSid) as { n: number }).n >= limits.perUser) {
        return 'user-limit';
      }
      if (limits.systemWide !== null && (countAll.get() as { n: number }).n >= limits.systemWide) {
        return 'system-limit';
      }
      insert.run(session);
      return 'created';
    });
    return this.#durably(() => create.immediate());
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const row = this.#sql('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as Row | undefined;
    return row && toSession(row);
  }

  async touchSession(idHash: string, timeMsecs: number): Promise<void> {
    await this.#durably(() =>
      this.#sql('UPDATE sessions SET last_seen_msecs = ? WHERE id_hash = ?').run(timeMsecs, idHash),
    );
  }

  async deleteSessions(userSid?: string): Promise<number> {
    const result = await this.#durably(() =>
      userSid === undefined
        ? this.#sql('DELETE FROM sessions').run()
        : this.#sql('DELETE FROM sessions WHERE user_sid = ?').run(userSid),
    );
    return result.changes;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#durably(() => this.#sql('DELETE FROM sessions WHERE id_hash = ?').run(idHash));
  }

  async deleteExpiredSessions(cutoffs: SessionCutoffs): Promise<number> {
    const { createdAtOrBeforeMsecs: created = null, lastSeenAtOrBeforeMsecs: lastSeen = null } = cutoffs;
    if (created === null && lastSeen === null) return 0;
    const result = await this.#durably(() =>
      this.#sql('DELETE FROM sessions WHERE created_msecs <= ? OR last_seen_msecs <= ?').run(
        created ?? -1,
        lastSeen ?? -1,
      ),
    );
    return result.changes;
  }

  async countSessions(userSids?: readonly string[]): Promise<Map<string, number>> {
    const rows = (
      userSids?.length
        ? this.#db
            .prepare(
              `SELECT user_sid, count(*) AS n FROM sessions WHERE user_sid IN (${placeholders(userSids)}) GROUP BY user_sid`,
            )
            .all(...userSids)
        : this.#sql('SELECT user_sid, count(*) AS n FROM sessions GROUP BY user_sid').all()
    ) as { user_sid: string; n: number }[];
    return new Map(rows.map((r) => [r.user_sid, r.n]));
  }

  async listSigningKeys(): Promise<SigningKeyRecord[]> {
    const rows = this.#sql('SELECT * FROM signing_keys ORDER BY created_msecs, kid').all() as Row[];
    return rows.map(toSigningKey);
  }

  async addSigningKey(key: SigningKeyRecord): Promise<void> {
    await this.#durably(() =>
      this.#sql('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_msecs) VALUES (?, ?, ?, ?)').run(
        key.kid,
        key.privateJwk,
        key.publicJwk,
        key.createdTimeMsecs,
      ),
    );
  }

  async getLoginFailures(key: string): Promise<LoginFailures | undefined> {
    const row = this.#sql('SELECT * FROM login_failures WHERE key = ?').get(key) as Row | undefined;
    return row && toLoginFailures(row);
  }

  async recordLoginFailure(key: string, nowMsecs: number, policy: LoginFailurePolicy): Promise<LoginFailures> {
    // One statement: a failure outside the window, or after a lock ran out, starts a new count.
    const row = (await this.#durably(() =>
      this.#sql(`
        INSERT INTO login_failures (key, failures, first_failure_msecs, locked_until_msecs)
        VALUES (@key, 1, @now, CASE WHEN @max <= 1 THEN @now + @lock END)
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN @now - first_failure_msecs > @window OR locked_until_msecs <= @now THEN 1 ELSE failures + 1 END,
          first_failure_msecs = CASE WHEN @now - first_failure_msecs > @window OR locked_until_msecs <= @now THEN @now ELSE first_failure_msecs END,
          locked_until_msecs = CASE
            WHEN locked_until_msecs > @now THEN locked_until_msecs
            WHEN (CASE WHEN @now - first_failure_msecs > @window OR locked_until_msecs <= @now THEN 1 ELSE failures + 1 END) >= @max THEN @now + @lock
          END
        RETURNING *`).get({
        key,
        now: nowMsecs,
        max: policy.maxAttempts,
        window: policy.windowMsecs,
        lock: policy.lockMsecs,
      }),
    )) as Row;
    return toLoginFailures(row);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.#durably(() => this.#sql('DELETE FROM login_failures WHERE key = ?').run(key));
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.#durably(() =>
      this.#sql(`
        INSERT INTO audit_log (time_msecs, action, outcome, actor_sid, actor_name, target, ip, request_id, details)
        VALUES (@timeMsecs, @action, @outcome, @actorSid, @actorName, @target, @ip, @requestId, @details)`).run({
        ...event,
        details: JSON.stringify(event.details),
      }),
    );
  }

  /**
   * Runs `write` now (it commits at once) and resolves with its result once it is on disk.
   * A failed sync may have dropped what earlier syncs were trusted with, and the commit is
   * already visible: from then on every write is refused and `ping` says the database is
   * down, until a restart (PostgreSQL stops on a failed fsync for the same reason).
   */
  async #durably<T>(write: () => T): Promise<T> {
    if (this.#syncFailure) throw this.#unwritable();
    const result = write();
    try {
      await this.#walSync?.flush();
    } catch (error) {
      this.#syncFailure ??= error;
      throw this.#unwritable();
    }
    return result;
  }

  #unwritable(): StoreUnavailableError {
    return new StoreUnavailableError('The database could not be written to disk; restart the server', {
      cause: this.#syncFailure,
    });
  }

  async listAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.sinceMsecs !== undefined) {
      where.push('time_msecs >= ?');
      args.push(filter.sinceMsecs);
    }
    if (filter.action !== undefined) {
      where.push('action = ?');
      args.push(filter.action);
    }
    if (filter.actorSid !== undefined) {
      where.push('actor_sid = ?');
      args.push(filter.actorSid);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...args, filter.limit) as Row[];
    return rows.map(toAudit);
  }

  async getRecord(kind: string, id: string): Promise<string | undefined> {
    const row = this.#sql('SELECT value FROM records WHERE kind = ? AND id = ?').get(kind, id) as Row | undefined;
    return row?.value as string | undefined;
  }

  async listRecords(kind: string): Promise<StoredRecord[]> {
    return this.#sql('SELECT id, value FROM records WHERE kind = ? ORDER BY id').all(kind) as StoredRecord[];
  }

  async putRecord(kind: string, id: string, value: string, ownerSid?: string): Promise<void> {
    await this.#durably(() =>
      this.#sql(
        'INSERT INTO records (kind, id, value, owner_sid) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value',
      ).run(kind, id, value, ownerSid ?? null),
    );
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    await this.#durably(() => this.#sql('DELETE FROM records WHERE kind = ? AND id = ?').run(kind, id));
  }

  async swapRecord(
    kind: string,
    id: string,
    expected: string | undefined,
    next: string | undefined,
    ownerSid?: string,
  ): Promise<boolean> {
    const run = () => {
      if (expected === undefined && next === undefined) return { changes: this.#countRecord(kind, id) === 0 ? 1 : 0 };
      if (expected === undefined) {
        return this.#sql(
          'INSERT INTO records (kind, id, value, owner_sid) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO NOTHING',
        ).run(kind, id, next, ownerSid ?? null);
      }
      if (next === undefined) {
        return this.#sql('DELETE FROM records WHERE kind = ? AND id = ? AND value = ?').run(kind, id, expected);
      }
      return this.#sql('UPDATE records SET value = ? WHERE kind = ? AND id = ? AND value = ?').run(
        next,
        kind,
        id,
        expected,
      );
    };
    return (await this.#durably(run)).changes === 1;
  }

  #countRecord(kind: string, id: string): number {
    return (this.#sql('SELECT count(*) AS n FROM records WHERE kind = ? AND id = ?').get(kind, id) as Row).n as number;
  }

  async ping(): Promise<boolean> {
    return this.#db.open && this.#syncFailure === undefined;
  }

  async close(): Promise<void> {
    await this.#walSync?.flush().catch(() => undefined);
    if (this.#db.open) this.#db.close();
    this.#claim?.release();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_msecs INTEGER NOT NULL)');
  const applied = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied_msecs) VALUES (?, ?)').run(version, Date.now());
  });
  sqliteMigrations.forEach((sql, index) => {
    if (index + 1 > applied) apply.immediate(index + 1, sql);
  });
}
