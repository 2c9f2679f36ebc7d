import { countLoginFailure } from './login-failure-statements.js';
import { type Dialect, inList, join, type Sql, sql, whereAll } from './sql/sql.js';
import type { SqlRunner, WriteResult } from './sql/sql-runner.js';
import { assignments, insertInto, type Row, readRow, type Table } from './sql/table.js';
import type {
  ApiKeyFilter,
  ApiKeyPatch,
  ApiKeyRecord,
  AuditEvent,
  AuditFilter,
  AuditRecord,
  CreateSessionResult,
  KeepAnAdministrator,
  LoginFailurePolicy,
  LoginFailures,
  NewUser,
  SessionCutoffs,
  SessionLimits,
  SessionRecord,
  Settings,
  SigningKeyRecord,
  Store,
  StoredRecord,
  UserFilter,
  UserPatch,
  UserRecord,
} from './store.js';
import { apiKeys, auditLog, loginFailures, records, sessions, settings, signingKeys, users } from './tables.js';
import { createSessionSteps, SESSIONS_LOCK } from './transactions/create-session.js';
import { createUsersSteps } from './transactions/create-users.js';
import { ADMINS_LOCK, keepAnAdministratorSteps } from './transactions/keep-an-administrator.js';
import type { Steps } from './transactions/steps.js';

/**
 * Every Store method as one SQL text for both databases. A subclass supplies only what truly
 * differs: how statements run (placeholders, durability), transactions and locks, and its
 * `Dialect` (JSON operators, collation, error codes).
 */
export abstract class SqlStore implements Store {
  abstract readonly kind: 'sqlite' | 'postgres';

  protected constructor(protected readonly dialect: Dialect) {}

  /** For tables of other modules (the cluster API's records), on this store's connection. */
  get runner(): SqlRunner {
    return { read: (statement) => this.read(statement), write: (statement) => this.write(statement) };
  }

  protected abstract read(statement: Sql): Promise<Row[]>;
  protected abstract write(statement: Sql): Promise<WriteResult>;
  /** Runs `steps` in one transaction, holding `lock` (a name) where the database needs one. */
  protected abstract transaction<T>(steps: Steps<T>, lock?: string): Promise<T>;
  abstract ping(): Promise<boolean>;
  abstract close(): Promise<void>;

