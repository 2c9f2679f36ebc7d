import type { ErrorBody, SecurityConfig, SessionUser, User, Users, WebUser } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutKey } from '../../src/accounts/lockout-key.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { createMfaUser, enableMfa } from '../helpers/mfa.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { V1, webLogin, withCookie } from '../helpers/web-login.js';

const NEW_PASSWORD = 'Brand-New-Pass-42';
const FORCED_TEXT = 'Password is expired: change it (PUT /irisservices/api/v1/public/users) before any other operation';

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer({ loginRateLimit: 0 });
  adminToken = await t.login();
  admin = bearer(adminToken);
});
afterAll(() => t.close());

async function createForcedUser(username: string): Promise<User> {
  const response = await t.send<Users>('POST', '/v2/users', {
    headers: admin,
    body: [
      {
        username,
        roles: ['COHESITY_VIEWER'],
        forcePasswordChange: true,
        localUserParams: { password: STRONG_PASSWORD },
      },
    ],
  });
  expect(response.status).toBe(201);
  return response.body.users[0] as User;
}

/** What pyhesity sends: the `/login` user, plus the old and the new password. */
const changeBody = (login: SessionUser, currentPassword: string, password: string) => ({
  ...login.user,
  currentPassword,
  password,
});

describe('forced password change', () => {
  it('logs in with forcePasswordChange, allows only the change, then a login with the new password works', async () => {
    await createForcedUser('forced');
    const first = await webLogin(t, 'forced', STRONG_PASSWORD);
    expect(first.response.status).toBe(200);
    expect(first.response.body.user.forcePasswordChange).toBe(true);
    const blocked = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withCookie(first.cookie) });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ errorCode: 'KPrivilegeError', message: FORCED_TEXT });

    const changed = await t.send<WebUser>('PUT', `${V1}/users`, {
      headers: withCookie(first.cookie),
      body: changeBody(first.response.body, STRONG_PASSWORD, NEW_PASSWORD),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ username: 'forced', forcePasswordChange: false });
    // The change ends the user's credentials, this cookie included; clients log in again.
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(first.cookie) })).status).toBe(401);
    expect((await webLogin(t, 'forced', STRONG_PASSWORD)).response.status).toBe(400);
    const again = await webLogin(t, 'forced', NEW_PASSWORD);
    expect(again.response.body.user.forcePasswordChange).toBe(false);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(again.cookie) })).status).toBe(200);
  });

  it('lets token and session logins ignore the flag (cohesity-api.ps1 -skipForcePasswordChange)', async () => {
    await createForcedUser('forced-api');
    const v1 = await t.send('POST', `${V1}/accessTokens`, {
      body: { username: 'forced-api', password: STRONG_PASSWORD, domain: 'LOCAL', skipForcePasswordChange: true },
    });
    expect(v1.status).toBe(201);
    expect(
      (await t.send('POST', '/v2/access-tokens', { body: { username: 'forced-api', password: STRONG_PASSWORD } }))
        .status,
    ).toBe(201);
  });

  it('refuses a missing or wrong current password, a weak one and the same one, changing nothing', async () => {
    await createForcedUser('forced-rules');
    const { response, cookie } = await webLogin(t, 'forced-rules', STRONG_PASSWORD);
    const put = (body: object) => t.send<ErrorBody>('PUT', `${V1}/users`, { headers: withCookie(cookie), body });
    const missing = await put({ sid: response.body.user.sid, password: NEW_PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^Please specify the mandatory parameters: currentPassword/);
    const wrong = await put(changeBody(response.body, 'Not-The-Password-1', NEW_PASSWORD));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ errorCode: 'KValidationError', message: 'The current password is not correct' });
    expect((await t.server.store.getLoginFailures(lockoutKey('forced-rules', 'LOCAL', '127.0.0.1')))?.failures).toBe(1);
    const weak = await put(changeBody(response.body, STRONG_PASSWORD, 'short'));
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^The password is too weak/);
    const same = await put(changeBody(response.body, STRONG_PASSWORD, STRONG_PASSWORD));
    expect(same.status).toBe(400);
    expect(same.body.message).toBe('The new password must differ from the current one');
    expect((await t.send('PUT', `${V1}/users`, { headers: withCookie(cookie), body: {} })).status).toBe(400);
    // Still waiting for the change: nothing above changed the password.
    expect((await webLogin(t, 'forced-rules', STRONG_PASSWORD)).response.body.user.forcePasswordChange).toBe(true);
  });

  it('allows the change before MFA is verified, as both libraries do it first', async () => {
    await enableMfa(t, admin);
    try {
      await createForcedUser('forced-mfa');
      const { response, cookie } = await webLogin(t, 'forced-mfa', STRONG_PASSWORD);
      expect((await t.send('GET', '/v2/clusters', { headers: withCookie(cookie) })).status).toBe(401);
      const changed = await t.send('PUT', `${V1}/users`, {
        headers: withCookie(cookie),
        body: changeBody(response.body, STRONG_PASSWORD, NEW_PASSWORD),
      });
      expect(changed.status).toBe(200);
    } finally {
      await t.send('PUT', '/v2/mfa-config', { headers: bearer(adminToken), body: { enabled: false } });
    }
  });

  it('v2: a user changes their own password with currentPassword, needing no PRINCIPAL_MODIFY', async () => {
    const user = await createForcedUser('forced-v2');
    const { cookie } = await webLogin(t, 'forced-v2', STRONG_PASSWORD);
    const put = (body: object) =>
      t.send<ErrorBody>('PUT', `/v2/users/${user.sid}`, { headers: withCookie(cookie), body });
    expect((await put({ description: 'mine now' })).status).toBe(403);
    const noCurrent = await put({ localUserParams: { password: NEW_PASSWORD } });
    expect(noCurrent.status).toBe(400);
    const changed = await put({ localUserParams: { password: NEW_PASSWORD, currentPassword: STRONG_PASSWORD } });
    expect(changed.status).toBe(200);
    expect((changed.body as unknown as User).forcePasswordChange).toBe(false);
    expect(
      (await t.send('POST', '/v2/access-tokens', { body: { username: 'forced-v2', password: NEW_PASSWORD } })).status,
    ).toBe(201);
  });
});

