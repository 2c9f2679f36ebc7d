import { ClusterSizes, ClusterTypes } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let auth: { authorization: string };
beforeAll(async () => {
  t = await startTestServer({ clusterName: 'lab-cluster-7', swVersion: '7.2.0_release-20250101_abcdef12' });
  auth = { authorization: `Bearer ${await t.login()}` };
});
afterAll(() => t.close());

describe('GET /v2/clusters', () => {
  it('answers the cluster with integer ids, allowed enums and the configured name and version', async () => {
    const response = await t.send<Record<string, unknown>>('GET', '/v2/clusters', { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Number.isInteger(response.body.id)).toBe(true);
    expect(Number.isInteger(response.body.incarnationId)).toBe(true);
    expect(response.body.name).toBe('lab-cluster-7');
    expect(response.body.swVersion).toBe('7.2.0_release-20250101_abcdef12');
    expect(ClusterTypes).toContain(response.body.type);
    expect(ClusterSizes).toContain(response.body.clusterSize);
  });

  it('answers the same identity on every call', async () => {
    const first = await t.send<{ id: number }>('GET', '/v2/clusters', { headers: auth });
    const second = await t.send<{ id: number }>('GET', '/v2/clusters', { headers: auth });
    expect(second.body.id).toBe(first.body.id);
  });

  it('answers 401 without credentials', async () => {
    const response = await t.send('GET', '/v2/clusters');
    expect(response.status).toBe(401);
  });
});

describe('GET /v2/clusters/local-domain-sid', () => {
  it('answers the SID that prefixes every local user SID', async () => {
    const response = await t.send<{ sid: string }>('GET', '/v2/clusters/local-domain-sid', { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.body)).toEqual(['sid']);
    expect(response.body.sid).toMatch(/^S-1-100-21-\d+-\d+$/);
    const me = await t.send<{ sid: string }>('GET', '/irisservices/api/v1/public/sessionUser', { headers: auth });
    expect(me.body.sid.startsWith(`${response.body.sid}-`)).toBe(true);
  });
});
