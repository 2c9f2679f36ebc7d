import type { ErrorBody, User, Users } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../../helpers/identity.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
});
afterAll(() => t.close());

describe('POST /v2/users', () => {
  it('creates users from an array and answers 201 {users} without any password', async () => {
    const response = await t.send<Users>('POST', '/v2/users', {
      headers: admin,
      body: [
        {
          username: 'alice',
          domain: 'LOCAL',
          roles: ['COHESITY_VIEWER'],
          description: 'Alice',
          localUserParams: { email: 'alice@example.com', password: STRONG_PASSWORD },
        },
        { username: 'bob', roles: ['COHESITY_OPERATOR'], localUserParams: { password: STRONG_PASSWORD } },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.text).not.toContain(STRONG_PASSWORD);
    expect(response.text).not.toMatch(/"password"|argon2/);
    const [alice, bob] = response.body.users;
    expect(alice).toMatchObject({
      username: 'alice',
      domain: 'LOCAL',
      roles: ['COHESITY_VIEWER'],
      description: 'Alice',
      locked: false,
      localUserParams: { email: 'alice@example.com' },
    });
    expect(alice?.sid).toMatch(/^S-1-100-21-\d+-\d+-\d+$/);
    expect(bob).toMatchObject({ username: 'bob', domain: 'LOCAL', roles: ['COHESITY_OPERATOR'] });

    const stored = await t.server.store.getUser(alice?.sid ?? '');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await t.login('alice', STRONG_PASSWORD)).toBeTruthy();
  });

  it('refuses a password that breaks passwordStrength with a 400 naming the rule', async () => {
    const response = await t.send<ErrorBody>('POST', '/v2/users', {
      headers: admin,
      body: [{ username: 'weak', roles: ['COHESITY_VIEWER'], localUserParams: { password: 'alllowercase1!' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errorCode: 'KValidationError',
      message: 'The password is too weak: it must contain an upper-case letter',
    });
    expect(await t.server.store.findUser('weak', 'LOCAL')).toBeUndefined();
  });

  it('refuses a short password naming the minimum length', async () => {
    const response = await t.send<ErrorBody>('POST', '/v2/users', {
      headers: admin,
      body: [{ username: 'short', roles: ['COHESITY_VIEWER'], localUserParams: { password: 'Ab1!' } }],
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('at least 8 characters');
  });

  it('answers 409 KConflict for an existing username in the same domain, whatever its case', async () => {
    await createUser(t, adminToken, 'carol');
    const response = await t.send<ErrorBody>('POST', '/v2/users', {
      headers: admin,
      body: [
        { username: 'dave', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } },
        {
          username: 'carol',
          domain: 'local',
          roles: ['COHESITY_VIEWER'],
          localUserParams: { password: STRONG_PASSWORD },
        },
      ],
    });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({ errorCode: 'KConflict', message: "User 'carol' already exists in domain 'local'" });
    expect(await t.server.store.findUser('dave', 'LOCAL')).toBeUndefined();
  });

  it('answers 400 for a body that is not an array of users', async () => {
    const response = await t.send<ErrorBody>('POST', '/v2/users', {
      headers: admin,
      body: { username: 'x', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('KValidationError');
  });

  it('answers 400 for an unknown role', async () => {
    const response = await t.send<ErrorBody>('POST', '/v2/users', {
      headers: admin,
      body: [{ username: 'x', roles: ['ROOT'], localUserParams: { password: STRONG_PASSWORD } }],
    });
    expect(response.status).toBe(400);
  });
});

describe('GET /v2/users', () => {
  it('lists every user and filters by usernames, sids, roles and domain', async () => {
    const erin = await createUser(t, adminToken, 'erin', ['COHESITY_DATA_SECURITY']);
    const all = await t.send<Users>('GET', '/v2/users', { headers: admin });
    expect(all.status).toBe(200);
    expect(all.body.users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'erin']));
    expect(all.text).not.toMatch(/"password"|argon2/);

    const byName = await t.send<Users>('GET', '/v2/users?usernames=erin,admin', { headers: admin });
    expect(byName.body.users.map((u) => u.username).sort()).toEqual(['admin', 'erin']);
    const bySid = await t.send<Users>(`GET`, `/v2/users?sids=${erin.sid}`, { headers: admin });
    expect(bySid.body.users).toEqual([erin]);
    const byRole = await t.send<Users>('GET', '/v2/users?roles=COHESITY_DATA_SECURITY', { headers: admin });
    expect(byRole.body.users.map((u) => u.username)).toEqual(['erin']);
    const otherDomain = await t.send<Users>('GET', '/v2/users?domain=corp.example.com', { headers: admin });
    expect(otherDomain.body.users).toEqual([]);
    const localDomain = await t.send<Users>('GET', '/v2/users?domain=local', { headers: admin });
    expect(localDomain.body.users.length).toBe(all.body.users.length);
  });
});

describe('GET|PUT|DELETE /v2/users/{sid}', () => {
  it('reads one user, or answers 404 KNotFound', async () => {
    const frank = await createUser(t, adminToken, 'frank');
    const response = await t.send<User>('GET', `/v2/users/${frank.sid}`, { headers: admin });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(frank);
    const missing = await t.send<ErrorBody>('GET', '/v2/users/S-1-100-21-1-1-999999', { headers: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('KNotFound');
  });

  it('updates the fields given, keeps the others, and answers 200 with the user', async () => {
    const gina = await createUser(t, adminToken, 'gina');
    const response = await t.send<User>('PUT', `/v2/users/${gina.sid}`, {
      headers: admin,
      body: { description: 'Ops', localUserParams: { email: 'gina@example.com' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      sid: gina.sid,
      description: 'Ops',
      roles: ['COHESITY_VIEWER'],
      localUserParams: { email: 'gina@example.com' },
    });
    const stored = await t.server.store.getUser(gina.sid);
    expect(stored).toMatchObject({ description: 'Ops', email: 'gina@example.com', credentialsVersion: 1 });
  });

  it('changes a password (obeying passwordStrength) so only the new one logs in', async () => {
    const hank = await createUser(t, adminToken, 'hank');
    const weak = await t.send<ErrorBody>('PUT', `/v2/users/${hank.sid}`, {
      headers: admin,
      body: { localUserParams: { password: 'NoDigits!!' } },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toBe('The password is too weak: it must contain a number');

    const changed = await t.send('PUT', `/v2/users/${hank.sid}`, {
      headers: admin,
      body: { localUserParams: { password: 'Another-Strong-7' } },
    });
    expect(changed.status).toBe(200);
    expect(changed.text).not.toContain('Another-Strong-7');
    expect(await t.login('hank', 'Another-Strong-7')).toBeTruthy();
    const old = await t.send('POST', '/v2/access-tokens', { body: { username: 'hank', password: STRONG_PASSWORD } });
    expect(old.status).toBe(400);
  });

  it('answers 404 for PUT and DELETE of an unknown user', async () => {
    const put = await t.send('PUT', '/v2/users/S-1-100-21-1-1-999999', { headers: admin, body: { description: 'x' } });
    expect(put.status).toBe(404);
    const del = await t.send('DELETE', '/v2/users/S-1-100-21-1-1-999999', { headers: admin });
    expect(del.status).toBe(404);
  });

  it('deletes a user with 204 and an empty body; they can no longer log in', async () => {
    const ivan = await createUser(t, adminToken, 'ivan');
    const response = await t.send('DELETE', `/v2/users/${ivan.sid}`, { headers: admin });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await t.send('GET', `/v2/users/${ivan.sid}`, { headers: admin })).status).toBe(404);
    expect(await t.server.store.getUser(ivan.sid)).toBeUndefined();
    const login = await t.send('POST', '/v2/access-tokens', { body: { username: 'ivan', password: STRONG_PASSWORD } });
    expect(login.status).toBe(400);
  });
});
