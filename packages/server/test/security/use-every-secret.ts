import { randomUUID } from 'node:crypto';
import { connect } from 'node:tls';
import { expect } from 'vitest';
import { hashSecret } from '../../src/auth/secret-hash.js';
import type { TestServer } from '../helpers/start-server.js';

/**
 * Drives the API with every kind of secret, through accepted and refused paths alike, and
 * answers the secrets used so a test can look for them where they must not be. API keys
 * and sessions are seeded through the store until their routes exist; then use the routes.
 */
export async function useEverySecret(t: TestServer, adminPassword: string): Promise<string[]> {
  const wrongPassword = `wrong-${randomUUID()}`;
  const apiKey = randomUUID();
  const sessionId = randomUUID();
  const unknownKey = randomUUID();
  const admin = await t.server.store.findUser('admin', 'LOCAL');
  if (!admin) throw new Error('no admin user');

  const tokens = [await t.login('admin', adminPassword), await t.login('admin', adminPassword)];
  const v1 = await t.send<{ accessToken: string }>('POST', '/irisservices/api/v1/public/accessTokens', {
    body: { username: 'admin', password: adminPassword, otpType: 'Totp', otpCode: null },
  });
  tokens.push(v1.body.accessToken);
  expect(
    (await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: wrongPassword } })).status,
  ).toBe(400);
  const broken = `{"username":"admin","password":"${wrongPassword}"`;
  expect((await t.send('POST', '/v2/access-tokens', { rawBody: broken })).status).toBe(400);

  const now = Date.now();
  await t.server.store.createApiKey({
    id: randomUUID(),
    name: 'secret-scan',
    userSid: admin.sid,
    createdByUserSid: admin.sid,
    secretHash: hashSecret(apiKey),
    createdTimeMsecs: now,
    expiryTimeMsecs: null,
    lastRotatedTimeMsecs: null,
    isActive: true,
  });
  await t.server.store.createSession(
    {
      idHash: hashSecret(sessionId),
      userSid: admin.sid,
      createdTimeMsecs: now,
      lastSeenTimeMsecs: now,
      credentialsVersion: admin.credentialsVersion,
    },
    { perUser: null, systemWide: null },
  );

  const calls: [Record<string, string>, number][] = [
    [{ authorization: `Bearer ${tokens[0]}` }, 200],
    [{ authorization: `Bearer ${tokens[1]?.slice(0, -4)}AAAA` }, 401],
    [{ apikey: apiKey }, 200],
    [{ apikey: unknownKey }, 401],
    [{ 'session-id': sessionId }, 200],
    [{ 'session-id': randomUUID() }, 401],
  ];
  for (const [headers, status] of calls) {
    expect((await t.send('GET', '/irisservices/api/v1/public/sessionUser', { headers })).status).toBe(status);
  }
  expect(await oversizedRequest(t.url, `Bearer ${tokens[2]}`)).toMatch(/^HTTP\/1\.1 431/);
  return [adminPassword, wrongPassword, apiKey, unknownKey, sessionId, ...(tokens as string[])];
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
