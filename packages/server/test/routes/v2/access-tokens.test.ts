import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const ADMIN = { username: 'admin', password: 'admin', domain: 'LOCAL' };

/** Answers the status of GET /v2/clusters with `token`: proof the token works (or not). */
async function clustersStatus(token: string): Promise<number> {
  return (await t.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('POST /v2/access-tokens', () => {
  it('answers 201 with exactly accessToken, tokenType Bearer and the privileges', async () => {
    const response = await t.send('POST', '/v2/access-tokens', { body: ADMIN });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'privileges', 'tokenType']);
    expect(body.tokenType).toBe('Bearer');
    expect(body.privileges).toContain('CLUSTER_VIEW');
    expect(body.privileges).toContain('PRINCIPAL_MODIFY');
    for (const privilege of body.privileges as string[]) expect(privilege).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    expect(await clustersStatus(body.accessToken as string)).toBe(200);
  });

  it('issues an RS256 JWT of 700+ characters with the cluster claims and a kid', async () => {
    const token = await t.login();
    expect(token.length).toBeGreaterThanOrEqual(700);
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
      'sids-hash': expect.any(String),
    });
    expect(claims['user-sid']).toMatch(/^S-1-100-21-\d+-\d+-1$/);
    expect(claims['expiration-time']).toMatch(/^\d{10}$/);
    const lifetime = Number(claims['expiration-time']) - Math.floor(Date.now() / 1000);
    expect(lifetime).toBeGreaterThan(24 * 3600 - 60);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600);
  });

  it('defaults the domain to LOCAL when it is omitted or null', async () => {
    for (const body of [
      { username: 'admin', password: 'admin' },
      { ...ADMIN, domain: null },
    ]) {
      const response = await t.send<{ accessToken: string }>('POST', '/v2/access-tokens', { body });
      expect(response.status).toBe(201);
      expect(decodeJwt(response.body.accessToken).domain).toBe('LOCAL');
    }
  });

  it('matches the domain case-insensitively', async () => {
    for (const domain of ['local', 'Local', 'lOcAl']) {
      const response = await t.send<{ accessToken: string }>('POST', '/v2/access-tokens', {
        body: { ...ADMIN, domain },
      });
      expect(response.status).toBe(201);
      expect(decodeJwt(response.body.accessToken).domain).toBe('LOCAL');
    }
  });

  it.each([
    ['no Content-Type', undefined],
    ['a form Content-Type', 'application/x-www-form-urlencoded'],
    ['text/plain', 'text/plain'],
  ])('parses the body as JSON with %s', async (_name, contentType) => {
    const response = await t.send<{ accessToken: string }>('POST', '/v2/access-tokens', {
      rawBody: JSON.stringify(ADMIN),
      headers: contentType ? { 'content-type': contentType } : {},
    });
    expect(response.status).toBe(201);
    expect(await clustersStatus(response.body.accessToken)).toBe(200);
  });

  it('ignores stale or invalid Authorization, apiKey and session-id headers sent with the login', async () => {
    const response = await t.send<{ accessToken: string }>('POST', '/v2/access-tokens', {
      body: ADMIN,
      headers: {
        authorization: 'Bearer not.a.token',
        apikey: '00000000-0000-0000-0000-000000000000',
        'session-id': 'stale-session',
      },
    });
    expect(response.status).toBe(201);
    expect(await clustersStatus(response.body.accessToken)).toBe(200);
  });

  it('keeps earlier tokens valid when the same user logs in again', async () => {
    const first = await t.login();
    const second = await t.login();
    expect(second).not.toBe(first);
    expect(await clustersStatus(first)).toBe(200);
    expect(await clustersStatus(second)).toBe(200);
  });

  it('refuses a wrong password with 400 Invalid Username or Password', async () => {
    const response = await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'wrong' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
    expect(response.text).not.toContain('wrong');
  });

  it('refuses an unknown user exactly as a wrong password', async () => {
    const response = await t.send('POST', '/v2/access-tokens', {
      body: { username: 'nobody', password: 'admin', domain: 'LOCAL' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
  });

  it('refuses an unknown domain as invalid credentials', async () => {
    const response = await t.send('POST', '/v2/access-tokens', { body: { ...ADMIN, domain: 'CORP.EXAMPLE' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
  });

  it.each([
    ['no username', { password: 'admin' }],
    ['no password', { username: 'admin' }],
    ['a null username', { username: null, password: 'admin' }],
    ['a null password', { username: 'admin', password: null }],
    ['an empty username', { username: '', password: 'admin' }],
    ['an empty object', {}],
  ])('refuses %s with 400 Please specify the mandatory parameters', async (_name, body) => {
    const response = await t.send<{ errorCode: string; message: string }>('POST', '/v2/access-tokens', { body });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(['errorCode', 'message']);
    expect(response.body.errorCode).toBe('KValidationError');
    expect(response.body.message).toMatch(/^Please specify the mandatory parameters/);
  });

  it('refuses a password over 1,024 bytes with 400 and never echoes it', async () => {
    const password = `${'é'.repeat(513)}`;
    const response = await t.send<{ errorCode: string; message: string }>('POST', '/v2/access-tokens', {
      body: { username: 'admin', password },
    });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('KValidationError');
    expect(response.text).not.toContain('éé');
  });
});
