import type { UserV1 } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser } from '../../helpers/identity.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  await createUser(t, adminToken, 'viewer-one');
});
afterAll(() => t.close());

const PATH = '/irisservices/api/v1/public/users';

describe('GET /irisservices/api/v1/public/users', () => {
  it('answers every user as a plain array, without any password', async () => {
    const response = await t.send<UserV1[]>('GET', PATH, { headers: bearer(adminToken) });
    expect(response.status).toBe(200);
    expect(response.body.map((u) => u.username)).toEqual(['admin', 'viewer-one']);
    expect(response.body[1]).toMatchObject({ domain: 'LOCAL', roles: ['COHESITY_VIEWER'], emailAddress: null });
    expect(response.text).not.toMatch(/password/i);
  });

  it('filters by usernames (comma-separated) and domain', async () => {
    const byName = await t.send<UserV1[]>('GET', `${PATH}?usernames=viewer-one,nobody&domain=local`, {
      headers: bearer(adminToken),
    });
    expect(byName.body.map((u) => u.username)).toEqual(['viewer-one']);
    const otherDomain = await t.send<UserV1[]>('GET', `${PATH}?domain=CORP`, { headers: bearer(adminToken) });
    expect(otherDomain.body).toEqual([]);
  });

  it('answers 401 without credentials', async () => {
    const response = await t.send('GET', PATH);
    expect(response.status).toBe(401);
  });
});
