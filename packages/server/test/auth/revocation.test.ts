import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  type Credentials,
  createUserWithCredentials,
  credentialStatuses,
  STRONG_PASSWORD,
} from '../helpers/identity.js';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
let bystander: Credentials;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  bystander = await createUserWithCredentials(t, adminToken, 'bystander');
});
afterAll(() => t.close());

const ALIVE = { token: 200, session: 200, apiKey: 200 };
const DEAD = { token: 401, session: 401, apiKey: 401 };

/** A new user's credentials, used once, so the server holds them in memory when revoked. */
async function usedCredentials(username: string): Promise<Credentials> {
  const credentials = await createUserWithCredentials(t, adminToken, username);
  expect(await credentialStatuses(t, credentials)).toEqual(ALIVE);
  return credentials;
}

/** Asserts the victim's token, session and key answer 401 while the bystander's still work. */
async function expectRevoked(victim: Credentials) {
  expect(await credentialStatuses(t, victim)).toEqual(DEAD);
  expect(await credentialStatuses(t, bystander)).toEqual(ALIVE);
  expect(await t.server.store.countSessions([victim.user.sid])).toEqual(new Map());
  expect(await t.server.store.listApiKeys({ userSids: [victim.user.sid] })).toEqual([]);
}

describe('revocation', () => {
  it('starts from working credentials', async () => {
    const fresh = await createUserWithCredentials(t, adminToken, 'fresh');
    expect(await credentialStatuses(t, fresh)).toEqual(ALIVE);
  });

  it('deleting a user ends their token, session and API key at once', async () => {
    const victim = await usedCredentials('deleted');
    expect((await t.send('DELETE', `/v2/users/${victim.user.sid}`, { headers: bearer(adminToken) })).status).toBe(204);
    await expectRevoked(victim);
  });

  it('locking a user ends their credentials, and unlocking does not bring them back', async () => {
    const victim = await usedCredentials('locked');
    const lock = await t.send('PUT', `/v2/users/${victim.user.sid}`, {
      headers: bearer(adminToken),
      body: { locked: true },
    });
    expect(lock.status).toBe(200);
    expect(lock.body).toMatchObject({ locked: true, lockedReason: 'Locked by an administrator' });
    await expectRevoked(victim);
    const login = await t.send('POST', '/v2/access-tokens', {
      body: { username: 'locked', password: STRONG_PASSWORD },
    });
    expect(login.status).toBe(400);

    await t.send('PUT', `/v2/users/${victim.user.sid}`, { headers: bearer(adminToken), body: { locked: false } });
    expect(await credentialStatuses(t, victim)).toEqual(DEAD);
    expect(await t.login('locked', STRONG_PASSWORD)).toBeTruthy();
  });

  it('changing a password ends the existing credentials; the new password logs in', async () => {
    const victim = await usedCredentials('repassword');
    const response = await t.send('PUT', `/v2/users/${victim.user.sid}`, {
      headers: bearer(adminToken),
      body: { localUserParams: { password: 'Brand-New-Pass-3' } },
    });
    expect(response.status).toBe(200);
    await expectRevoked(victim);
    expect(
      (await t.send('GET', '/v2/clusters', { headers: bearer(await t.login('repassword', 'Brand-New-Pass-3')) }))
        .status,
    ).toBe(200);
  });

  it('changing roles ends the existing credentials; a new token carries the new privileges', async () => {
    const victim = await usedCredentials('promoted');
    const response = await t.send('PUT', `/v2/users/${victim.user.sid}`, {
      headers: bearer(adminToken),
      body: { roles: ['COHESITY_ADMIN'] },
    });
    expect(response.status).toBe(200);
    await expectRevoked(victim);
    const login = await t.send<{ privileges: string[] }>('POST', '/v2/access-tokens', {
      body: { username: 'promoted', password: STRONG_PASSWORD },
    });
    expect(login.body.privileges).toContain('PRINCIPAL_MODIFY');
  });

  it('keeps credentials when only the description or email changes', async () => {
    const user = await createUserWithCredentials(t, adminToken, 'described');
    await t.send('PUT', `/v2/users/${user.user.sid}`, {
      headers: bearer(adminToken),
      body: { description: 'still here', roles: ['COHESITY_VIEWER'], localUserParams: { email: 'd@example.com' } },
    });
    expect(await credentialStatuses(t, user)).toEqual(ALIVE);
  });

  it('a revoked token answers exactly the contract 401', async () => {
    const victim = await usedCredentials('exact');
    await t.send('PUT', `/v2/users/${victim.user.sid}`, { headers: bearer(adminToken), body: { locked: true } });
    const response = await t.send('GET', '/v2/clusters', { headers: bearer(victim.token) });
    expect(response.body).toEqual({ errorCode: 'KStatusUnauthorized', message: 'The access token is invalid.' });
  });
});

const postgres = await postgresReachable('revocation across PostgreSQL nodes');

describe.skipIf(!postgres)('revocation across nodes sharing one PostgreSQL database', () => {
  const schema = uniqueSchema('revocation');
  let one: TestServer;
  let two: TestServer;
  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    one = await startTestServer({ databaseUrl: urlWithSchema(schema) });
    two = await startTestServer({ databaseUrl: urlWithSchema(schema) });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await dropSchema(schema);
  });

  it('a change made on one node ends the credentials on another at once', async () => {
    const admin = await one.login();
    const victim = await createUserWithCredentials(one, admin, 'twonodes');
    const other = await createUserWithCredentials(one, admin, 'othernode');
    expect(await credentialStatuses(two, victim)).toEqual(ALIVE);

    const demote = await one.send('PUT', `/v2/users/${victim.user.sid}`, {
      headers: bearer(admin),
      body: { roles: ['COHESITY_OPERATOR'] },
    });
    expect(demote.status).toBe(200);
    expect(await credentialStatuses(two, victim)).toEqual(DEAD);
    expect(await credentialStatuses(two, other)).toEqual(ALIVE);
  });
});

describe('a second server on the same SQLite data dir', () => {
  // The first keeps what it reads until it writes; a second writer would go unseen.
  it('is refused while the first runs, and points to PostgreSQL for several nodes', async () => {
    await expect(startTestServer({ dataDir: t.dataDir })).rejects.toThrow(
      /another server is using .*cohesity\.db.*--database-url/,
    );
    expect(await credentialStatuses(t, bystander)).toEqual(ALIVE);
  });
});
