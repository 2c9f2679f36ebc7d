import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
const adminPassword = randomUUID();
beforeAll(async () => {
  t = await startTestServer({ adminPassword });
});
afterAll(() => t.close());

describe('answers that carry a secret', () => {
  it('are never cached: Cache-Control: no-store on tokens, sessions and API keys', async () => {
    const token = await t.login();
    const { sid } = await createUser(t, token, 'cached');
    const login = { username: 'cached', password: STRONG_PASSWORD, domain: 'LOCAL' };
    const key = await t.send<{ id: string }>('POST', `/v2/users/${sid}/api-keys`, {
      headers: bearer(token),
      body: { name: 'k' },
    });
    const answers = [
      await t.send('POST', '/v2/access-tokens', { body: login }),
      await t.send('POST', '/irisservices/api/v1/public/accessTokens', { body: login }),
      key,
      await t.send('POST', `/v2/users/${sid}/api-keys/${key.body.id}/rotate`, { headers: bearer(token) }),
      await t.send('POST', `/irisservices/api/v1/public/users/${sid}/apiKeys`, {
        headers: bearer(token),
        body: { name: 'v1' },
      }),
      await t.send('GET', '/v2/api-keys', { headers: bearer(token) }),
      await t.send('POST', '/v2/access-tokens', { body: { ...login, password: 'wrong' } }),
    ];
    // One of token and session logins works at a time (login flows §6).
    const sessionMode = { headers: bearer(token), body: { sessionManagementEnabled: true } };
    expect((await t.send('PUT', '/v2/security-config', sessionMode)).status).toBe(200);
    answers.push(await t.send('POST', '/v2/users/sessions', { body: { username: 'admin', password: adminPassword } }));
    expect(answers.map((answer) => [answer.status, answer.headers['cache-control']])).toEqual(
      [201, 201, 201, 200, 201, 200, 400, 201].map((status) => [status, 'no-store']),
    );
  });
});
