import type { ApiKeyV1, ErrorBody } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../../helpers/identity.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

const V1 = '/irisservices/api/v1';
let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
let adminSid: string;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
  adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
});
afterAll(() => t.close());

describe('v1 /public/users/{sid}/apiKeys', () => {
  it('creates (201, secret in key), lists without secrets, and deletes (204) a key', async () => {
    const created = await t.send<ApiKeyV1>('POST', `${V1}/public/users/${adminSid}/apiKeys`, {
      headers: admin,
      body: { name: 'v1-script', isActive: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'v1-script',
      user: { sid: adminSid, username: 'admin', domain: 'LOCAL' },
      expiringTimeMsecs: null,
      isActive: true,
      isExpired: false,
    });
    const secret = created.body.key ?? '';
    expect(secret).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.send('GET', `${V1}/public/sessionUser/preferences`, { headers: { apiKey: secret } })).status).toBe(
      200,
    );

    const listed = await t.send<ApiKeyV1[]>('GET', `${V1}/public/users/${adminSid}/apiKeys`, { headers: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.map((k) => k.id)).toEqual([created.body.id]);
    expect(listed.text).not.toContain(secret);

    const deleted = await t.send('DELETE', `${V1}/public/users/${adminSid}/apiKeys/${created.body.id}`, {
      headers: admin,
    });
    expect(deleted.status).toBe(204);
    expect(await t.server.store.getApiKey(created.body.id)).toBeUndefined();
    const use = await t.send<ErrorBody>('GET', `${V1}/public/sessionUser`, { headers: { apiKey: secret } });
    expect(use.status).toBe(401);
    expect(use.body.message).toContain('API Key');
  });

  it('shares keys with v2: a v1 key is listed by GET /v2/users/{sid}/api-keys', async () => {
    const created = await t.send<ApiKeyV1>('POST', `${V1}/public/users/${adminSid}/apiKeys`, {
      headers: admin,
      body: { name: 'shared', expiringTimeMsecs: Date.now() + 3_600_000 },
    });
    const v2 = await t.send<{ apiKeys: { id: string; expiryTimeMsecs: number | null }[] }>(
      'GET',
      `/v2/users/${adminSid}/api-keys`,
      { headers: admin },
    );
    expect(v2.body.apiKeys).toContainEqual(
      expect.objectContaining({ id: created.body.id, expiryTimeMsecs: created.body.expiringTimeMsecs }),
    );
  });

  it('answers 403 when a viewer creates or deletes another user key, 404 for unknown ones', async () => {
    await createUser(t, adminToken, 'v1viewer');
    const viewer = bearer(await t.login('v1viewer', STRONG_PASSWORD));
    const create = await t.send<ErrorBody>('POST', `${V1}/public/users/${adminSid}/apiKeys`, {
      headers: viewer,
      body: { name: 'nope' },
    });
    expect(create.status).toBe(403);
    expect(create.body.errorCode).toBe('KPrivilegeError');
    const missing = await t.send('DELETE', `${V1}/public/users/${adminSid}/apiKeys/${crypto.randomUUID()}`, {
      headers: admin,
    });
    expect(missing.status).toBe(404);
  });
});
