import type { MfaConfigInfo, Role, SecurityConfig } from 'cohesity-sdk/models';
import type { SqlRunner } from './sql/sql-runner.js';

/** A user as stored. `credentialsVersion` rises whenever the user's credentials must die. */
export interface UserRecord {
  sid: string;
  username: string;
  domain: string;
  roles: Role[];
  description: string | null;
  locked: boolean;
  lockedReason: string | null;
  /** PHC string (argon2id); null for users that cannot log in with a password. */
  passwordHash: string | null;
  email: string | null;
  createdTimeMsecs: number;
  lastUpdatedTimeMsecs: number;
  lastLoginTimeMsecs: number | null;
  effectiveTimeMsecs: number | null;
  expiryTimeMsecs: number | null;
  forcePasswordChange: boolean;
  /** When the password was last set (its age, for `passwordLifetime`); a rehash is no change. */
  passwordChangedTimeMsecs: number;
  credentialsVersion: number;
}

/** What a caller supplies to create a user; the store assigns the SID from its RID counter. */
export type NewUser = Omit<UserRecord, 'sid' | 'credentialsVersion' | 'lastLoginTimeMsecs'>;

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | 'roles'
    | 'description'
    | 'locked'
    | 'lockedReason'
    | 'passwordHash'
    | 'email'
    | 'effectiveTimeMsecs'
    | 'expiryTimeMsecs'
    | 'forcePasswordChange'
    | 'passwordChangedTimeMsecs'
  >
> & {
  lastUpdatedTimeMsecs: number;
  /** Ends every token, session and key the user holds now. */
  revokeCredentials?: boolean;
};

export interface UserFilter {
  domain?: string;
  sids?: readonly string[];
  usernames?: readonly string[];
  roles?: readonly string[];
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  userSid: string;
  createdByUserSid: string;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  secretHash: string;
  createdTimeMsecs: number;
  expiryTimeMsecs: number | null;
  lastRotatedTimeMsecs: number | null;
  isActive: boolean;
}

export interface ApiKeyFilter {
  ids?: readonly string[];
  userSids?: readonly string[];
  isActive?: boolean;
}

export type ApiKeyPatch = Partial<Pick<ApiKeyRecord, 'name' | 'isActive' | 'expiryTimeMsecs'>>;

export interface SessionRecord {
  /** SHA-256 of the session id, hex. */
  idHash: string;
  userSid: string;
  createdTimeMsecs: number;
  lastSeenTimeMsecs: number;
  /** The user's credentialsVersion when the session began. */
  credentialsVersion: number;
  /** An end of its own (a web login's `authTokenTimeoutMinutes`), besides the configured timeouts. */
  expiresAtMsecs: number | null;
  /**
   * A web login's state (JSON text, `web-login/web-session.ts`), null for `POST /v2/users/sessions`.
   * Kept in the session's row, so it ends with the session however that ends.
   */
  webState: string | null;
}

export interface SessionLimits {
  perUser: number | null;
  systemWide: number | null;
}

/** Sessions begun or last seen at or before these times have timed out. */
export interface SessionCutoffs {
  /** Now: a session whose own end (`expiresAtMsecs`) is at or before it has ended. */
  nowMsecs: number;
  createdAtOrBeforeMsecs?: number;
  lastSeenAtOrBeforeMsecs?: number;
  /** For web-login sessions only (the UI's idle timeout). */
  webLastSeenAtOrBeforeMsecs?: number;
}

export type CreateSessionResult = 'created' | 'user-limit' | 'system-limit';

export interface SigningKeyRecord {
  kid: string;
  /** Private JWK, sealed with AES-256-GCM under the key-encryption key (`auth/sealed-key.ts`). */
  privateJwk: string;
  publicJwk: string;
  createdTimeMsecs: number;
}

export interface LoginFailures {
  failures: number;
  firstFailureMsecs: number;
  lockedUntilMsecs: number | null;
}

export interface LoginFailurePolicy {
  maxAttempts: number;
  windowMsecs: number;
  lockMsecs: number;
}

/** One entry of the small keyed records the login flows keep (MFA state, tenants, codes). */
export interface StoredRecord {
  id: string;
  /** JSON text, compared byte for byte by `swapRecord`. */
  value: string;
}

export interface AuditEvent {
  timeMsecs: number;
  /** e.g. `login`, `user.create`, `apiKey.rotate`, `securityConfig.update`. */
  action: string;
  outcome: 'success' | 'failure' | 'locked' | 'denied';
  actorSid: string | null;
  actorName: string | null;
  target: string | null;
  ip: string | null;
  requestId: string | null;
  /** Never a secret. */
  details: Record<string, unknown>;
}

export interface AuditRecord extends AuditEvent {
  id: number;
}

export interface AuditFilter {
  sinceMsecs?: number;
  action?: string;
  actorSid?: string;
  limit: number;
}

/** The cluster's identity, made once on first start. */
export interface ClusterIdentity {
  id: number;
  incarnationId: number;
  localDomainSid: string;
}

export interface Settings {
  clusterIdentity: ClusterIdentity;
  securityConfig: SecurityConfig;
  /** `/v2/mfa-config`: MFA for the whole cluster. */
  mfaConfig: MfaConfigInfo;
  /** Set once the admin user was created, so a deleted admin is not recreated on restart. */
  bootstrapped: { timeMsecs: number };
}

