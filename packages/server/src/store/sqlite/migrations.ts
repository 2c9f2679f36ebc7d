/**
 * The SQLite schema, one entry per version. Never edit an applied entry: add the next.
 * Secrets (API keys, session ids) are kept only as SHA-256 hashes; passwords as argon2id.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE users (
    sid TEXT PRIMARY KEY,
    rid INTEGER NOT NULL UNIQUE,
    username TEXT NOT NULL,
    domain TEXT NOT NULL,
    roles TEXT NOT NULL,
    description TEXT,
    locked INTEGER NOT NULL DEFAULT 0,
    locked_reason TEXT,
    password_hash TEXT,
    email TEXT,
    created_msecs INTEGER NOT NULL,
    updated_msecs INTEGER NOT NULL,
    last_login_msecs INTEGER,
    effective_msecs INTEGER,
    expiry_msecs INTEGER,
    force_password_change INTEGER NOT NULL DEFAULT 0,
    credentials_version INTEGER NOT NULL DEFAULT 1
  );
  CREATE UNIQUE INDEX users_username_domain ON users (username, lower(domain));

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    user_sid TEXT NOT NULL REFERENCES users (sid) ON DELETE CASCADE,
    created_by_sid TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_msecs INTEGER NOT NULL,
    expiry_msecs INTEGER,
    last_rotated_msecs INTEGER,
    is_active INTEGER NOT NULL
  );
  CREATE INDEX api_keys_user ON api_keys (user_sid);

  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_sid TEXT NOT NULL REFERENCES users (sid) ON DELETE CASCADE,
    created_msecs INTEGER NOT NULL,
    last_seen_msecs INTEGER NOT NULL,
    credentials_version INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_sid);

  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_msecs INTEGER NOT NULL
  );

  CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_failure_msecs INTEGER NOT NULL,
    locked_until_msecs INTEGER
  );

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time_msecs INTEGER NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    actor_sid TEXT,
    actor_name TEXT,
    target TEXT,
    ip TEXT,
    request_id TEXT,
    details TEXT NOT NULL
  );
  CREATE INDEX audit_log_time ON audit_log (time_msecs);
  -- Append-only: the database itself refuses to rewrite history.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  // A RID is never given twice: a deleted user's SID, and any token naming it, must not come back.
  `
  CREATE TABLE user_rid_counter (id INTEGER PRIMARY KEY CHECK (id = 1), last_rid INTEGER NOT NULL);
  INSERT INTO user_rid_counter (id, last_rid) SELECT 1, coalesce(max(rid), 0) FROM users;
  `,
  // The stand-in cluster's records (src/cluster-api): every collection in one table.
  `
  CREATE TABLE cluster_resources (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  );
  CREATE TABLE cluster_resource_counters (counter TEXT PRIMARY KEY, last_number INTEGER NOT NULL);
  `,
  // Login flows: MFA state, tenants and one-time codes, each a JSON text under (kind, id).
  `
  CREATE TABLE records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT NOT NULL,
    owner_sid TEXT REFERENCES users (sid) ON DELETE CASCADE,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX records_owner ON records (owner_sid);
  `,
  // A password's age, for passwordLifetime. Unknown for existing users: the last change of
  // any kind is no earlier than the password's, so no password expires sooner than it should.
  // A web login's state now lives in its session's row (as a record of its own it outlived
  // the session), beside the session's own end; web logins from before end (log in again).
  `
  ALTER TABLE users ADD COLUMN password_changed_msecs INTEGER NOT NULL DEFAULT 0;
  UPDATE users SET password_changed_msecs = updated_msecs;
  ALTER TABLE sessions ADD COLUMN expires_msecs INTEGER;
  ALTER TABLE sessions ADD COLUMN web_state TEXT;
  DELETE FROM sessions WHERE id_hash IN (SELECT id FROM records WHERE kind = 'web-session');
  DELETE FROM records WHERE kind = 'web-session';
  `,
  // Tenants own what their users (or an administrator impersonating them) create; NULL is the cluster's own.
  `
  ALTER TABLE cluster_resources ADD COLUMN tenant_id TEXT;
  CREATE INDEX cluster_resources_tenant ON cluster_resources (collection, tenant_id);
  `,
];
