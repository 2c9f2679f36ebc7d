import type { ErrorBody, Session } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutKey } from '../../src/accounts/lockout-key.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { setSessionManagement } from '../helpers/session-management.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { V1, webLogin } from '../helpers/web-login.js';

let t: TestServer;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  admin = bearer(await t.login());
  const noUi = await createUser(t, await t.login(), 'api-only');
  await t.send('PUT', `${V1}/users`, { headers: admin, body: { sid: noUi.sid, uiAccess: false } });
});
afterAll(() => t.close());

const credentials = { domain: 'LOCAL', username: 'api-only', password: STRONG_PASSWORD };
const v1Token = () =>
  t.send<ErrorBody>('POST', `${V1}/accessTokens`, { body: { ...credentials, otpType: 'Totp', otpCode: null } });
const v2Token = () => t.send<ErrorBody>('POST', '/v2/access-tokens', { body: credentials });
const session = () =>
  t.send<ErrorBody & Session>('POST', '/v2/users/sessions', {
    body: { ...credentials, otpType: 'totp', otpCode: null },
  });

/** pyhesity: /login → on the no-UI 403, v1 accessTokens → on "access denied", sessions. */
async function pyhesityLadder(): Promise<string> {
  const web = await webLogin(t, credentials.username, credentials.password);
  if (web.response.status === 200) return 'web';
  expect((web.response.body as unknown as ErrorBody).message.toLowerCase()).toContain(
    'user does not have the privilege to access ui',
  );
  const token = await v1Token();
  if (token.status === 201) return 'token';
  expect(token.status).toBe(400);
  expect(token.body.message.toLowerCase()).toContain('access denied');
  expect((await session()).status).toBe(201);
  return 'session';
}

/** cohesity-api.ps1 since 2026-05: /login → on any failure, sessions → on "Access denied", v1 tokens. */
async function powershellLadder(): Promise<string> {
  if ((await webLogin(t, credentials.username, credentials.password)).response.status === 200) return 'web';
  const started = await session();
  if (started.status === 201) return 'session';
  expect(started.body.message.toLowerCase()).toBe('access denied');
  expect((await v1Token()).status).toBe(201);
  return 'token';
}

describe('session management off (a fresh cluster)', () => {
  it('logs in by both token endpoints and refuses sessions with 400 KValidationError, exactly Access denied', async () => {
    expect((await v1Token()).status).toBe(201);
    expect((await v2Token()).status).toBe(201);
    const refused = await session();
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorCode: 'KValidationError', message: 'Access denied' });
  });

  it('counts no lockout failure for a refused session login, even with a wrong password', async () => {
    const wrong = await t.send<ErrorBody>('POST', '/v2/users/sessions', {
      body: { ...credentials, password: 'wrong-one-1A!' },
    });
    expect(wrong.body.message).toBe('Access denied');
    const key = lockoutKey(credentials.username, credentials.domain, '127.0.0.1');
    expect(await t.server.store.getLoginFailures(key)).toBeUndefined();
    // Control: the same wrong password on a token endpoint counts under this very key.
    await t.send('POST', '/v2/access-tokens', { body: { ...credentials, password: 'wrong-one-1A!' } });
    expect((await t.server.store.getLoginFailures(key))?.failures).toBe(1);
    await t.server.store.clearLoginFailures(key, Date.now());
  });

  it('lets both client ladders succeed', async () => {
    expect(await pyhesityLadder()).toBe('token');
    expect(await powershellLadder()).toBe('token');
  });
});

describe('session management on', () => {
  let token: string;
  beforeAll(async () => {
    token = await t.login();
    await setSessionManagement(t, admin, true);
  });
  afterAll(() => setSessionManagement(t, bearer(token), false));

  it('refuses both token endpoints with 400 KValidationError Access denied, and starts sessions', async () => {
    for (const refused of [await v1Token(), await v2Token()]) {
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ errorCode: 'KValidationError', message: 'Access denied' });
    }
    const started = await session();
    expect(started.status).toBe(201);
    expect(started.body.sessionId).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await t.send('GET', `${V1}/users`, { headers: { 'session-id': started.body.sessionId } })).status).toBe(
      200,
    );
  });

  it('keeps tokens issued before the switch working, and the web login working', async () => {
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(200);
    expect((await webLogin(t, 'admin', 'admin')).response.status).toBe(200);
  });

  it('lets both client ladders succeed', async () => {
    expect(await pyhesityLadder()).toBe('session');
    expect(await powershellLadder()).toBe('session');
  });
});
