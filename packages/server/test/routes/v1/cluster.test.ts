import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let auth: { authorization: string };
beforeAll(async () => {
  t = await startTestServer({ clusterName: 'v1-cluster', swVersion: '6.8.1_release-20240101_12345678' });
  auth = { authorization: `Bearer ${await t.login()}` };
});
afterAll(() => t.close());

const V1 = '/irisservices/api/v1';

describe('GET /public/basicClusterInfo', () => {
  it('answers without authentication, LOCAL first, password-only', async () => {
    const response = await t.send<Record<string, unknown>>('GET', `${V1}/public/basicClusterInfo`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({
      name: 'v1-cluster',
      clusterSoftwareVersion: '6.8.1_release-20240101_12345678',
      authenticationType: 'kPasswordOnly',
      multiTenancyEnabled: false,
    });
    expect((response.body.domains as string[])[0]).toBe('LOCAL');
  });

  it('ignores an invalid token, since it needs none', async () => {
    const response = await t.send('GET', `${V1}/public/basicClusterInfo`, {
      headers: { authorization: 'Bearer a.b.c' },
    });
    expect(response.status).toBe(200);
  });
});

describe('GET /public/cluster', () => {
  it('answers the cluster with the same ids as v2', async () => {
    const v1 = await t.send<Record<string, unknown>>('GET', `${V1}/public/cluster`, { headers: auth });
    const v2 = await t.send<Record<string, unknown>>('GET', '/v2/clusters', { headers: auth });
    expect(v1.status).toBe(200);
    expect(v1.headers['content-type']).toMatch(/^application\/json/);
    expect(v1.body).toMatchObject({
      id: v2.body.id,
      incarnationId: v2.body.incarnationId,
      name: 'v1-cluster',
      clusterSoftwareVersion: '6.8.1_release-20240101_12345678',
      clusterType: 'kVirtualRobo',
    });
  });

  it('answers 401 without credentials', async () => {
    expect((await t.send('GET', `${V1}/public/cluster`)).status).toBe(401);
  });
});

describe('GET /public/sessionUser', () => {
  it('answers the caller, without any password field', async () => {
    const response = await t.send<Record<string, unknown>>('GET', `${V1}/public/sessionUser`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ username: 'admin', domain: 'LOCAL', roles: ['COHESITY_ADMIN'] });
    expect(response.body.sid).toMatch(/^S-1-100-21-\d+-\d+-1$/);
    expect(response.body.privileges).toContain('CLUSTER_VIEW');
    expect(response.text).not.toMatch(/argon2|password/i);
  });

  it('records the login time', async () => {
    const response = await t.send<{ lastSuccessfulLoginTimeMsecs: number }>('GET', `${V1}/public/sessionUser`, {
      headers: auth,
    });
    expect(response.body.lastSuccessfulLoginTimeMsecs).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('GET /public/sessionUser/preferences', () => {
  it('answers {preferences} for a valid token', async () => {
    const response = await t.send<Record<string, unknown>>('GET', `${V1}/public/sessionUser/preferences`, {
      headers: auth,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.preferences).toBeTypeOf('object');
  });

  it('answers 401 for an invalid token', async () => {
    const response = await t.send('GET', `${V1}/public/sessionUser/preferences`, {
      headers: { authorization: 'Bearer a.b.c' },
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errorCode: 'KStatusUnauthorized', message: 'The access token is invalid.' });
  });
});
