import type { Role } from 'cohesity-sdk/models';
import type {
  ApiKeyPatch,
  ApiKeyRecord,
  AuditRecord,
  LoginFailures,
  SessionRecord,
  SigningKeyRecord,
  UserPatch,
  UserRecord,
} from './store.js';

/**
 * A row as either database answers it. SQLite gives flags as 0/1 and JSON as text;
 * PostgreSQL gives booleans and parsed JSONB (and BIGINT as a number, see postgres-database.ts).
 */
export type Row = Record<string, unknown>;

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Columns of the user fields a patch may change. */
export const userColumns: Record<Exclude<keyof UserPatch, 'revokeCredentials'>, string> = {
  roles: 'roles',
  description: 'description',
  locked: 'locked',
  lockedReason: 'locked_reason',
  passwordHash: 'password_hash',
  email: 'email',
  effectiveTimeMsecs: 'effective_msecs',
  expiryTimeMsecs: 'expiry_msecs',
  forcePasswordChange: 'force_password_change',
  lastUpdatedTimeMsecs: 'updated_msecs',
};

export const apiKeyColumns: Record<keyof ApiKeyPatch, string> = {
  name: 'name',
  isActive: 'is_active',
  expiryTimeMsecs: 'expiry_msecs',
};

export const toUser = (r: Row): UserRecord => ({
  sid: r.sid as string,
  username: r.username as string,
  domain: r.domain as string,
  roles: json<Role[]>(r.roles),
  description: r.description as string | null,
  locked: Boolean(r.locked),
  lockedReason: r.locked_reason as string | null,
  passwordHash: r.password_hash as string | null,
  email: r.email as string | null,
  createdTimeMsecs: r.created_msecs as number,
  lastUpdatedTimeMsecs: r.updated_msecs as number,
  lastLoginTimeMsecs: r.last_login_msecs as number | null,
  effectiveTimeMsecs: r.effective_msecs as number | null,
  expiryTimeMsecs: r.expiry_msecs as number | null,
  forcePasswordChange: Boolean(r.force_password_change),
  credentialsVersion: r.credentials_version as number,
});

export const toApiKey = (r: Row): ApiKeyRecord => ({
  id: r.id as string,
  name: r.name as string,
  userSid: r.user_sid as string,
  createdByUserSid: r.created_by_sid as string,
  secretHash: r.secret_hash as string,
  createdTimeMsecs: r.created_msecs as number,
  expiryTimeMsecs: r.expiry_msecs as number | null,
  lastRotatedTimeMsecs: r.last_rotated_msecs as number | null,
  isActive: Boolean(r.is_active),
});

export const toSession = (r: Row): SessionRecord => ({
  idHash: r.id_hash as string,
  userSid: r.user_sid as string,
  createdTimeMsecs: r.created_msecs as number,
  lastSeenTimeMsecs: r.last_seen_msecs as number,
  credentialsVersion: r.credentials_version as number,
});

export const toSigningKey = (r: Row): SigningKeyRecord => ({
  kid: r.kid as string,
  privateJwk: r.private_jwk as string,
  publicJwk: r.public_jwk as string,
  createdTimeMsecs: r.created_msecs as number,
});

export const toLoginFailures = (r: Row): LoginFailures => ({
  failures: r.failures as number,
  firstFailureMsecs: r.first_failure_msecs as number,
  lockedUntilMsecs: r.locked_until_msecs as number | null,
});

export const toAudit = (r: Row): AuditRecord => ({
  id: r.id as number,
  timeMsecs: r.time_msecs as number,
  action: r.action as string,
  outcome: r.outcome as AuditRecord['outcome'],
  actorSid: r.actor_sid as string | null,
  actorName: r.actor_name as string | null,
  target: r.target as string | null,
  ip: r.ip as string | null,
  requestId: r.request_id as string | null,
  details: json<Record<string, unknown>>(r.details),
});
