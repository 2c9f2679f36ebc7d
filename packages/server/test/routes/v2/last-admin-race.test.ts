import { randomUUID } from 'node:crypto';
import type { ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../../helpers/identity.js';
import { postgresReachable } from '../../helpers/postgres.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';
import { STORES, type StoreServer, startOnStore } from '../../helpers/store-server.js';

const reachable = await postgresReachable('last administrator races on PostgreSQL');
const NO_ADMIN = 'This change would leave the cluster without an unlocked administrator';
const DAY_MSECS = 86_400_000;
const ROUNDS = 6;

describe.each(STORES)('the last administrator, under concurrent changes, on %s', (_store, onPostgres) => {
  let server: StoreServer;
  // On PostgreSQL each of the two administrators talks to a node of its own.
  let nodes: [TestServer, TestServer];
  let adminPassword: string;

  beforeAll(async () => {
    if (onPostgres && !reachable) return;
    adminPassword = randomUUID();
    const settings = { adminPassword, loginRateLimit: 0 };
    server = await startOnStore(onPostgres, settings);
    const second = server.databaseUrl
      ? await startTestServer({ ...settings, databaseUrl: server.databaseUrl })
      : server.t;
    nodes = [server.t, second];
  });
  afterAll(async () => {
    if (nodes && nodes[1] !== server.t) await nodes[1].close();
    await server?.close();
  });

  let pairs = 0;
  /**
   * Two fresh administrators, each logged in on its own node, as the only ones: the
   * bootstrap admin steps aside (set up through the store, not the API under test).
   */
  async function onlyTwoAdmins() {
    const { store } = nodes[0].server;
    const admin = (await store.findUser('admin', 'LOCAL')) as { sid: string };
    const restore = { roles: ['COHESITY_ADMIN' as const], lastUpdatedTimeMsecs: Date.now() };
    await store.updateUser(admin.sid, restore);
    const adminToken = await nodes[0].login('admin', adminPassword);
    pairs += 1;
    const [one, two] = [
      await createUser(nodes[0], adminToken, `first-${pairs}`, ['COHESITY_ADMIN']),
      await createUser(nodes[0], adminToken, `second-${pairs}`, ['COHESITY_ADMIN']),
    ];
    for (const user of await store.listUsers({ roles: ['COHESITY_ADMIN'] })) {
      if (user.sid !== one.sid && user.sid !== two.sid) {
        await store.updateUser(user.sid, { roles: ['COHESITY_VIEWER'], lastUpdatedTimeMsecs: Date.now() });
      }
    }
    const tokens = [
      await nodes[0].login(one.username, STRONG_PASSWORD),
      await nodes[1].login(two.username, STRONG_PASSWORD),
    ] as const;
    return { one, two, tokens };
  }

  /** Every account that still holds an admin role and could log in now. */
  async function usableAdmins(): Promise<string[]> {
    const users = await nodes[0].server.store.listUsers({ roles: ['COHESITY_ADMIN', 'COHESITY_SUPER_ADMIN'] });
    return users
      .filter((u) => !u.locked && u.expiryTimeMsecs === null && (u.effectiveTimeMsecs ?? 0) <= Date.now())
      .map((u) => u.username);
  }

  const CHANGES: [string, (now: number) => Record<string, unknown> | 'delete'][] = [
    ['demote', () => ({ roles: ['COHESITY_VIEWER'] })],
    ['lock', () => ({ locked: true })],
    ['delete', () => 'delete'],
    ['expire', (now) => ({ expiryTimeMsecs: now - 1000 })],
    ['defer', (now) => ({ effectiveTimeMsecs: now + DAY_MSECS })],
  ];

  it.skipIf(onPostgres && !reachable)(
    `two administrators changing each other at once never both succeed (${ROUNDS} rounds of each change)`,
    async () => {
      for (const [name, change] of CHANGES) {
        for (let round = 0; round < ROUNDS; round++) {
          const { one, two, tokens } = await onlyTwoAdmins();
          const send = (node: TestServer, token: string, sid: string) => {
            const body = change(Date.now());
            return body === 'delete'
              ? node.send<ErrorBody>('DELETE', `/v2/users/${sid}`, { headers: bearer(token) })
              : node.send<ErrorBody>('PUT', `/v2/users/${sid}`, { headers: bearer(token), body });
          };
          // Each changes the other, at the same moment, through a node of its own.
          const answers = await Promise.all([send(nodes[0], tokens[0], two.sid), send(nodes[1], tokens[1], one.sid)]);
          const context = `${name}, round ${round}: ${answers.map((a) => `${a.status} ${a.text}`).join(' / ')}`;
          expect(
            answers.every((a) => a.status < 500),
            context,
          ).toBe(true);
          expect(answers.filter((a) => a.status < 300).length, context).toBe(1);
          // The loser is refused by the rule, or because the winner's change ended its token.
          const loser = answers.find((a) => a.status >= 300);
          expect([NO_ADMIN, 'The access token is invalid.'], context).toContain(loser?.body.message);
          expect((await usableAdmins()).length, context).toBeGreaterThanOrEqual(1);
        }
      }
    },
    120_000,
  );

  it.skipIf(onPostgres && !reachable)(
    'refuses the sole administrator expiring or deferring itself, even into the future',
    async () => {
      const { store } = nodes[0].server;
      const admin = (await store.findUser('admin', 'LOCAL')) as { sid: string };
      await store.updateUser(admin.sid, { roles: ['COHESITY_ADMIN'], lastUpdatedTimeMsecs: Date.now() });
      for (const rival of await store.listUsers({ roles: ['COHESITY_ADMIN'] })) {
        if (rival.username !== 'admin') await store.deleteUser(rival.sid);
      }
      const token = await nodes[0].login('admin', adminPassword);
      const { sid } = (await nodes[0].server.store.findUser('admin', 'LOCAL')) as { sid: string };
      for (const body of [
        { expiryTimeMsecs: Date.now() - 1000 },
        { expiryTimeMsecs: Date.now() + DAY_MSECS },
        { effectiveTimeMsecs: Date.now() + DAY_MSECS },
      ]) {
        const answer = await nodes[0].send<ErrorBody>('PUT', `/v2/users/${sid}`, { headers: bearer(token), body });
        expect([answer.status, answer.body.message], JSON.stringify(body)).toEqual([400, NO_ADMIN]);
      }
      expect(await usableAdmins()).toEqual(['admin']);
    },
  );
});
