import type Database from 'better-sqlite3';
import { type Dispatcher, request } from 'undici';
import { expect } from 'vitest';

/** What a write needs to run: where the server is and the admin's password. */
export interface CrashContext {
  readonly url: string;
  readonly dispatcher: Dispatcher;
  readonly adminPassword: string;
}

/**
 * One kind of write the crash test runs under kill -9. Add a row when a writing route
 * lands (users, API keys): `send` answers a proof when the server said 2xx, `verify`
 * checks every proof against the restarted server and its database.
 */
export interface CrashWrite<Proof = unknown> {
  readonly name: string;
  send(context: CrashContext): Promise<Proof | undefined>;
  verify(context: CrashContext, db: Database.Database, proofs: readonly Proof[]): Promise<void>;
}

interface LoginProof {
  requestId: string;
  token: string;
}

// A login writes lastLogin and a success audit row before it answers 201.
const login: CrashWrite<LoginProof> = {
  name: 'login',
  async send({ url, dispatcher, adminPassword }) {
    const response = await request(`${url}/v2/access-tokens`, {
      method: 'POST',
      dispatcher,
      body: JSON.stringify({ username: 'admin', password: adminPassword, domain: 'LOCAL' }),
    });
    const body = (await response.body.json()) as { accessToken?: string };
    if (response.statusCode !== 201 || !body.accessToken) return undefined;
    return { requestId: String(response.headers['x-request-id']), token: body.accessToken };
  },
  async verify({ url, dispatcher }, db, proofs) {
    const audited = new Set(
      db.prepare("SELECT request_id FROM audit_log WHERE action = 'login' AND outcome = 'success'").pluck().all(),
    );
    expect(proofs.filter((proof) => !audited.has(proof.requestId))).toEqual([]);
    for (const proof of proofs) {
      const response = await request(`${url}/v2/clusters`, {
        dispatcher,
        headers: { authorization: `Bearer ${proof.token}` },
      });
      await response.body.dump();
      expect(response.statusCode).toBe(200);
    }
  },
};

export const CRASH_WRITES: readonly CrashWrite[] = [login as CrashWrite];