/** The username and domain already exist. */
export class DuplicateUserError extends Error {
  override readonly name = 'DuplicateUserError';
  constructor(
    readonly username: string,
    readonly domain: string,
  ) {
    super(`User '${username}' already exists in domain '${domain}'`);
  }
}

/** The write would leave the cluster without an administrator who can log in; it was undone. */
export class LastAdministratorError extends Error {
  override readonly name = 'LastAdministratorError';
  constructor() {
    super('This change would leave the cluster without an unlocked administrator');
  }
}

/** Asks a user write to keep at least one lasting administrator (`keep-an-administrator.ts`), as of `nowMsecs`. */
export interface KeepAnAdministrator {
  readonly nowMsecs: number;
}

/** The database cannot be reached; the server answers 503 until it can. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/**
 * Everything the server keeps. Narrow on purpose (like node-oidc-provider's adapter): the
 * domain rules live in the server, a store only keeps and finds, atomically where noted.
 * SQLite (embedded) and PostgreSQL (several nodes) implement it and pass one contract suite.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Statements of other modules' tables (src/cluster-api), run as the store runs its own. */
  readonly runner: SqlRunner;

  getSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | undefined>;
  putSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>;
  /** Stores the value unless the key exists; answers whether it stored it. */
  putSettingIfAbsent<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean>;

  /** All or nothing; throws DuplicateUserError. SIDs are `${localDomainSid}-${rid}`. */
  createUsers(users: readonly NewUser[], localDomainSid: string): Promise<UserRecord[]>;
  getUser(sid: string): Promise<UserRecord | undefined>;
  /** `domain` matches case-insensitively. */
  findUser(username: string, domain: string): Promise<UserRecord | undefined>;
  listUsers(filter: UserFilter): Promise<UserRecord[]>;
  /** With `keep`, atomically refused (LastAdministratorError) when it would leave no administrator. */
  updateUser(sid: string, patch: UserPatch, keep?: KeepAnAdministrator): Promise<UserRecord | undefined>;
  recordLogin(sid: string, timeMsecs: number): Promise<void>;
  /** Removes the user with their keys and sessions. */
  deleteUser(sid: string, keep?: KeepAnAdministrator): Promise<boolean>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(filter: ApiKeyFilter): Promise<ApiKeyRecord[]>;
  updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined>;
  rotateApiKey(id: string, secretHash: string, timeMsecs: number): Promise<ApiKeyRecord | undefined>;
  deleteApiKey(id: string): Promise<boolean>;

  /** Counts and inserts in one transaction, so limits hold under concurrency. */
  createSession(session: SessionRecord, limits: SessionLimits): Promise<CreateSessionResult>;
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, timeMsecs: number): Promise<void>;
  /** Deletes one user's sessions, or every session when `userSid` is undefined. */
  deleteSessions(userSid?: string): Promise<number>;
  deleteSession(idHash: string): Promise<void>;
  /** Replaces a session's `webState` only while it is still `expected`; answers whether it did. */
  swapSessionWebState(idHash: string, expected: string, next: string): Promise<boolean>;
  /** Deletes timed-out sessions, so they stop counting against the session limits. */
  deleteExpiredSessions(cutoffs: SessionCutoffs): Promise<number>;
  /** Sessions per user for the given SIDs, or for every user. */
  countSessions(userSids?: readonly string[]): Promise<Map<string, number>>;

  listSigningKeys(): Promise<SigningKeyRecord[]>;
  addSigningKey(key: SigningKeyRecord): Promise<void>;
  /** Replaces a key's private JWK (stored in clear before keys were encrypted) by its sealed form. */
  sealSigningKey(kid: string, sealedPrivateJwk: string): Promise<void>;

  getLoginFailures(key: string): Promise<LoginFailures | undefined>;
  /** Counts one failure atomically and locks once `maxAttempts` is reached within the window. */
  recordLoginFailure(key: string, nowMsecs: number, policy: LoginFailurePolicy): Promise<LoginFailures>;
  /** Clears the count after a successful login, unless a lock holds at `nowMsecs` (racing wrong guesses set it). */
  clearLoginFailures(key: string, nowMsecs: number): Promise<void>;
  /** Clears every key that starts with `prefix` (an account's counts from every address). */
  clearLoginFailuresStartingWith(prefix: string): Promise<void>;

  /**
   * Records by kind and id (JSON text). `ownerSid` ties one to a user: it is deleted with them.
   * `swapRecord` replaces the value only while it is still `expected` (undefined: absent;
   * `next` undefined deletes) and answers whether it did: single use, across nodes.
   */
  getRecord(kind: string, id: string): Promise<string | undefined>;
  listRecords(kind: string): Promise<StoredRecord[]>;
  putRecord(kind: string, id: string, value: string, ownerSid?: string): Promise<void>;
  deleteRecord(kind: string, id: string): Promise<void>;
  swapRecord(
    kind: string,
    id: string,
    expected: string | undefined,
    next: string | undefined,
    ownerSid?: string,
  ): Promise<boolean>;

  appendAudit(event: AuditEvent): Promise<void>;
  listAudit(filter: AuditFilter): Promise<AuditRecord[]>;

  /** Answers whether the database is reachable now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