describe('administrator reset', () => {
  it('resets another user’s password without the current one (v1 answer has username) and forces a change', async () => {
    const user = await createUser(t, adminToken, 'reset-me');
    const reset = await t.send<WebUser>('PUT', `${V1}/users`, {
      headers: admin,
      body: { sid: user.sid, password: NEW_PASSWORD },
    });
    expect(reset.status).toBe(200);
    expect(reset.body.username).toBe('reset-me');
    expect(reset.body.forcePasswordChange).toBe(true);
    expect((await webLogin(t, 'reset-me', NEW_PASSWORD)).response.body.user.forcePasswordChange).toBe(true);
  });

  it('refuses a viewer resetting another user (403) and a user in no store (404)', async () => {
    const viewer = await createUser(t, adminToken, 'reset-viewer');
    const other = await createUser(t, adminToken, 'reset-other');
    const viewerToken = bearer(await t.login(viewer.username, STRONG_PASSWORD));
    const refused = await t.send<ErrorBody>('PUT', `${V1}/users`, {
      headers: viewerToken,
      body: { sid: other.sid, password: NEW_PASSWORD },
    });
    expect(refused.status).toBe(403);
    const unknown = await t.send<ErrorBody>('PUT', `${V1}/users`, {
      headers: admin,
      body: { sid: 'S-1-100-21-1-1-999999', password: NEW_PASSWORD },
    });
    expect(unknown.status).toBe(404);
  });

  it('turns UI access off: the web login answers 403 with the text that makes pyhesity fall back to tokens', async () => {
    const user = await createMfaUser(t, adminToken, 'no-ui');
    expect(
      (await t.send('PUT', `${V1}/users`, { headers: admin, body: { sid: user.sid, uiAccess: false } })).status,
    ).toBe(200);
    const refused = await webLogin(t, 'no-ui', STRONG_PASSWORD);
    expect(refused.response.status).toBe(403);
    expect(refused.response.body).toEqual({
      errorCode: 'KPrivilegeError',
      message: 'User does not have the privilege to access UI',
    });
    expect((refused.response.body as unknown as ErrorBody).message.toLowerCase()).toContain(
      'user does not have the privilege to access ui',
    );
    expect(refused.cookie).toBeUndefined();
    expect(
      (await t.send('POST', `${V1}/accessTokens`, { body: { username: 'no-ui', password: STRONG_PASSWORD } })).status,
    ).toBe(201);
    const wrong = await webLogin(t, 'no-ui', 'Wrong-Password-1');
    expect(wrong.response.status).toBe(400);
  });
});

