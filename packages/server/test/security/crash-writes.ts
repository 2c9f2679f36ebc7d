import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CreatedUserApiKey, Users } from 'cohesity-sdk/models';
import { type Dispatcher, request } from 'undici';
import { expect } from 'vitest';
import { bearer, STRONG_PASSWORD as PASSWORD } from '../helpers/identity.js';

/** What a write needs to run: where the server is, the admin's password and a token of theirs. */
export interface CrashContext {
  readonly url: string;
  readonly dispatcher: Dispatcher;
  readonly adminPassword: string;
  readonly adminToken: string;
  readonly adminSid: string;
}

/**
 * One kind of write the crash test runs under kill -9. Add a row when a writing route
 * lands: `send` answers a proof when the server said 2xx, `verify`
 * checks every proof against the restarted server and its database.
 */
export interface CrashWrite<Proof = unknown> {
  readonly name: string;
  send(context: CrashContext): Promise<Proof | undefined>;
  verify(context: CrashContext, db: Database.Database, proofs: readonly Proof[]): Promise<void>;
}

/** POSTs `body` as JSON; answers the status and the parsed body. */
async function post<T>(context: CrashContext, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${context.url}${path}`, {
    method: 'POST',
    dispatcher: context.dispatcher,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as T };
}

/** The status of an authenticated read with `headers`. */
async function readStatus({ url, dispatcher }: CrashContext, headers: Record<string, string>): Promise<number> {
  const response = await request(`${url}/v2/clusters`, { dispatcher, headers });
  await response.body.dump();
  return response.statusCode;
}

interface LoginProof {
  requestId: string;
  token: string;
}

// A login writes lastLogin and a success audit row before it answers 201.
const login: CrashWrite<LoginProof> = {
  name: 'login',
  async send(context) {
    const credentials = { username: 'admin', password: context.adminPassword, domain: 'LOCAL' };
    const response = await post<{ accessToken?: string }>(context, '/v2/access-tokens', credentials);
    if (response.status !== 201 || !response.body.accessToken) return undefined;
    return { requestId: String(response.headers['x-request-id']), token: response.body.accessToken };
  },
  async verify(context, db, proofs) {
    const audited = new Set(
      db.prepare("SELECT request_id FROM audit_log WHERE action = 'login' AND outcome = 'success'").pluck().all(),
    );
    expect(proofs.filter((proof) => !audited.has(proof.requestId))).toEqual([]);
    for (const proof of proofs) expect(await readStatus(context, { authorization: `Bearer ${proof.token}` })).toBe(200);
  },
};

interface UserProof {
  sid: string;
  username: string;
}

// A new user is usable once acknowledged: the row, the password hash and the audit line.
const createUser: CrashWrite<UserProof> = {
  name: 'create user',
  async send(context) {
    const username = `crash-${randomUUID()}`;
    const user = { username, domain: 'LOCAL', roles: ['COHESITY_VIEWER'], localUserParams: { password: PASSWORD } };
    const response = await post<Users>(context, '/v2/users', [user], bearer(context.adminToken));
    const sid = response.body.users?.[0]?.sid;
    return response.status === 201 && sid ? { sid, username } : undefined;
  },
  async verify(context, db, proofs) {
    const stored = new Set(db.prepare('SELECT sid FROM users').pluck().all());
    expect(proofs.filter((proof) => !stored.has(proof.sid))).toEqual([]);
    for (const { username } of proofs) {
      const response = await post<{ accessToken?: string }>(context, '/v2/access-tokens', {
        username,
        password: PASSWORD,
      });
      expect(response.status, `${username} cannot log in`).toBe(201);
    }
  },
};

interface ApiKeyProof {
  id: string;
  secret: string;
}

// The admin's own keys: an acknowledged key authenticates after the restart.
const createApiKey: CrashWrite<ApiKeyProof> = {
  name: 'create API key',
  async send(context) {
    const response = await post<CreatedUserApiKey>(
      context,
      `/v2/users/${context.adminSid}/api-keys`,
      { name: `crash-${randomUUID()}` },
      bearer(context.adminToken),
    );
    return response.status === 201 ? { id: response.body.id, secret: response.body.apiKey } : undefined;
  },
  async verify(context, db, proofs) {
    const stored = new Set(db.prepare('SELECT id FROM api_keys').pluck().all());
    expect(proofs.filter((proof) => !stored.has(proof.id))).toEqual([]);
    for (const { secret } of proofs) expect(await readStatus(context, { apiKey: secret })).toBe(200);
  },
};

export const CRASH_WRITES: readonly CrashWrite[] = [login, createUser, createApiKey] as CrashWrite[];
