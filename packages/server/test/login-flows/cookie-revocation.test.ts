import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, TotpKeyInfo } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/secret-hash.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { totpCode } from '../helpers/mfa.js';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { type ServerNode, startNode } from '../helpers/start-node.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { webLogin, withCookie } from '../helpers/web-login.js';

type Sender = Pick<TestServer, 'send'>;

/** Each event that must end a user's credentials, applied by an administrator. */
const REVOKING_EVENTS: [string, (t: Sender, admin: Record<string, string>, sid: string) => Promise<number>][] = [
  [
    'deleting the user',
    async (t, admin, sid) => (await t.send('DELETE', `/v2/users/${sid}`, { headers: admin })).status,
  ],
  [
    'locking the user',
    async (t, admin, sid) =>
      (await t.send('PUT', `/v2/users/${sid}`, { headers: admin, body: { locked: true } })).status,
  ],
  [
    'changing the password',
    async (t, admin, sid) =>
      (
        await t.send('PUT', `/v2/users/${sid}`, {
          headers: admin,
          body: { localUserParams: { password: 'Another-Pass-77' } },
        })
      ).status,
  ],
  [
    'changing the roles',
    async (t, admin, sid) =>
      (await t.send('PUT', `/v2/users/${sid}`, { headers: admin, body: { roles: ['COHESITY_OPERATOR'] as Role[] } }))
        .status,
  ],
];

describe('a web-login cookie on one node (SQLite)', () => {
  let t: TestServer;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestServer();
    adminToken = await t.login();
  });
  afterAll(() => t.close());

  it.each(REVOKING_EVENTS)('dies at once on %s, with the user’s other credentials', async (_event, revoke) => {
    const user = await createUser(t, adminToken, `revoked-${randomBytes(3).toString('hex')}`);
    const { cookie } = await webLogin(t, user.username, STRONG_PASSWORD);
    const token = await t.login(user.username, STRONG_PASSWORD);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
    expect([200, 204]).toContain(await revoke(t, bearer(adminToken), user.sid));
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(401);
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(401);
  });

  /** A web login that may only change its password (an administrator reset it): it has state to lose. */
  async function restrictedWebLogin() {
    const user = await createUser(t, adminToken, `stateful-${randomBytes(3).toString('hex')}`);
    const reset = await t.send('PUT', `/v2/users/${user.sid}`, {
      headers: bearer(adminToken),
      body: { localUserParams: { password: 'Reset-by-admin-1' } },
    });
    expect(reset.status).toBe(200);
    const login = await webLogin(t, user.username, 'Reset-by-admin-1');
    expect(login.response.body.user?.forcePasswordChange).toBe(true);
    const idHash = hashSecret(login.sessionId ?? '');
    expect(JSON.parse((await t.server.store.findSession(idHash))?.webState ?? 'null')).toEqual({
      mfaPending: false,
      passwordChangeOnly: true,
    });
    return { user, idHash, cookie: login.cookie };
  }

  it.each(REVOKING_EVENTS)('takes the web login’s state with it on %s', async (_event, revoke) => {
    const { user, idHash } = await restrictedWebLogin();
    expect([200, 204]).toContain(await revoke(t, bearer(adminToken), user.sid));
    expect(await t.server.store.findSession(idHash)).toBeUndefined();
  });

  it('takes the web login’s state with it on logout, and when it times out unused', async () => {
    const loggedOut = await restrictedWebLogin();
    expect((await t.send('POST', '/logout', { headers: withCookie(loggedOut.cookie) })).status).toBe(204);
    expect(await t.server.store.findSession(loggedOut.idHash)).toBeUndefined();

    // Idle past inactivityTimeoutMSecs (its last use moved back), never presented again:
    // the next login anywhere sweeps it away.
    const idle = await restrictedWebLogin();
    await t.server.store.touchSession(idle.idHash, Date.now() - 31 * 60_000);
    expect((await webLogin(t, 'admin', 'admin')).response.status).toBe(200);
    expect(await t.server.store.findSession(idle.idHash)).toBeUndefined();
  });
});

