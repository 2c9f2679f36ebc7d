import type { Cluster, ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
let admin: Record<string, string>;
let clusterId: number;
beforeAll(async () => {
  t = await startTestServer();
  admin = bearer(await t.login());
  clusterId = (await t.send<Cluster>('GET', '/v2/clusters', { headers: admin })).body.id;
});
afterAll(() => t.close());

describe('Helios headers sent to a cluster (login flows §7)', () => {
  it.each(['X-OPEN-ID-AUTHZ-TOKEN', 'open-id-token'])(
    'answers %s alone with 401: it is no credential here',
    async (name) => {
      const response = await t.send<ErrorBody>('GET', '/v2/clusters', {
        headers: { [name]: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' },
      });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        errorCode: 'KStatusUnauthorized',
        message: 'Authentication failed: Neither session cookie nor token is present in the request',
      });
    },
  );

  it.each(['accessClusterId', 'clusterId'])(
    'serves %s naming this cluster and answers 404 for another',
    async (name) => {
      expect((await t.send('GET', '/v2/clusters', { headers: { ...admin, [name]: String(clusterId) } })).status).toBe(
        200,
      );
      const other = await t.send<ErrorBody>('GET', '/v2/clusters', {
        headers: { ...admin, [name]: String(clusterId + 1) },
      });
      expect(other.status).toBe(404);
      expect(other.body.errorCode).toBe('KNotFound');
    },
  );

  it('ignores regionid', async () => {
    expect(
      (await t.send('GET', '/v2/clusters', { headers: { ...admin, regionid: 'us-east-1', RegionId: 'x' } })).status,
    ).toBe(200);
  });
});
