import { randomUUID } from 'node:crypto';
import type { ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { postgresReachable } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { STORES, type StoreServer, startOnStore } from '../helpers/store-server.js';

const reachable = await postgresReachable('lockout races on PostgreSQL');
const MAX_ATTEMPTS = 5;
const LOCKED = /^The account is locked because of too many failed login attempts/;

/** Guesses that reached the hasher: each checked failure is audited with its count. */
async function checkedGuesses(t: TestServer, target: string): Promise<number> {
  const lines = await t.server.store.listAudit({ action: 'login', limit: 10_000 });
  return lines.filter((line) => line.target === target && 'failures' in line.details).length;
}

describe.each(STORES)('lockout under a burst of guesses, on %s', (_store, onPostgres) => {
  let server: StoreServer;
  // On PostgreSQL the burst is split over two nodes of one cluster.
  let nodes: TestServer[];
  let adminToken: string;

  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    const settings = { adminPassword: randomUUID(), loginRateLimit: 0, trustProxy: ['127.0.0.1'] };
    server = await startOnStore(onPostgres, settings);
    nodes = [server.t];
    if (server.databaseUrl) nodes.push(await startTestServer({ ...settings, databaseUrl: server.databaseUrl }));
    adminToken = await server.t.login('admin', settings.adminPassword);
    const response = await server.t.send('PUT', '/v2/security-config', {
      headers: bearer(adminToken),
      body: { accountLockout: { maxFailedLoginAttempts: MAX_ATTEMPTS, failedLoginLockTimeDurationMins: 15 } },
    });
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    for (const node of nodes?.slice(1) ?? []) await node.close();
    await server?.close();
  });

  const login = (node: TestServer, username: string, password: string, ip = '198.51.100.1') =>
    node.send<ErrorBody>('POST', '/v2/access-tokens', {
      body: { username, password, domain: 'LOCAL' },
      headers: { 'x-forwarded-for': ip },
    });

  it.skipIf(onPostgres && !reachable)(
    `checks at most ${MAX_ATTEMPTS} of 60 guesses sent together, the right password among the last`,
    async () => {
      await createUser(server.t, adminToken, 'raced');
      const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? STRONG_PASSWORD : `wrong-${i}`));
      const answers = await Promise.all(
        guesses.map((password, i) => login(nodes[i % nodes.length] as TestServer, 'raced', password)),
      );
      expect(answers.every((answer) => answer.status < 500)).toBe(true);
      expect(await checkedGuesses(server.t, 'LOCAL\\raced')).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(
        answers.filter((answer) => answer.status === 400 && !LOCKED.test(answer.body.message)).length,
      ).toBeLessThan(MAX_ATTEMPTS);
      expect((await login(server.t, 'raced', STRONG_PASSWORD)).body.message).toMatch(LOCKED);
    },
  );

  it.skipIf(onPostgres && !reachable)(
    'keeps a stranger from locking an administrator out: the lock holds for the stranger’s address only',
    async () => {
      await createUser(server.t, adminToken, 'second-admin', ['COHESITY_ADMIN']);
      for (let i = 0; i < MAX_ATTEMPTS + 3; i++) await login(server.t, 'second-admin', `guess-${i}`, '203.0.113.9');
      expect((await login(server.t, 'second-admin', STRONG_PASSWORD, '203.0.113.9')).body.message).toMatch(LOCKED);
      expect((await login(server.t, 'second-admin', STRONG_PASSWORD, '192.0.2.44')).status).toBe(201);
    },
  );
});
