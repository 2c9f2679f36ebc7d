import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { DATABASE_FILE, type DatabaseSnapshot, snapshotDatabase } from '../helpers/db-snapshot.js';
import type { FuzzRequest } from './fuzz-arbitraries.js';
import { FUZZ_ENDPOINTS, LOGIN_TABLES } from './fuzz-endpoints.js';

/**
 * Every table but `appendable`: what a refused request must leave alone. A session's
 * last-seen time is left out: a request that presents a genuine session id uses it,
 * whatever the route then answers.
 */
export function settledState(dataDir: string, appendable: readonly string[] = LOGIN_TABLES): DatabaseSnapshot {
  const snapshot = snapshotDatabase(dataDir, appendable);
  const sessions = JSON.parse(snapshot.sessions ?? '[]') as Record<string, unknown>[];
  return { ...snapshot, sessions: JSON.stringify(sessions.map(({ last_seen_msecs, ...rest }) => rest)) };
}

export interface AuditRow {
  id: number;
  action: string;
  outcome: string;
  actor_sid: string | null;
}

function readAudit<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The id of the newest audit line, 0 when there is none. */
export const lastAuditId = (dataDir: string): number =>
  readAudit(dataDir, (db) => (db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) ?? 0);

/** The audit lines appended after line `afterId`. */
export const auditSince = (dataDir: string, afterId: number): AuditRow[] =>
  readAudit(
    dataDir,
    (db) =>
      db
        .prepare('SELECT id, action, outcome, actor_sid FROM audit_log WHERE id > ? ORDER BY id')
        .all(afterId) as AuditRow[],
  );

/** The tables `fuzz` may append to when refused: those of the endpoint it reached, if any. */
export function mayAppendTo(fuzz: FuzzRequest): readonly string[] {
  const path = (fuzz.path.split('?')[0] ?? '').replace(/(.)\/$/, '$1');
  const endpoint = FUZZ_ENDPOINTS.find((e) => e.method === fuzz.method && e.path === path);
  return endpoint?.mayAppendTo ?? [];
}

/** Who may leave which audit lines by being refused. */
export interface RefusalAudits {
  /** Refused logins: their failure or lockout. */
  readonly logins: boolean;
  /** A caller refused for want of a privilege: one `request` line, `denied`, as them. */
  readonly deniedSid?: string;
}

/** The audit lines refused requests added are only those `allowed`. */
export function expectOnlyRefusalAudits(rows: readonly AuditRow[], context: string, allowed: RefusalAudits): void {
  for (const row of rows) {
    const line = `${context}: ${JSON.stringify(row)}`;
    if (row.action === 'request' && allowed.deniedSid) {
      expect(row, line).toMatchObject({ outcome: 'denied', actor_sid: allowed.deniedSid });
    } else {
      expect(allowed.logins, line).toBe(true);
      // A wrong MFA code or current password counts as a failed login, audited as what it was.
      expect(['login', 'mfa.verify', 'user.password.change'], line).toContain(row.action);
      expect(['failure', 'locked'], line).toContain(row.outcome);
    }
  }
}
