import type { CreatedUserApiKey, SessionsCount, UpdateUserParams } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { postgresReachable } from '../helpers/postgres.js';
import {
  ADMIN_PASSWORD,
  expectRevokedEverywhere,
  type NodeNumber,
  startThreeNodes,
  type ThreeNodes,
} from '../helpers/three-nodes.js';

const reachable = await postgresReachable('multi-node');
const NEW_PASSWORD = 'Battery-Staple-42';

const credentials = (username: string, password = STRONG_PASSWORD) => ({
  body: { username, password, domain: 'LOCAL' },
});

describe.skipIf(!reachable)('three server processes on one PostgreSQL schema: shared state', () => {
  let cluster: ThreeNodes;
  const node = (n: NodeNumber) => cluster.node(n);
  const asAdmin = () => ({ headers: bearer(cluster.adminToken) });

  /** A new user holding a token (from node 1), a session (node 2) and an API key (node 3). */
  const userWithCredentials = async (username: string) => {
    const user = await cluster.createUser(1, username);
    const token = await node(1).login(username, STRONG_PASSWORD);
    const sessionId = await cluster.openSession(2, username);
    const key = await cluster.createKey(3, user.sid, `${username}-key`);
    const headers = {
      token: bearer(token),
      session: { 'session-id': sessionId },
      apiKey: { apiKey: key.apiKey },
    };
    for (const n of [1, 2, 3] as const) {
      for (const h of Object.values(headers)) expect(await cluster.statusOn(n, h)).toBe(200);
    }
    return { user, headers };
  };

  beforeAll(async () => {
    cluster = await startThreeNodes();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('accepts a token from node 1 on nodes 2 and 3, which report the same cluster', async () => {
    const token = await node(1).login('admin', ADMIN_PASSWORD);
    const ids = [];
    for (const n of [1, 2, 3] as const) {
      const response = await node(n).send<{ id: number }>('GET', '/v2/clusters', { headers: bearer(token) });
      expect(response.status).toBe(200);
      ids.push(response.body.id);
    }
    expect(new Set(ids).size).toBe(1);
  });

  it('accepts an API key made on node 2 on node 3; its rotation and deletion reach every node within 1 s', async () => {
    const kim = await cluster.createUser(1, 'kim');
    const key = await cluster.createKey(2, kim.sid, 'ci');
    expect(await cluster.statusOn(3, { apiKey: key.apiKey })).toBe(200);
    const listed = await node(3).send<{ apiKeys: { id: string; name: string }[] }>(
      'GET',
      `/v2/users/${kim.sid}/api-keys`,
      asAdmin(),
    );
    expect(listed.body.apiKeys.map((k) => [k.id, k.name])).toEqual([[key.id, 'ci']]);

    const rotated = await node(1).send<CreatedUserApiKey>(
      'POST',
      `/v2/users/${kim.sid}/api-keys/${key.id}/rotate`,
      asAdmin(),
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.apiKey).not.toBe(key.apiKey);
    await expectRevokedEverywhere(cluster, 'key rotated on node 1, old secret', { apiKey: key.apiKey }, Date.now());
    for (const n of [2, 3] as const) expect(await cluster.statusOn(n, { apiKey: rotated.body.apiKey })).toBe(200);

    const deleted = await node(3).send('DELETE', `/v2/users/${kim.sid}/api-keys/${key.id}`, asAdmin());
    expect(deleted.status).toBe(204);
    const withKey = { apiKey: rotated.body.apiKey };
    await expectRevokedEverywhere(cluster, 'key deleted on node 3', withKey, Date.now());
    expect((await node(1).send('GET', '/v2/clusters', { headers: withKey })).body).toEqual({
      errorCode: 'KStatusUnauthorized',
      message: 'API Key does not exist',
    });
    expect((await node(2).send('GET', `/v2/users/${kim.sid}/api-keys/${key.id}`, asAdmin())).status).toBe(404);
  });

  it('ends every credential of a user deleted on node 3, on node 1 within 1 s', async () => {
    const { user, headers } = await userWithCredentials('carol');
    const deleted = await node(3).send('DELETE', `/v2/users/${user.sid}`, asAdmin());
    expect(deleted.status).toBe(204);
    const answeredAt = Date.now();
    await Promise.all(
      Object.entries(headers).map(([what, h]) =>
        expectRevokedEverywhere(cluster, `user deleted on node 3, ${what}`, h, answeredAt),
      ),
    );
    expect((await node(1).send('GET', `/v2/users/${user.sid}`, asAdmin())).status).toBe(404);
    expect((await node(2).send('POST', '/v2/access-tokens', credentials('carol'))).status).toBe(400);
  });

  it.each<[string, string, UpdateUserParams]>([
    ['password change', 'erin', { localUserParams: { password: NEW_PASSWORD } }],
    ['role change', 'gus', { roles: ['COHESITY_OPERATOR'] }],
    ['lock', 'hal', { locked: true }],
  ])(
    'ends a user’s token, session and key on every node within 1 s of a %s on node 2',
    async (what, username, body) => {
      const { user, headers } = await userWithCredentials(username);
      const updated = await node(2).send('PUT', `/v2/users/${user.sid}`, { ...asAdmin(), body });
      expect(updated.status).toBe(200);
      const answeredAt = Date.now();
      await Promise.all(
        Object.entries(headers).map(([credential, h]) =>
          expectRevokedEverywhere(cluster, `${what} on node 2, ${credential}`, h, answeredAt),
        ),
      );
      const keys = await node(3).send<{ apiKeys: unknown[] }>('GET', `/v2/users/${user.sid}/api-keys`, asAdmin());
      expect(keys.body.apiKeys).toEqual([]);
      const relogin = await node(3).send(
        'POST',
        '/v2/access-tokens',
        credentials(username, body.localUserParams?.password ?? STRONG_PASSWORD),
      );
      expect(relogin.status).toBe(body.locked ? 400 : 201);
    },
  );

  it('ends a user’s sessions on every node within 1 s of DELETE /v2/users/sessions?sid= on node 1, and only them', async () => {
    const fay = await cluster.createUser(3, 'fay');
    const sessions = [await cluster.openSession(2, 'fay'), await cluster.openSession(3, 'fay')];
    const token = await node(2).login('fay', STRONG_PASSWORD);
    const count = async () =>
      (await node(3).send<SessionsCount>('GET', `/v2/users/sessions?sids=${fay.sid}`, asAdmin())).body
        .totalSessionsCount;
    expect(await count()).toBe(2);

    const ended = await node(1).send('DELETE', `/v2/users/sessions?sid=${encodeURIComponent(fay.sid)}`, asAdmin());
    expect(ended.status).toBe(204);
    const answeredAt = Date.now();
    await Promise.all(
      sessions.map((id, i) =>
        expectRevokedEverywhere(
          cluster,
          `sessions deleted on node 1, session ${i + 1}`,
          { 'session-id': id },
          answeredAt,
        ),
      ),
    );
    expect(await count()).toBe(0);
    for (const n of [1, 2, 3] as const) expect(await cluster.statusOn(n, bearer(token))).toBe(200);
  });

  it('locks an account whose failed logins were spread across the nodes', async () => {
    const dave = await cluster.createUser(2, 'dave');
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await node(((i % 3) + 1) as NodeNumber).send(
          'POST',
          '/v2/access-tokens',
          credentials('dave', 'Wrong-password-1'),
        ),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    const messages = answers.map((a) => (a.body as { message: string }).message);
    expect(messages.slice(0, 4)).toEqual(Array(4).fill('Invalid Username or Password'));
    expect(messages[4]).toMatch(/^The account is locked/);

    for (const n of [1, 3] as const) {
      const correct = await node(n).send('POST', '/v2/access-tokens', credentials('dave'));
      expect(correct.status).toBe(400);
      expect((correct.body as { message: string }).message).toMatch(/^The account is locked/);
    }
    expect((await node(1).send('GET', `/v2/users/${dave.sid}`, asAdmin())).status).toBe(200);
  });
});
