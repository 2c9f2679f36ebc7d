import type { ErrorBody, User } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
});
afterAll(() => t.close());

const login = (username: string) =>
  t.send<ErrorBody & { accessToken: string }>('POST', '/v2/access-tokens', {
    body: { username, password: STRONG_PASSWORD, domain: 'LOCAL' },
  });

/** Makes the user look untouched for `days`: last login and last change both that long ago. */
async function age(user: User, days: number): Promise<void> {
  const then = Date.now() - days * 24 * 3600 * 1000;
  await t.server.store.recordLogin(user.sid, then);
  await t.server.store.updateUser(user.sid, { lastUpdatedTimeMsecs: then });
}

const setInactivityDays = async (inactivityTimeDays: number) => {
  const response = await t.send('PUT', '/v2/security-config', {
    headers: bearer(adminToken),
    body: { accountLockout: { inactivityTimeDays } },
  });
  expect(response.status).toBe(200);
};

describe('accountLockout.inactivityTimeDays', () => {
  it('locks nobody while it is 0', async () => {
    const user = await createUser(t, adminToken, 'dormant-ok');
    await age(user, 400);
    expect((await login('dormant-ok')).status).toBe(201);
  });

  it('locks a user unused for that many days, ends their credentials, until an administrator unlocks them', async () => {
    const user = await createUser(t, adminToken, 'sleeper');
    const before = await login('sleeper');
    expect(before.status).toBe(201);
    await setInactivityDays(1);
    expect((await login('sleeper')).status).toBe(201);

    await age(user, 2);
    const refused = await login('sleeper');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorCode: 'KValidationError',
      message: 'The account is locked because it was not used for 1 days. An administrator must unlock it.',
    });
    const locked = await t.send<User>('GET', `/v2/users/${user.sid}`, { headers: bearer(adminToken) });
    expect(locked.body).toMatchObject({ locked: true, lockedReason: 'Inactive for 1 days' });
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(before.body.accessToken) })).status).toBe(401);

    const unlock = await t.send('PUT', `/v2/users/${user.sid}`, {
      headers: bearer(adminToken),
      body: { locked: false },
    });
    expect(unlock.status).toBe(200);
    expect((await login('sleeper')).status).toBe(201);
    await setInactivityDays(0);
  });
});