const DAY = 24 * 3600_000;

const setLifetime = (passwordLifetime: Partial<SecurityConfig['passwordLifetime']>) =>
  t.send<SecurityConfig | ErrorBody>('PUT', '/v2/security-config', { headers: admin, body: { passwordLifetime } });

/** Makes the stored password `days` old, as if set that long ago (no sleeping for days). */
async function agePassword(sid: string, days: number) {
  const at = Date.now() - days * DAY;
  await t.server.store.updateUser(sid, { passwordChangedTimeMsecs: at, lastUpdatedTimeMsecs: at });
}

describe('password expiry (passwordLifetime)', () => {
  it('is off on a fresh cluster (0 days: never), and set through /v2/security-config', async () => {
    const fresh = await t.send<SecurityConfig>('GET', '/v2/security-config', { headers: admin });
    expect(fresh.body.passwordLifetime).toEqual({ maxLifetimeDays: 0, minLifetimeDays: 0 });
    const user = await createUser(t, adminToken, 'ancient');
    await agePassword(user.sid, 3000);
    expect((await webLogin(t, 'ancient', STRONG_PASSWORD)).response.body.user.forcePasswordChange).toBe(false);

    expect((await setLifetime({ maxLifetimeDays: 400 })).status).toBe(400);
    expect((await setLifetime({ maxLifetimeDays: 30, minLifetimeDays: 30 })).body).toEqual({
      errorCode: 'KValidationError',
      message: 'passwordLifetime.minLifetimeDays must be less than maxLifetimeDays',
    });
    const set = await setLifetime({ maxLifetimeDays: 30 });
    expect(set.status).toBe(200);
    expect((set.body as SecurityConfig).passwordLifetime).toEqual({ maxLifetimeDays: 30, minLifetimeDays: 0 });
    expect((await webLogin(t, 'ancient', STRONG_PASSWORD)).response.body.user.forcePasswordChange).toBe(true);
    expect((await setLifetime({ maxLifetimeDays: 0 })).status).toBe(200);
    expect((await webLogin(t, 'ancient', STRONG_PASSWORD)).response.body.user.forcePasswordChange).toBe(false);
  });

  it('forces the change of a password older than maxLifetimeDays, exactly like an administrator’s reset', async () => {
    expect((await setLifetime({ maxLifetimeDays: 30 })).status).toBe(200);
    const young = await createUser(t, adminToken, 'young');
    const old = await createUser(t, adminToken, 'old');
    await agePassword(young.sid, 29);
    await agePassword(old.sid, 30);
    expect((await webLogin(t, 'young', STRONG_PASSWORD)).response.body.user.forcePasswordChange).toBe(false);

    const first = await webLogin(t, 'old', STRONG_PASSWORD);
    expect(first.response.status).toBe(200);
    expect(first.response.body.user.forcePasswordChange).toBe(true);
    const blocked = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withCookie(first.cookie) });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ errorCode: 'KPrivilegeError', message: FORCED_TEXT });
    // Token logins ignore it, as they ignore a forced change (D24).
    expect(
      (await t.send('POST', '/v2/access-tokens', { body: { username: 'old', password: STRONG_PASSWORD } })).status,
    ).toBe(201);

    const same = await t.send<ErrorBody>('PUT', `${V1}/users`, {
      headers: withCookie(first.cookie),
      body: { ...first.response.body.user, currentPassword: STRONG_PASSWORD, password: STRONG_PASSWORD },
    });
    expect(same.body.message).toBe('The new password must differ from the current one');
    const changed = await t.send<WebUser>('PUT', `${V1}/users`, {
      headers: withCookie(first.cookie),
      body: { ...first.response.body.user, currentPassword: STRONG_PASSWORD, password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.forcePasswordChange).toBe(false);
    const again = await webLogin(t, 'old', NEW_PASSWORD);
    expect(again.response.body.user.forcePasswordChange).toBe(false);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(again.cookie) })).status).toBe(200);
    const stored = await t.server.store.getUser(old.sid);
    expect(stored?.passwordChangedTimeMsecs).toBeGreaterThan(Date.now() - 60_000);
  });

  it('expires the administrator’s password too, who can still change it from the web login', async () => {
    expect((await setLifetime({ maxLifetimeDays: 30 })).status).toBe(200);
    const [adminUser] = await t.server.store.listUsers({ usernames: ['admin'] });
    await agePassword(adminUser?.sid ?? '', 31);
    const login = await webLogin(t, 'admin', 'admin');
    expect(login.response.body.user.forcePasswordChange).toBe(true);
    expect((await t.send('GET', '/v2/users', { headers: withCookie(login.cookie) })).status).toBe(403);
    // Tokens (and the token this suite holds) still work: the cluster keeps an administrator.
    expect((await t.send('GET', '/v2/users', { headers: admin })).status).toBe(200);
    await agePassword(adminUser?.sid ?? '', 0);
    expect((await webLogin(t, 'admin', 'admin')).response.body.user.forcePasswordChange).toBe(false);
  });

  it('keeps one’s own password for minLifetimeDays, unless its change is due; an administrator may reset it', async () => {
    expect((await setLifetime({ maxLifetimeDays: 30, minLifetimeDays: 2 })).status).toBe(200);
    const user = await createUser(t, adminToken, 'settled');
    await agePassword(user.sid, 1);
    const login = await webLogin(t, 'settled', STRONG_PASSWORD);
    const soon = await t.send<ErrorBody>('PUT', `${V1}/users`, {
      headers: withCookie(login.cookie),
      body: { ...login.response.body.user, currentPassword: STRONG_PASSWORD, password: NEW_PASSWORD },
    });
    expect(soon.status).toBe(400);
    expect(soon.body).toEqual({
      errorCode: 'KValidationError',
      message: 'The password was changed less than 2 days ago',
    });
    expect(
      (await t.send('POST', '/v2/access-tokens', { body: { username: 'settled', password: NEW_PASSWORD } })).status,
    ).toBe(400);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(login.cookie) })).status).toBe(200);

    await agePassword(user.sid, 2);
    const later = await t.send('PUT', `/v2/users/${user.sid}`, {
      headers: withCookie(login.cookie),
      body: { localUserParams: { currentPassword: STRONG_PASSWORD, password: NEW_PASSWORD } },
    });
    expect(later.status).toBe(200);
    // Just changed: an administrator's reset is no change of one's own, and forces the next one.
    const reset = await t.send('PUT', `/v2/users/${user.sid}`, {
      headers: admin,
      body: { localUserParams: { password: 'Reset-by-admin-1' } },
    });
    expect(reset.status).toBe(200);
    const forced = await webLogin(t, 'settled', 'Reset-by-admin-1');
    expect(forced.response.body.user.forcePasswordChange).toBe(true);
    const due = await t.send('PUT', `${V1}/users`, {
      headers: withCookie(forced.cookie),
      body: { ...forced.response.body.user, currentPassword: 'Reset-by-admin-1', password: 'Third-Password-3' },
    });
    expect(due.status).toBe(200);
    expect((await setLifetime({ maxLifetimeDays: 0, minLifetimeDays: 0 })).status).toBe(200);
  });
});
