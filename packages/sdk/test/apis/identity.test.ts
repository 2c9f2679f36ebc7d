import { afterAll, describe, expect, it } from 'vitest';
import { withSessionManagement } from '../../../server/test/helpers/session-management.js';
import { NotFoundException, UnauthorizedException } from '../../src/index.js';
import { present } from '../helpers/present.js';
import { ADMIN_PASSWORD, startTestCluster } from '../helpers/test-cluster.js';

// The identity routes (users, API keys, sessions, security config) land from a parallel
// branch; until they do, this suite skips, loudly.
const cluster = await startTestCluster();
afterAll(() => cluster.close());
const probe = await cluster.server.send('GET', '/v2/users', {
  headers: { authorization: `Bearer ${await cluster.server.login('admin', ADMIN_PASSWORD)}` },
});
const routesExist = probe.status !== 404;
if (!routesExist) console.warn('\n*** SKIPPED: identity routes (GET /v2/users) are not on this server yet ***\n');

describe.skipIf(!routesExist)('identity APIs against the real server', () => {
  const client = cluster.client();
  const adminSid = async () =>
    (await client.request<{ sid: string }>('GET', '/irisservices/api/v1/public/sessionUser')).sid;

  it('creates, finds, updates and deletes a user', async () => {
    const users = present(
      (
        await client.users.createUsers([
          {
            username: 'sdk-ops',
            domain: 'LOCAL',
            roles: ['COHESITY_VIEWER'],
            localUserParams: { password: 'Ops-Pa55word!x' },
          },
        ])
      ).users,
    );
    const sid = users[0]?.sid ?? '';
    expect(users[0]).toMatchObject({ username: 'sdk-ops', domain: 'LOCAL', roles: ['COHESITY_VIEWER'] });
    expect(present((await client.users.getUsers({ usernames: ['sdk-ops'] })).users).map((u) => u.sid)).toEqual([sid]);
    expect(await client.users.updateUser(sid, { description: 'from the SDK' })).toMatchObject({
      description: 'from the SDK',
    });
    expect((await client.users.getUserBySid(sid)).description).toBe('from the SDK');
    await client.users.deleteUser(sid);
    await expect(client.users.getUserBySid(sid)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('manages API keys: create, authenticate with, list, deactivate, rotate, delete', async () => {
    const userSid = await adminSid();
    const created = await client.users.createUserApiKey(userSid, { name: 'sdk-key', isActive: true });
    const id = present(created.id, 'id');
    expect(created).toMatchObject({ name: 'sdk-key', userSid, isActive: true });
    const keyed = cluster.client({ apiKey: present(created.apiKey, 'apiKey') });
    expect((await keyed.platform.getCluster()).name).toBe('cohesity-dev');
    expect(present((await client.users.getUserApiKeys(userSid)).apiKeys).map((k) => k.id)).toContain(id);
    expect(present((await client.users.getAllApiKeys({ ownerSids: [userSid] })).apiKeys).map((k) => k.id)).toContain(
      id,
    );
    expect(await client.users.getUserApiKeyById(userSid, id)).not.toHaveProperty('apiKey');
    await client.users.updateUserApiKeyById(userSid, id, { name: 'sdk-key', isActive: false });
    await expect(keyed.platform.getCluster()).rejects.toBeInstanceOf(UnauthorizedException);
    await client.users.updateUserApiKeyById(userSid, id, { name: 'sdk-key', isActive: true });
    const rotated = await client.users.rotateUserApiKey(userSid, id);
    expect(rotated.apiKey).not.toBe(created.apiKey);
    await expect(keyed.platform.getCluster()).rejects.toBeInstanceOf(UnauthorizedException);
    expect((await cluster.client({ apiKey: present(rotated.apiKey, 'apiKey') }).platform.getCluster()).id).toBeTypeOf(
      'number',
    );
    await client.users.deleteUserApiKeyById(userSid, id);
    await expect(client.users.getUserApiKeyById(userSid, id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('creates a session, counts it and ends it', async () => {
    const userSid = await adminSid();
    const admin = { authorization: `Bearer ${await cluster.server.login('admin', ADMIN_PASSWORD)}` };
    // Sessions log in only while session management is on (login flows §6).
    const { sessionId } = await withSessionManagement(cluster.server, admin, () =>
      client.users.createSession({ username: 'admin', password: ADMIN_PASSWORD }),
    );
    const withSession = await cluster.server.send('GET', '/v2/clusters', {
      headers: { 'session-id': present(sessionId) },
    });
    expect(withSession.status).toBe(200);
    const counts = await client.users.getActiveSessionsCount({ sids: [userSid] });
    expect(counts.totalSessionsCount).toBeGreaterThanOrEqual(1);
    await client.users.deleteSession({ sid: userSid });
    const after = await cluster.server.send('GET', '/v2/clusters', { headers: { 'session-id': present(sessionId) } });
    expect(after.status).toBe(401);
  });

  it('reads and updates the security config', async () => {
    const before = await client.security.getSecurityConfig();
    const updated = await client.security.updateSecurityConfig({ authTokenTimeoutMinutes: 90 });
    expect(updated.authTokenTimeoutMinutes).toBe(90);
    expect(updated.passwordStrength).toEqual(before.passwordStrength);
    expect((await client.security.getSecurityConfig()).authTokenTimeoutMinutes).toBe(90);
  });
});
