import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('POST /v2/access-tokens', () => {
  it('answers 201 with exactly accessToken, tokenType Bearer and the privileges', async () => {
    const response = await t.send('POST', '/v2/access-tokens', {
      body: { username: 'admin', password: 'admin', domain: 'LOCAL' },
    });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'privileges', 'tokenType']);
    expect(body.tokenType).toBe('Bearer');
    expect(body.privileges).toContain('CLUSTER_VIEW');
  });

  it('issues an RS256 JWT with the cluster claims and a kid', async () => {
    const token = await t.login();
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      'auth-type': '1',
      clusterIdentifiers: '',
      domain: 'LOCAL',
      'in-cluster': true,
      locale: 'en-us',
      roles: 'COHESITY_ADMIN',
      username: 'admin',
    });
    expect(claims['user-sid']).toMatch(/^S-1-100-21-\d+-\d+-1$/);
    const lifetime = Number(claims['expiration-time']) - Math.floor(Date.now() / 1000);
    expect(lifetime).toBeGreaterThan(24 * 3600 - 60);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600);
  });

  it('refuses a wrong password with 400 Invalid Username or Password', async () => {
    const response = await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'wrong' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
  });
});
