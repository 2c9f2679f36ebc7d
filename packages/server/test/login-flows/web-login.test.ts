import type { CreatedUserApiKey, ErrorBody, SessionUser } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/secret-hash.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { setSessionManagement } from '../helpers/session-management.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { V1, webLogin, withCookie } from '../helpers/web-login.js';

let t: TestServer;
let admin: Record<string, string>;
let adminToken: string;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
});
afterAll(() => t.close());

describe('POST /login', () => {
  it('answers 200 {user, privileges, groupSids, isNodeInCluster} with forcePasswordChange and every mfaInfo boolean', async () => {
    const { response } = await webLogin(t, 'admin', 'admin');
    expect(response.status).toBe(200);
    const body = response.body as SessionUser;
    expect(Object.keys(body).sort()).toEqual(['groupSids', 'isNodeInCluster', 'privileges', 'user']);
    expect(body.user).toMatchObject({
      username: 'admin',
      domain: 'LOCAL',
      roles: ['COHESITY_ADMIN'],
      forcePasswordChange: false,
      isClusterMfaEnabled: false,
      tenantId: null,
      mfaInfo: { isEmailOtpSetupDone: false, isTotpSetupDone: false, isUserExemptFromMfa: false },
    });
    expect(body.user).not.toHaveProperty('password');
    expect(body.privileges).toContain('PRINCIPAL_MODIFY');
  });

  it('sets exactly one cookie, HttpOnly; Secure; SameSite=Strict; Path=/, host-only, kept only as a SHA-256', async () => {
    const { response, sessionId } = await webLogin(t, 'admin', 'admin');
    const setCookie = [response.headers['set-cookie']].flat();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^cohesity-session=[A-Za-z0-9+/]{43}=; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(await t.server.store.findSession(hashSecret(sessionId ?? ''))).toBeDefined();
    expect(await t.server.store.findSession(sessionId ?? '')).toBeUndefined();
  });

  it('refuses a wrong password with 400 Invalid Username or Password and sets no cookie', async () => {
    const { response, cookie } = await webLogin(t, 'admin', 'wrong-password');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
    expect(cookie).toBeUndefined();
  });

  it('works in both session-management modes', async () => {
    await setSessionManagement(t, admin, true);
    expect((await webLogin(t, 'admin', 'admin')).response.status).toBe(200);
    await setSessionManagement(t, admin, false);
    expect((await webLogin(t, 'admin', 'admin')).response.status).toBe(200);
  });

  it('accepts `local` as the domain, as pyhesity sends it, and JSON with a charset', async () => {
    const response = await t.send('POST', '/login', {
      headers: { 'content-type': 'application/json; charset=utf-8' },
      rawBody: JSON.stringify({ domain: 'local', username: 'admin', password: 'admin' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('the session cookie', () => {
  it('alone authenticates v1 and v2 reads and writes, with no Authorization and no CSRF header', async () => {
    const { cookie } = await webLogin(t, 'admin', 'admin');
    const headers = withCookie(cookie);
    expect((await t.send('GET', '/v2/clusters', { headers })).status).toBe(200);
    expect((await t.send('GET', `${V1}/sessionUser`, { headers })).status).toBe(200);
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const key = await t.send<CreatedUserApiKey>('POST', `/v2/users/${adminSid}/api-keys`, {
      headers,
      body: { name: 'from-cookie' },
    });
    expect(key.status).toBe(201);
    const put = await t.send('PUT', `/v2/users/${adminSid}/api-keys/${key.body.id}`, {
      headers,
      body: { name: 'renamed' },
    });
    expect(put.status).toBe(200);
    expect((await t.send('DELETE', `/v2/users/${adminSid}/api-keys/${key.body.id}`, { headers })).status).toBe(204);
  });

  it('is the last resort: a header wins over a stale cookie, and a bad header is not rescued by a good cookie', async () => {
    const { cookie } = await webLogin(t, 'admin', 'admin');
    const stale = 'cohesity-session=c3RhbGUtc3RhbGUtc3RhbGUtc3RhbGUtc3RhbGUtc3Q=';
    expect((await t.send('GET', '/v2/clusters', { headers: { ...admin, cookie: stale } })).status).toBe(200);
    const bad = await t.send<ErrorBody>('GET', '/v2/clusters', {
      headers: { authorization: 'Bearer a.b.c', ...withCookie(cookie) },
    });
    expect(bad.status).toBe(401);
  });

  it('answers 401 for an unknown cookie and for two session cookies at once', async () => {
    const { cookie } = await webLogin(t, 'admin', 'admin');
    const unknown = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: { cookie: 'cohesity-session=nope' } });
    expect(unknown.status).toBe(401);
    const twice = await t.send('GET', '/v2/clusters', { headers: { cookie: `${cookie}; ${cookie}` } });
    expect(twice.status).toBe(401);
    const withOthers = await t.send('GET', '/v2/clusters', { headers: { cookie: `theme=dark; ${cookie}` } });
    expect(withOthers.status).toBe(200);
  });

  it('ends with POST /logout (204, cleared) and with nothing else of the user’s', async () => {
    const first = await webLogin(t, 'admin', 'admin');
    const second = await webLogin(t, 'admin', 'admin');
    const out = await t.send('POST', '/logout', {
      headers: { ...withCookie(first.cookie), 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^cohesity-session=; .*Max-Age=0$/);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(first.cookie) })).status).toBe(401);
    expect((await t.send('GET', '/v2/clusters', { headers: withCookie(second.cookie) })).status).toBe(200);
    expect((await t.send('GET', '/v2/clusters', { headers: admin })).status).toBe(200);
  });

  it('lives authTokenTimeoutMinutes after the login', async () => {
    await t.send('PUT', '/v2/security-config', { headers: admin, body: { authTokenTimeoutMinutes: 7 } });
    const before = Date.now();
    const { sessionId } = await webLogin(t, 'admin', 'admin');
    const session = await t.server.store.findSession(hashSecret(sessionId ?? ''));
    expect(session?.expiresAtMsecs).toBeGreaterThanOrEqual(before + 7 * 60_000);
    expect(session?.expiresAtMsecs).toBeLessThanOrEqual(Date.now() + 7 * 60_000);
    await t.send('PUT', '/v2/security-config', { headers: admin, body: { authTokenTimeoutMinutes: 1440 } });
  });

  it('counts against the session limits of the security config', async () => {
    const user = await createUser(t, adminToken, 'limited');
    await t.send('PUT', '/v2/security-config', {
      headers: admin,
      body: { sessionConfiguration: { limitSessions: true, sessionLimitPerUser: 1 } },
    });
    try {
      expect((await webLogin(t, 'limited', STRONG_PASSWORD)).response.status).toBe(200);
      const refused = await webLogin(t, 'limited', STRONG_PASSWORD);
      expect(refused.response.status).toBe(400);
      expect((refused.response.body as unknown as ErrorBody).message).toMatch(/maximum of 1 sessions/);
      expect(refused.cookie).toBeUndefined();
    } finally {
      await t.send('PUT', '/v2/security-config', {
        headers: admin,
        body: { sessionConfiguration: { limitSessions: false } },
      });
      await t.send('DELETE', `/v2/users/${user.sid}`, { headers: admin });
    }
  });
});

describe('cookie timeouts', () => {
  it('ends a cookie after inactivityTimeoutMSecs unused, and after the token lifetime while in use', async () => {
    // Sessions record their use at most once a second, so the idle timeout here is 1.5 s.
    const short = await startTestServer({ tokenTtlSeconds: 3 });
    try {
      const shortAdmin = bearer(await short.login());
      await short.send('PUT', '/v2/security-config', { headers: shortAdmin, body: { inactivityTimeoutMSecs: 1500 } });
      const idle = await webLogin(short, 'admin', 'admin');
      const busy = await webLogin(short, 'admin', 'admin');
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let i = 0; i < 4; i++) {
        await sleep(500);
        expect((await short.send('GET', '/v2/clusters', { headers: withCookie(busy.cookie) })).status).toBe(200);
      }
      const expired = await short.send<ErrorBody>('GET', '/v2/clusters', { headers: withCookie(idle.cookie) });
      expect(expired.status).toBe(401);
      expect(expired.body.message).toBe('The session has expired.');
      await sleep(1100);
      expect((await short.send('GET', '/v2/clusters', { headers: withCookie(busy.cookie) })).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});
