import { setTimeout as sleep } from 'node:timers/promises';
import type { CreatedUserApiKey, User, UserApiKeys, Users } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { postgresReachable } from '../helpers/postgres.js';
import { canControlPostgres, ensurePostgresRunning, pgCtlCluster } from '../helpers/postgres-service.js';
import { ADMIN_PASSWORD, type NodeNumber, startThreeNodes, type ThreeNodes } from '../helpers/three-nodes.js';

const reachable = await postgresReachable('multi-node');
const canRestartPostgres = reachable && canControlPostgres();

interface Answered {
  n: NodeNumber;
  atMs: number;
}
type AnsweredUser = Answered & { sid: string; username: string };
type AnsweredKey = Answered & { id: string; apiKey: string };

describe.skipIf(!reachable)('three server processes on one PostgreSQL schema: node and database failures', () => {
  let cluster: ThreeNodes;
  const node = (n: NodeNumber) => cluster.node(n);
  const asAdmin = () => ({ headers: bearer(cluster.adminToken) });

  beforeAll(async () => {
    cluster = await startThreeNodes();
  });
  afterAll(async () => {
    if (canRestartPostgres) await ensurePostgresRunning();
    await cluster?.close();
  });

  it('keeps every user and key answered 201 when node 2 is killed -9 mid-stream, while nodes 1 and 3 keep serving', async () => {
    const owner = await cluster.createUser(1, 'streamer');
    let stop = false;
    let killedAt = Number.POSITIVE_INFINITY;
    let serial = 0;
    const users: AnsweredUser[] = [];
    const keys: AnsweredKey[] = [];
    const failures: { n: NodeNumber; what: string }[] = [];

    // Each worker sends one creation after another to its node until told to stop; an error
    // from node 2 after the kill is expected (its connections die), anything else is not.
    const worker = (n: NodeNumber, create: () => Promise<void>) => async () => {
      while (!stop) {
        try {
          await create();
        } catch (error) {
          if (n === 2 && Date.now() >= killedAt) return;
          failures.push({ n, what: String(error) });
        }
      }
    };
    const createUser = (n: NodeNumber) => async () => {
      const username = `stream-user-${serial++}`;
      const response = await node(n).send<Users>('POST', '/v2/users', {
        ...asAdmin(),
        body: [
          { username, domain: 'LOCAL', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } },
        ],
      });
      const user = response.body.users?.[0];
      if (response.status === 201 && user) users.push({ n, atMs: Date.now(), sid: user.sid, username });
      else failures.push({ n, what: `user: ${response.status} ${response.text}` });
    };
    const createKey = (n: NodeNumber) => async () => {
      const response = await node(n).send<CreatedUserApiKey>('POST', `/v2/users/${owner.sid}/api-keys`, {
        ...asAdmin(),
        body: { name: `stream-key-${serial++}` },
      });
      if (response.status === 201)
        keys.push({ n, atMs: Date.now(), id: response.body.id, apiKey: response.body.apiKey });
      else failures.push({ n, what: `key: ${response.status} ${response.text}` });
    };

    const answeredBy = (list: Answered[], n: NodeNumber, afterMs = 0) =>
      list.filter((a) => a.n === n && a.atMs > afterMs).length;
    const streams = ([1, 2, 3] as const).flatMap((n) => [
      worker(n, createUser(n))(),
      worker(n, createUser(n))(),
      worker(n, createKey(n))(),
      worker(n, createKey(n))(),
    ]);
    // Kill once node 2 has answered some of each, stop once 1 and 3 have answered some of each
    // after: by count, not by time, so a slow machine still kills node 2 mid-stream.
    const conductor = (async () => {
      await eventually(async () => answeredBy(users, 2) >= 3 && answeredBy(keys, 2) >= 3, 60_000);
      killedAt = Date.now();
      node(2).process.kill('SIGKILL');
      await eventually(
        async () =>
          ([1, 3] as const).every((n) => answeredBy(users, n, killedAt) >= 3 && answeredBy(keys, n, killedAt) >= 3),
        60_000,
      );
    })().finally(() => {
      stop = true;
    });
    await Promise.all([...streams, conductor]);

    expect(node(2).process.signalCode).toBe('SIGKILL');
    expect(failures).toEqual([]);
    for (const list of [users, keys]) {
      expect(answeredBy(list, 2)).toBeGreaterThanOrEqual(3);
      for (const n of [1, 3] as const) expect(answeredBy(list, n, killedAt)).toBeGreaterThanOrEqual(3);
    }
    console.log(
      `kill -9 of node 2: ${users.length} users and ${keys.length} keys answered 201 ` +
        `(node 2 answered ${answeredBy(users, 2)} users and ${answeredBy(keys, 2)} keys before it died)`,
    );

    for (const n of [1, 3] as const) {
      const listed = await node(n).send<Users>('GET', '/v2/users?domain=LOCAL', asAdmin());
      const present = new Map(listed.body.users.map((u: User) => [u.sid, u.username]));
      expect(users.filter((u) => present.get(u.sid) !== u.username)).toEqual([]);
      const ownerKeys = await node(n).send<UserApiKeys>('GET', `/v2/users/${owner.sid}/api-keys`, asAdmin());
      const ids = new Set(ownerKeys.body.apiKeys.map((k) => k.id));
      expect(keys.filter((k) => !ids.has(k.id))).toEqual([]);
    }
    const refused: AnsweredKey[] = [];
    for (let i = 0; i < keys.length; i += 16) {
      await Promise.all(
        keys.slice(i, i + 16).map(async (key, j) => {
          if ((await cluster.statusOn(j % 2 ? 1 : 3, { apiKey: key.apiKey })) !== 200) refused.push(key);
        }),
      );
    }
    expect(refused).toEqual([]);
    for (const n of [1, 3] as const) expect(node(n).process.exitCode).toBeNull();
  }, 90_000);

  it.skipIf(!canRestartPostgres)(
    'answers reads and writes 503 on every node while PostgreSQL is stopped, and recovers when it is back',
    async () => {
      const live = [node(1), node(3)];
      const token = await node(1).login('admin', ADMIN_PASSWORD);
      const owner = await cluster.createUser(3, 'restarter');
      let stop = false;
      const seen = { read: new Set<number>(), write: new Set<number>() };
      const keys: string[] = [];
      const errors: string[] = [];
      // A read and a key creation after another on each live node, all through the outage.
      const load = live.map(async (n, i) => {
        for (let serial = 0; !stop; serial++) {
          try {
            seen.read.add((await n.send('GET', '/v2/clusters', { headers: bearer(token) })).status);
            const created = await n.send<CreatedUserApiKey>('POST', `/v2/users/${owner.sid}/api-keys`, {
              headers: bearer(token),
              body: { name: `restart-${i}-${serial}` },
            });
            seen.write.add(created.status);
            if (created.status === 201) keys.push(created.body.apiKey);
          } catch (error) {
            errors.push(String(error));
          }
          await sleep(20);
        }
      });

      try {
        await pgCtlCluster('stop');
        for (const n of live) {
          await eventually(async () => (await n.send('GET', '/readyz')).status === 503, 10_000);
          expect((await n.send('GET', '/readyz')).body).toEqual({
            status: 'unavailable',
            database: 'down',
            migrations: 'done',
            store: 'postgres',
          });
          const refused = await n.send('GET', '/v2/clusters', { headers: bearer(token) });
          expect(refused.status).toBe(503);
          expect(refused.headers['retry-after']).toBe('1');
          expect(refused.body).toEqual({
            errorCode: 'KServiceUnavailable',
            message: 'The database is unavailable; retry shortly',
          });
          const login = { body: { username: 'admin', password: ADMIN_PASSWORD, domain: 'LOCAL' } };
          expect((await n.send('POST', '/v2/access-tokens', login)).status).toBe(503);
          expect((await n.send('POST', '/v2/users/sessions', login)).status).toBe(503);
        }
      } finally {
        await ensurePostgresRunning();
      }

      for (const n of live) {
        await eventually(async () => (await n.send('GET', '/readyz')).status === 200, 20_000);
        expect((await n.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(200);
        expect(await n.login('admin', ADMIN_PASSWORD)).toEqual(expect.any(String));
      }
      stop = true;
      await Promise.all(load);

      expect(errors).toEqual([]);
      expect([...seen.read].sort()).toEqual([200, 503]);
      expect([...seen.write].sort()).toEqual([201, 503]);
      for (const apiKey of keys) expect(await cluster.statusOn(1, { apiKey })).toBe(200);
      for (const n of live) expect(n.process.exitCode).toBeNull();
    },
    90_000,
  );
});