describe('a web-login cookie across two nodes on one PostgreSQL schema', async () => {
  const reachable = await postgresReachable('web-login cookie across nodes');
  const schema = uniqueSchema('weblogin');
  const adminPassword = 'Admin-password-1';
  let nodes: ServerNode[] = [];
  let admin: Record<string, string>;

  beforeAll(async () => {
    if (!reachable) return;
    // Nodes sharing a database share the at-rest key too (TOTP secrets are sealed with it).
    const key = randomBytes(32).toString('base64');
    const dirs = await Promise.all([1, 2].map(() => mkdtemp(join(tmpdir(), 'cohesity-weblogin-'))));
    await Promise.all(dirs.map((dir) => writeFile(join(dir, 'at-rest.key'), key, { mode: 0o600 })));
    const url = urlWithSchema(schema);
    await adminQuery(`CREATE SCHEMA ${schema}`);
    nodes = [];
    for (const dir of dirs) nodes.push(await startNode(url, adminPassword, [], dir));
    admin = bearer(await (nodes[0] as ServerNode).login('admin', adminPassword));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    if (reachable) await dropSchema(schema);
  });

  const node = (n: 1 | 2) => nodes[n - 1] as ServerNode;

  it.skipIf(!reachable)('logs in on node 1, reads and writes with the cookie alone on node 2', async () => {
    const { response, cookie } = await webLogin(node(1), 'admin', adminPassword);
    expect(response.status).toBe(200);
    expect((await node(2).send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
    const adminSid = response.body.user.sid;
    const key = await node(2).send('POST', `/v2/users/${adminSid}/api-keys`, {
      headers: withCookie(cookie),
      body: { name: 'n2' },
    });
    expect(key.status).toBe(201);
    expect((await node(1).send('POST', '/logout', { headers: withCookie(cookie) })).status).toBe(204);
    expect((await node(2).send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(401);
  });

  it.skipIf(!reachable)(
    'enrols TOTP through node 1 and verifies the code on node 2 (the shared at-rest key)',
    async () => {
      const username = `pg-totp-${randomBytes(3).toString('hex')}`;
      await node(1).send('POST', '/v2/users', {
        headers: admin,
        body: [{ username, roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
      });
      const exemptAdmin = await node(1).send('PUT', '/irisservices/api/v1/public/users', {
        headers: admin,
        body: {
          sid: (await webLogin(node(1), 'admin', adminPassword)).response.body.user.sid,
          mfaInfo: { isUserExemptFromMfa: true },
        },
      });
      expect(exemptAdmin.status).toBe(200);
      expect((await node(1).send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: true } })).status).toBe(
        204,
      );
      try {
        const { cookie } = await webLogin(node(1), username, STRONG_PASSWORD);
        const key = await node(1).send<TotpKeyInfo>('POST', '/v2/totp-key', { headers: withCookie(cookie), body: {} });
        expect(key.status).toBe(201);
        const verified = await node(2).send('POST', '/irisservices/api/v1/public/verify-otp', {
          headers: withCookie(cookie),
          body: { otpType: 'Totp', otpCode: totpCode(key.body.totpSecretKey) },
        });
        expect(verified.status).toBe(200);
        expect((await node(1).send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
      } finally {
        await node(1).send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: false } });
      }
    },
  );

  it.skipIf(!reachable).each(REVOKING_EVENTS)(
    'ends the cookie on node 2 at once on %s on node 1',
    async (_event, revoke) => {
      const username = `pg-revoked-${randomBytes(3).toString('hex')}`;
      const created = await node(1).send<{ users: { sid: string }[] }>('POST', '/v2/users', {
        headers: admin,
        body: [{ username, roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
      });
      const sid = created.body.users[0]?.sid ?? '';
      const { cookie } = await webLogin(node(1), username, STRONG_PASSWORD);
      expect((await node(2).send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(200);
      expect([200, 204]).toContain(await revoke(node(1), admin, sid));
      expect((await node(2).send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(401);
    },
  );
});
