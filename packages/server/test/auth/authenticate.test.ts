import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
let token: string;
beforeAll(async () => {
  t = await startTestServer();
  token = await t.login();
});
afterAll(() => t.close());

const INVALID = { errorCode: 'KStatusUnauthorized', message: 'The access token is invalid.' };

function getClusters(authorization?: string) {
  return t.send('GET', '/v2/clusters', { headers: authorization === undefined ? {} : { authorization } });
}

/** The same claims as `token`, signed by a key the server never made. */
async function forge(kid: string, alg: 'RS256' | 'HS256' = 'RS256'): Promise<string> {
  const claims = decodeJwt(token);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid });
  if (alg === 'HS256') return jwt.sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
  const { privateKey } = await generateKeyPair('RS256');
  return jwt.sign(privateKey);
}

describe('Bearer authentication', () => {
  it('accepts a token the server issued', async () => {
    const response = await getClusters(`Bearer ${token}`);
    expect(response.status).toBe(200);
  });

  // The contract: `Authorization: <tokenType> <accessToken>`, the tokenType exactly as issued.
  it('accepts only the scheme exactly as issued, Bearer', async () => {
    expect((await getClusters(`bearer ${token}`)).status).toBe(401);
    expect((await getClusters(`BEARER ${token}`)).status).toBe(401);
  });

  it('answers 401 Authentication failed with a Bearer challenge when no credentials are sent', async () => {
    const response = await getClusters();
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      errorCode: 'KStatusUnauthorized',
      message: 'Authentication failed: Neither session cookie nor token is present in the request',
    });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it.each([
    ['a token that is not a JWT', 'Bearer not-a-token'],
    ['three segments of garbage', 'Bearer aaa.bbb.ccc'],
    ['a Basic scheme', 'Basic YWRtaW46YWRtaW4='],
    ['a bare token without the scheme', 'TOKEN'],
    ['an empty Bearer', 'Bearer '],
  ])('answers 401 The access token is invalid. for %s', async (_name, header) => {
    const value = header === 'TOKEN' ? token : header;
    const response = await getClusters(value);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('answers 401 invalid for a token whose payload was altered (bad signature)', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = { ...decodeJwt(token), roles: 'COHESITY_SUPER_ADMIN' };
    const altered = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(altered).not.toBe(payload);
    const response = await getClusters(`Bearer ${header}.${altered}.${signature}`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  it('answers 401 invalid for a token signed by another RSA key under the real kid', async () => {
    const { kid } = decodeProtectedHeader(token);
    const response = await getClusters(`Bearer ${await forge(kid as string)}`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  it('answers 401 invalid for an HS256 token (wrong algorithm)', async () => {
    const { kid } = decodeProtectedHeader(token);
    const response = await getClusters(`Bearer ${await forge(kid as string, 'HS256')}`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  it('answers 401 invalid for a token with an unknown kid', async () => {
    const response = await getClusters(`Bearer ${await forge('00000000-0000-4000-8000-000000000000')}`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  it('answers 401 invalid for an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(decodeJwt(token))).toString('base64url');
    const response = await getClusters(`Bearer ${header}.${payload}.`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });
});

describe('tokens accepted before', () => {
  it('refuses a token it has accepted many times once its user is locked or re-roled', async () => {
    for (const [name, change] of [
      ['cached-locked', { locked: true }],
      ['cached-reroled', { roles: ['COHESITY_ADMIN'] }],
    ] as const) {
      const user = await createUser(t, token, name);
      const issued = await t.login(name, STRONG_PASSWORD);
      for (let i = 0; i < 3; i++) expect((await getClusters(`Bearer ${issued}`)).status).toBe(200);
      const update = await t.send('PUT', `/v2/users/${user.sid}`, { headers: bearer(token), body: change });
      expect(update.status).toBe(200);
      const response = await getClusters(`Bearer ${issued}`);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(INVALID);
    }
  });

  it('still refuses an altered copy of a token it has accepted', async () => {
    expect((await getClusters(`Bearer ${token}`)).status).toBe(200);
    const [header, payload, signature] = token.split('.');
    const claims = { ...decodeJwt(token), roles: 'COHESITY_ADMIN,COHESITY_SUPER_ADMIN' };
    const altered = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(altered).not.toBe(payload);
    const response = await getClusters(`Bearer ${header}.${altered}.${signature}`);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });
});

describe('token expiry', () => {
  it('answers 401 Token expired once the TTL has passed', async () => {
    const short = await startTestServer({ tokenTtlSeconds: 1 });
    try {
      const issued = await short.login();
      const claims = decodeJwt(issued);
      expect(Number(claims['expiration-time']) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(1);
      const auth = { authorization: `Bearer ${issued}` };
      expect((await short.send('GET', '/v2/clusters', { headers: auth })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const response = await short.send('GET', '/v2/clusters', { headers: auth });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errorCode: 'KStatusUnauthorized', message: 'Token expired' });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      const fresh = await short.login();
      expect((await short.send('GET', '/v2/clusters', { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(
        200,
      );
    } finally {
      await short.close();
    }
  });
});
