import { randomUUID } from 'node:crypto';
import { connect } from 'node:tls';
import type { ApiKeyV1, CreatedUserApiKey, Session, TotpKeyInfo } from 'cohesity-sdk/models';
import { expect } from 'vitest';
import { bearer, createUser } from '../helpers/identity.js';
import { totpCode } from '../helpers/mfa.js';
import { setSessionManagement } from '../helpers/session-management.js';
import type { TestServer } from '../helpers/start-server.js';
import { webLogin, withCookie } from '../helpers/web-login.js';

/**
 * Drives the API with every kind of secret, each obtained through its real route (logins,
 * users, sessions, API keys v2 and v1, rotation, a password change), through accepted and
 * refused paths alike, and answers the secrets used so a test can look for them where they
 * must not be.
 */
export async function useEverySecret(t: TestServer, adminPassword: string): Promise<string[]> {
  const wrongPassword = `wrong-${randomUUID()}`;
  const userPassword = `Aa9-${randomUUID()}`;
  const newUserPassword = `Bb8-${randomUUID()}`;
  const unknownKey = randomUUID();

  const tokens = [await t.login('admin', adminPassword), await t.login('admin', adminPassword)];
  const admin = bearer(tokens[0] as string);
  const v1 = await t.send<{ accessToken: string }>('POST', '/irisservices/api/v1/public/accessTokens', {
    body: { username: 'admin', password: adminPassword, otpType: 'Totp', otpCode: null },
  });
  tokens.push(v1.body.accessToken);
  expect(
    (await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: wrongPassword } })).status,
  ).toBe(400);
  const broken = `{"username":"admin","password":"${wrongPassword}"`;
  expect((await t.send('POST', '/v2/access-tokens', { rawBody: broken })).status).toBe(400);

  const user = await createUser(t, tokens[0] as string, 'secret-scan', ['COHESITY_VIEWER'], userPassword);
  tokens.push(await t.login('secret-scan', userPassword));
  const userBearer = bearer(tokens[3] as string);
  await setSessionManagement(t, admin, true);
  const sessionId = await startSession(t, 'secret-scan', userPassword);
  const adminSessionId = await startSession(t, 'admin', adminPassword);
  expect(
    (await t.send('POST', '/v2/users/sessions', { body: { username: 'secret-scan', password: wrongPassword } })).status,
  ).toBe(400);
  await setSessionManagement(t, admin, false);

  const keys = `/v2/users/${user.sid}/api-keys`;
  const created = await t.send<CreatedUserApiKey>('POST', keys, { headers: userBearer, body: { name: 'scan' } });
  expect(created.status).toBe(201);
  const rotated = await t.send<CreatedUserApiKey>('POST', `${keys}/${created.body.id}/rotate`, { headers: admin });
  expect(rotated.status).toBe(200);
  const v1Key = await t.send<ApiKeyV1>('POST', `/irisservices/api/v1/public/users/${user.sid}/apiKeys`, {
    headers: userBearer,
    body: { name: 'scan-v1' },
  });
  expect(v1Key.status).toBe(201);
  const [rotatedAway, apiKey, v1Secret] = [created.body.apiKey, rotated.body.apiKey, v1Key.body.key ?? ''];

  const calls: [Record<string, string>, number][] = [
    [admin, 200],
    [userBearer, 200],
    [{ authorization: `Bearer ${tokens[1]?.slice(0, -4)}AAAA` }, 401],
    [{ apikey: apiKey }, 200],
    [{ apikey: rotatedAway }, 401],
    [{ apikey: v1Secret }, 200],
    [{ apikey: unknownKey }, 401],
    [{ 'session-id': sessionId }, 200],
    [{ 'session-id': adminSessionId }, 200],
    [{ 'session-id': randomUUID() }, 401],
  ];
  for (const [headers, status] of calls) {
    expect((await t.send('GET', '/irisservices/api/v1/public/sessionUser', { headers })).status).toBe(status);
  }
  const changed = await t.send('PUT', `/v2/users/${user.sid}`, {
    headers: admin,
    body: { localUserParams: { password: newUserPassword } },
  });
  expect(changed.status).toBe(200);
  expect((await t.send('GET', '/v2/clusters', { headers: { 'session-id': sessionId } })).status).toBe(401);
  tokens.push(await t.login('secret-scan', newUserPassword));
  expect(await oversizedRequest(t.url, `Bearer ${tokens[2]}`)).toMatch(/^HTTP\/1\.1 431/);
  const { cookie, totpSecret } = await useLoginFlowSecrets(t, admin, adminPassword);
  return [
    cookie,
    totpSecret,
    adminPassword,
    wrongPassword,
    userPassword,
    newUserPassword,
    apiKey,
    rotatedAway,
    v1Secret,
    unknownKey,
    sessionId,
    adminSessionId,
    ...(tokens as string[]),
  ];
}

/**
 * The login flows' secrets: a web-login cookie (used, then logged out) and a TOTP secret
 * (enrolled, then used for a login with MFA on). The 6-digit codes are left out of the
 * answer: any number in a log line could contain one.
 */
async function useLoginFlowSecrets(t: TestServer, admin: Record<string, string>, adminPassword: string) {
  const web = await webLogin(t, 'admin', adminPassword);
  expect(web.response.status).toBe(200);
  expect((await t.send('GET', '/v2/clusters', { headers: withCookie(web.cookie) })).status).toBe(200);
  const key = await t.send<TotpKeyInfo>('POST', '/v2/totp-key', { headers: admin, body: { totpKeyName: 'scan' } });
  expect(key.status).toBe(201);
  expect((await t.send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: true } })).status).toBe(204);
  const login = (otpCode: string) =>
    t.send('POST', '/irisservices/api/v1/public/accessTokens', {
      body: { username: 'admin', password: adminPassword, otpType: 'Totp', otpCode },
    });
  expect((await login(totpCode(key.body.totpSecretKey))).status).toBe(201);
  expect((await login('000000')).status).toBe(400);
  expect((await t.send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: false } })).status).toBe(204);
  expect((await t.send('POST', '/logout', { headers: withCookie(web.cookie) })).status).toBe(204);
  return { cookie: web.sessionId ?? '', totpSecret: key.body.totpSecretKey };
}

/** Starts a session through `POST /v2/users/sessions` and answers its id. */
async function startSession(t: TestServer, username: string, password: string): Promise<string> {
  const response = await t.send<Session>('POST', '/v2/users/sessions', { body: { username, password } });
  expect(response.status).toBe(201);
  return response.body.sessionId;
}

/** Headers past the server's limit, carrying a credential: refused by Node's parser, not Fastify. */
function oversizedRequest(url: string, authorization: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      socket.write(
        `GET /v2/clusters HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${authorization}\r\nX-Pad: ${'p'.repeat(64 * 1024)}\r\n\r\n`,
      );
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}
