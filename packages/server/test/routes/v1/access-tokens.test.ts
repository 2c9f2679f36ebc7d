import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const PATH = '/irisservices/api/v1/public/accessTokens';

describe('POST /irisservices/api/v1/public/accessTokens', () => {
  it('accepts the otpType Totp / otpCode null body a popular script sends, and answers 201', async () => {
    const response = await t.send<Record<string, unknown>>('POST', PATH, {
      body: { username: 'admin', password: 'admin', domain: 'LOCAL', otpType: 'Totp', otpCode: null },
    });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'privileges', 'tokenType']);
    expect(response.body.tokenType).toBe('Bearer');
    const token = response.body.accessToken as string;
    expect(decodeJwt(token).username).toBe('admin');
    const cluster = await t.send('GET', '/irisservices/api/v1/public/cluster', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cluster.status).toBe(200);
  });

  it('ignores certificate, privateKey and unknown fields while MFA is off', async () => {
    const response = await t.send('POST', PATH, {
      body: { username: 'admin', password: 'admin', domain: 'local', certificate: null, privateKey: null, extra: 1 },
    });
    expect(response.status).toBe(201);
  });

  it('refuses a wrong password with 400 Invalid Username or Password', async () => {
    const response = await t.send('POST', PATH, { body: { username: 'admin', password: 'nope', otpType: 'Totp' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: 'KValidationError', message: 'Invalid Username or Password' });
  });

  it('refuses a null username with 400 Please specify the mandatory parameters', async () => {
    const response = await t.send<{ errorCode: string; message: string }>('POST', PATH, {
      body: { username: null, password: 'admin' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('KValidationError');
    expect(response.body.message).toMatch(/^Please specify the mandatory parameters/);
  });
});
