import { expect } from 'vitest';
import type { DatabaseSnapshot } from '../helpers/db-snapshot.js';
import type { AuditRow, StoreState } from '../helpers/store-state.js';
import type { FuzzRequest } from './fuzz-arbitraries.js';
import { FUZZ_ENDPOINTS, LOGIN_TABLES } from './fuzz-endpoints.js';

/**
 * Every table but `appendable`: what a refused request must leave alone. A session's
 * last-seen time is left out: a request that presents a genuine session id uses it,
 * whatever the route then answers.
 */
export async function settledState(
  state: StoreState,
  appendable: readonly string[] = LOGIN_TABLES,
): Promise<DatabaseSnapshot> {
  const snapshot = await state.snapshot(appendable);
  const sessions = JSON.parse(snapshot.sessions ?? '[]') as Record<string, unknown>[];
  return { ...snapshot, sessions: JSON.stringify(sessions.map(({ last_seen_msecs, ...rest }) => rest)) };
}

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
