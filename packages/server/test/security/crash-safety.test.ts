import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Users } from 'cohesity-sdk/models';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIntegrity, DATABASE_FILE } from '../helpers/db-snapshot.js';
import { bearer, randomAdminPassword } from '../helpers/identity.js';
import { spawnServer } from '../helpers/spawn-server.js';
import { CRASH_WRITES, type CrashContext } from './crash-writes.js';

const CLIENTS = 50;
const ACKNOWLEDGED_BEFORE_KILL = 100;

let dataDir: string;
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/**
 * Logs the admin in on the server at `url` (or takes a token of theirs), for writes that need
 * a token and the admin's sid.
 */
async function contextFor(url: string, adminPassword: string, token?: string): Promise<CrashContext> {
  const ca = await readFile(join(dataDir, 'tls-cert.pem'), 'utf8');
  const dispatcher = new Agent({ connect: { ca }, connections: CLIENTS });
  const accessToken = token ?? (await logIn(url, adminPassword, dispatcher));
  const users = await request(`${url}/v2/users?usernames=admin`, { dispatcher, headers: bearer(accessToken) });
  const adminSid = ((await users.body.json()) as Users).users[0]?.sid ?? '';
  return { url, adminPassword, adminToken: accessToken, adminSid, dispatcher };
}

async function logIn(url: string, adminPassword: string, dispatcher: Agent): Promise<string> {
  const login = await request(`${url}/v2/access-tokens`, {
    method: 'POST',
    dispatcher,
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  return ((await login.body.json()) as { accessToken: string }).accessToken;
}

describe('kill -9 under 50 concurrent writers (logins, new users, new API keys)', () => {
  it('keeps every acknowledged write, usable, in a sound database', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cohesity-crash-'));
    const adminPassword = randomAdminPassword();
    const first = await spawnServer(dataDir, ['--admin-password', adminPassword]);
    const context = await contextFor(first.url, adminPassword);
    const proofs = new Map(CRASH_WRITES.map((write) => [write, [] as unknown[]]));
    let acknowledged = 0;
    let killed = false;

    // Each client cycles through the kinds of write until the server dies under it.
    const client = async (index: number) => {
      for (let i = index; !killed; i++) {
        const write = CRASH_WRITES[i % CRASH_WRITES.length];
        if (!write) return;
        const proof = await write.send(context).catch(() => undefined);
        if (proof !== undefined) {
          proofs.get(write)?.push(proof);
          acknowledged++;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
    while (acknowledged < ACKNOWLEDGED_BEFORE_KILL) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    killed = true;
    await Promise.all(clients);
    await context.dispatcher.close();

    const counts = [...proofs].map(([write, writeProofs]) => `${writeProofs.length} ${write.name}`).join(', ');
    console.info(`crash: ${acknowledged} writes acknowledged before and during kill -9 (${counts})`);
    for (const writeProofs of proofs.values()) expect(writeProofs.length).toBeGreaterThan(0);
    expect(checkIntegrity(dataDir)).toBe('ok');
    // Logins are counted as failures only once checked and wrong: the admin logins in flight
    // at kill -9 left no count behind (read before any login could clear one), so the admin
    // logs in again at once after the crash.
    const crashed = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(crashed.prepare('SELECT count(*) AS n FROM login_failures').get()).toEqual({ n: 0 });
    } finally {
      crashed.close();
    }
    const second = await spawnServer(dataDir, ['--admin-password', adminPassword]);
    const after = await contextFor(second.url, adminPassword);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      for (const [write, writeProofs] of proofs) await write.verify(after, db, writeProofs);
    } finally {
      db.close();
      second.child.kill('SIGTERM');
      await second.exited;
      await after.dispatcher.close();
    }
    expect(checkIntegrity(dataDir)).toBe('ok');
  }, 120_000);
});
