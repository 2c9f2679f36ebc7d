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
    (db) => db.prepare('SELECT id, action, outcome FROM audit_log WHERE id > ? ORDER BY id').all(afterId) as AuditRow[],
  );

/** The tables `fuzz` may append to when refused: those of the endpoint it reached, if any. */
export function mayAppendTo(fuzz: FuzzRequest): readonly string[] {
  const path = (fuzz.path.split('?')[0] ?? '').replace(/(.)\/$/, '$1');
  const endpoint = FUZZ_ENDPOINTS.find((e) => e.method === fuzz.method && e.path === path);
  return endpoint?.mayAppendTo ?? [];
}

/**
 * The audit lines a refused request added: for a login, only its failure (or lockout);
 * for anything else, none.
 */
export function expectOnlyRefusedLogins(rows: readonly AuditRow[], context: string, login = true): void {
  if (!login) expect(rows, context).toEqual([]);
  for (const row of rows) {
    expect(row.action, context).toBe('login');
    expect(['failure', 'locked'], context).toContain(row.outcome);
  }
}
