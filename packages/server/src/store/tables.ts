import { defineTable, flag, json } from './sql/table.js';
import type {
  ApiKeyRecord,
  AuditRecord,
  LoginFailures,
  SessionRecord,
  SigningKeyRecord,
  StoredRecord,
  UserRecord,
} from './store.js';

// Each table's columns, once: INSERTs, UPDATEs and row reading are derived from these.

export const settings = defineTable<{ key: string; value: unknown }>('settings', { key: 'key', value: json('value') });

export const users = defineTable<UserRecord>('users', {
  sid: 'sid',
  username: 'username',
  domain: 'domain',
  roles: json('roles'),
  description: 'description',
  locked: flag('locked'),
  lockedReason: 'locked_reason',
  passwordHash: 'password_hash',
  email: 'email',
  createdTimeMsecs: 'created_msecs',
  lastUpdatedTimeMsecs: 'updated_msecs',
  lastLoginTimeMsecs: 'last_login_msecs',
  effectiveTimeMsecs: 'effective_msecs',
  expiryTimeMsecs: 'expiry_msecs',
  forcePasswordChange: flag('force_password_change'),
  passwordChangedTimeMsecs: 'password_changed_msecs',
  credentialsVersion: 'credentials_version',
});

export const apiKeys = defineTable<ApiKeyRecord>('api_keys', {
  id: 'id',
  name: 'name',
  userSid: 'user_sid',
  createdByUserSid: 'created_by_sid',
  secretHash: 'secret_hash',
  createdTimeMsecs: 'created_msecs',
  expiryTimeMsecs: 'expiry_msecs',
  lastRotatedTimeMsecs: 'last_rotated_msecs',
  isActive: flag('is_active'),
});

export const sessions = defineTable<SessionRecord>('sessions', {
  idHash: 'id_hash',
  userSid: 'user_sid',
  createdTimeMsecs: 'created_msecs',
  lastSeenTimeMsecs: 'last_seen_msecs',
  credentialsVersion: 'credentials_version',
  expiresAtMsecs: 'expires_msecs',
  webState: 'web_state',
});

export const signingKeys = defineTable<SigningKeyRecord>('signing_keys', {
  kid: 'kid',
  privateJwk: 'private_jwk',
  publicJwk: 'public_jwk',
  createdTimeMsecs: 'created_msecs',
});

export const loginFailures = defineTable<LoginFailures>('login_failures', {
  failures: 'failures',
  firstFailureMsecs: 'first_failure_msecs',
  lockedUntilMsecs: 'locked_until_msecs',
});

export const auditLog = defineTable<AuditRecord>('audit_log', {
  id: 'id',
  timeMsecs: 'time_msecs',
  action: 'action',
  outcome: 'outcome',
  actorSid: 'actor_sid',
  actorName: 'actor_name',
  target: 'target',
  ip: 'ip',
  requestId: 'request_id',
  details: json('details'),
});

export const records = defineTable<StoredRecord & { kind: string; ownerSid: string | null }>('records', {
  kind: 'kind',
  id: 'id',
  value: 'value',
  ownerSid: 'owner_sid',
});