  async #one<T>(table: Table<T>, statement: Sql, write = false): Promise<T | undefined> {
    const [row] = write ? (await this.write(statement)).rows : await this.read(statement);
    return row && readRow(table, row);
  }

  async #all<T>(table: Table<T>, statement: Sql): Promise<T[]> {
    return (await this.read(statement)).map((row) => readRow(table, row));
  }

  async #changes(statement: Sql): Promise<number> {
    return (await this.write(statement)).changes;
  }

  async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | undefined> {
    const row = await this.#one(settings, sql`SELECT * FROM settings WHERE key = ${key}`);
    return row?.value as Settings[K] | undefined;
  }

  async putSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    const insert = insertInto(settings, { key, value });
    await this.write(sql`${insert} ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }

  async putSettingIfAbsent<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean> {
    const insert = insertInto(settings, { key, value });
    return (await this.#changes(sql`${insert} ON CONFLICT (key) DO NOTHING`)) === 1;
  }

  async createUsers(batch: readonly NewUser[], localDomainSid: string): Promise<UserRecord[]> {
    return this.transaction(createUsersSteps(this.dialect, batch, localDomainSid));
  }

  async getUser(sid: string): Promise<UserRecord | undefined> {
    return this.#one(users, sql`SELECT * FROM users WHERE sid = ${sid}`);
  }

  async findUser(username: string, domain: string): Promise<UserRecord | undefined> {
    return this.#one(users, sql`SELECT * FROM users WHERE username = ${username} AND lower(domain) = lower(${domain})`);
  }

  async listUsers(filter: UserFilter): Promise<UserRecord[]> {
    const where = whereAll([
      filter.domain !== undefined && sql`lower(domain) = lower(${filter.domain})`,
      inList(sql`sid`, filter.sids),
      inList(sql`username`, filter.usernames),
      !!filter.roles?.length && this.dialect.jsonArrayHasAny(sql`users.roles`, filter.roles),
    ]);
    return this.#all(users, sql`SELECT * FROM users ${where} ORDER BY rid`);
  }

  async updateUser(sid: string, patch: UserPatch, keep?: KeepAnAdministrator): Promise<UserRecord | undefined> {
    const { revokeCredentials, ...fields } = patch;
    const sets = assignments(users, fields);
    if (revokeCredentials) sets.push(sql`credentials_version = credentials_version + 1`);
    const update = sql`UPDATE users SET ${join(sets)} WHERE sid = ${sid} RETURNING *`;
    if (!keep) return this.#one(users, update, true);
    const [row] = await this.#keepingAnAdministrator(update, sid, keep);
    return row && readRow(users, row);
  }

  #keepingAnAdministrator(write: Sql, sid: string, keep: KeepAnAdministrator): Promise<Row[]> {
    return this.transaction(keepAnAdministratorSteps(this.dialect, write, sid, keep.nowMsecs), ADMINS_LOCK);
  }

  async recordLogin(sid: string, timeMsecs: number): Promise<void> {
    await this.write(sql`UPDATE users SET last_login_msecs = ${timeMsecs} WHERE sid = ${sid}`);
  }

  async deleteUser(sid: string, keep?: KeepAnAdministrator): Promise<boolean> {
    if (!keep) return (await this.#changes(sql`DELETE FROM users WHERE sid = ${sid}`)) === 1;
    return (
      (await this.#keepingAnAdministrator(sql`DELETE FROM users WHERE sid = ${sid} RETURNING sid`, sid, keep))
        .length === 1
    );
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.write(insertInto(apiKeys, key));
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    return this.#one(apiKeys, sql`SELECT * FROM api_keys WHERE id = ${id}`);
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    return this.#one(apiKeys, sql`SELECT * FROM api_keys WHERE secret_hash = ${secretHash}`);
  }

  async listApiKeys(filter: ApiKeyFilter): Promise<ApiKeyRecord[]> {
    const where = whereAll([
      inList(sql`id`, filter.ids),
      inList(sql`user_sid`, filter.userSids),
      filter.isActive !== undefined && sql`is_active = ${filter.isActive}`,
    ]);
    return this.#all(
      apiKeys,
      sql`SELECT * FROM api_keys ${where} ORDER BY created_msecs, id ${this.dialect.byteOrder}`,
    );
  }

  async updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> {
    const sets = assignments(apiKeys, patch);
    if (sets.length === 0) return this.getApiKey(id);
    return this.#one(apiKeys, sql`UPDATE api_keys SET ${join(sets)} WHERE id = ${id} RETURNING *`, true);
  }

  async rotateApiKey(id: string, secretHash: string, timeMsecs: number): Promise<ApiKeyRecord | undefined> {
    const set = sql`secret_hash = ${secretHash}, last_rotated_msecs = ${timeMsecs}`;
    return this.#one(apiKeys, sql`UPDATE api_keys SET ${set} WHERE id = ${id} RETURNING *`, true);
  }

  async deleteApiKey(id: string): Promise<boolean> {
    return (await this.#changes(sql`DELETE FROM api_keys WHERE id = ${id}`)) === 1;
  }

  async createSession(session: SessionRecord, limits: SessionLimits): Promise<CreateSessionResult> {
    return this.transaction(createSessionSteps(session, limits), SESSIONS_LOCK);
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    return this.#one(sessions, sql`SELECT * FROM sessions WHERE id_hash = ${idHash}`);
  }

  async touchSession(idHash: string, timeMsecs: number): Promise<void> {
    await this.write(sql`UPDATE sessions SET last_seen_msecs = ${timeMsecs} WHERE id_hash = ${idHash}`);
  }

  async deleteSessions(userSid?: string): Promise<number> {
    return this.#changes(sql`DELETE FROM sessions ${whereAll([userSid !== undefined && sql`user_sid = ${userSid}`])}`);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.write(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`);
  }

  async swapSessionWebState(idHash: string, expected: string, next: string): Promise<boolean> {
    const where = sql`id_hash = ${idHash} AND web_state = ${expected}`;
    return (await this.#changes(sql`UPDATE sessions SET web_state = ${next} WHERE ${where}`)) === 1;
  }

  async deleteExpiredSessions(cutoffs: SessionCutoffs): Promise<number> {
    const { createdAtOrBeforeMsecs: created, lastSeenAtOrBeforeMsecs: lastSeen } = cutoffs;
    const webLastSeen = cutoffs.webLastSeenAtOrBeforeMsecs;
    const expired = [
      sql`expires_msecs <= ${cutoffs.nowMsecs}`,
      created !== undefined && sql`created_msecs <= ${created}`,
      lastSeen !== undefined && sql`last_seen_msecs <= ${lastSeen}`,
      webLastSeen !== undefined && sql`(web_state IS NOT NULL AND last_seen_msecs <= ${webLastSeen})`,
    ].filter((c): c is Sql => c !== false);
    return this.#changes(sql`DELETE FROM sessions WHERE ${join(expired, ' OR ')}`);
  }

  async countSessions(userSids?: readonly string[]): Promise<Map<string, number>> {
    const where = whereAll([inList(sql`user_sid`, userSids)]);
    const rows = await this.read(sql`SELECT user_sid, count(*) AS n FROM sessions ${where} GROUP BY user_sid`);
    return new Map(rows.map((r) => [r.user_sid as string, Number(r.n)]));
  }

  async listSigningKeys(): Promise<SigningKeyRecord[]> {
    return this.#all(
      signingKeys,
      sql`SELECT * FROM signing_keys ORDER BY created_msecs, kid ${this.dialect.byteOrder}`,
    );
  }

  async addSigningKey(key: SigningKeyRecord): Promise<void> {
    await this.write(insertInto(signingKeys, key));
  }

  async sealSigningKey(kid: string, sealedPrivateJwk: string): Promise<void> {
    await this.write(sql`UPDATE signing_keys SET private_jwk = ${sealedPrivateJwk} WHERE kid = ${kid}`);
  }

  async getLoginFailures(key: string): Promise<LoginFailures | undefined> {
    return this.#one(loginFailures, sql`SELECT * FROM login_failures WHERE key = ${key}`);
  }

  async recordLoginFailure(key: string, nowMsecs: number, policy: LoginFailurePolicy): Promise<LoginFailures> {
    return (await this.#one(loginFailures, countLoginFailure(key, nowMsecs, policy), true)) as LoginFailures;
  }

  async clearLoginFailures(key: string, nowMsecs: number): Promise<void> {
    const unlocked = sql`(locked_until_msecs IS NULL OR locked_until_msecs <= ${nowMsecs})`;
    await this.write(sql`DELETE FROM login_failures WHERE key = ${key} AND ${unlocked}`);
  }

  async clearLoginFailuresStartingWith(prefix: string): Promise<void> {
    const length = sql`CAST(${prefix.length} AS INTEGER)`;
    await this.write(sql`DELETE FROM login_failures WHERE substr(key, 1, ${length}) = ${prefix}`);
  }

  async getRecord(kind: string, id: string): Promise<string | undefined> {
    return (await this.#one(records, sql`SELECT * FROM records WHERE kind = ${kind} AND id = ${id}`))?.value;
  }

  async listRecords(kind: string): Promise<StoredRecord[]> {
    const rows = await this.#all(
      records,
      sql`SELECT * FROM records WHERE kind = ${kind} ORDER BY id ${this.dialect.byteOrder}`,
    );
    return rows.map(({ id, value }) => ({ id, value }));
  }

  async putRecord(kind: string, id: string, value: string, ownerSid?: string): Promise<void> {
    const insert = insertInto(records, { kind, id, value, ownerSid: ownerSid ?? null });
    await this.write(sql`${insert} ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value`);
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    await this.write(sql`DELETE FROM records WHERE kind = ${kind} AND id = ${id}`);
  }

  async swapRecord(
    kind: string,
    id: string,
    expected: string | undefined,
    next: string | undefined,
    ownerSid?: string,
  ): Promise<boolean> {
    if (expected === undefined && next === undefined) return (await this.getRecord(kind, id)) === undefined;
    const key = sql`kind = ${kind} AND id = ${id}`;
    const statement =
      expected === undefined
        ? sql`${insertInto(records, { kind, id, value: next, ownerSid: ownerSid ?? null })} ON CONFLICT (kind, id) DO NOTHING`
        : next === undefined
          ? sql`DELETE FROM records WHERE ${key} AND value = ${expected}`
          : sql`UPDATE records SET value = ${next} WHERE ${key} AND value = ${expected}`;
    return (await this.#changes(statement)) === 1;
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.write(insertInto(auditLog, event));
  }

  async listAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    const where = whereAll([
      filter.sinceMsecs !== undefined && sql`time_msecs >= ${filter.sinceMsecs}`,
      filter.action !== undefined && sql`action = ${filter.action}`,
      filter.actorSid !== undefined && sql`actor_sid = ${filter.actorSid}`,
    ]);
    return this.#all(auditLog, sql`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ${filter.limit}`);
  }
}
