import type { ApiKeyV1, AuditLogs, ErrorBody, User } from 'cohesity-sdk/models';
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

describe('v1 /public/users/{sid}/apiKeys/{id} read, update and rotate', () => {
  let owner: User;
  let ownerAuth: Record<string, string>;
  beforeAll(async () => {
    owner = await createUser(t, adminToken, 'v1owner');
    ownerAuth = bearer(await t.login('v1owner', STRONG_PASSWORD));
  });
  const keyPath = (sid: string, id: string) => `${V1}/public/users/${sid}/apiKeys/${id}`;
  const works = async (secret: string) =>
    (await t.send('GET', `${V1}/public/sessionUser`, { headers: { apiKey: secret } })).status;

  async function createKey(auth: Record<string, string>, sid: string, name: string) {
    const response = await t.send<ApiKeyV1>('POST', `${V1}/public/users/${sid}/apiKeys`, {
      headers: auth,
      body: { name },
    });
    expect(response.status).toBe(201);
    return { ...response.body, key: response.body.key ?? '' };
  }

  /** The audit entries of `action` whose target is the key `id`. */
  async function auditedFor(action: string, id: string) {
    const logs = await t.send<AuditLogs>('GET', `/v2/audit-logs?action=${action}`, { headers: admin });
    return logs.body.auditLogs.filter((entry) => entry.target === id);
  }

  it('reads one key (200) in the v1 shape without its secret; 404 for an unknown id or another user key', async () => {
    const created = await createKey(ownerAuth, owner.sid, 'readable');
    const response = await t.send<ApiKeyV1>('GET', keyPath(owner.sid, created.id), { headers: ownerAuth });
    expect(response.status).toBe(200);
    const { key: secret, ...listed } = created;
    expect(response.body).toEqual(listed);
    expect(response.text).not.toContain(secret);

    const unknown = await t.send<ErrorBody>('GET', keyPath(owner.sid, crypto.randomUUID()), { headers: ownerAuth });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ errorCode: 'KNotFound', message: expect.any(String) });
    const wrongOwner = await t.send('GET', keyPath(adminSid, created.id), { headers: admin });
    expect(wrongOwner.status).toBe(404);
  });

  it('updates name, isActive and expiringTimeMsecs (200); deactivating stops the key at once', async () => {
    const created = await createKey(ownerAuth, owner.sid, 'before');
    expect(await works(created.key)).toBe(200);
    const expiringTimeMsecs = Date.now() + 3_600_000;
    const response = await t.send<ApiKeyV1>('PUT', keyPath(owner.sid, created.id), {
      headers: ownerAuth,
      body: { name: 'after', isActive: false, expiringTimeMsecs },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: created.id, name: 'after', isActive: false, expiringTimeMsecs });
    expect(response.body.key).toBeUndefined();
    expect(await t.server.store.getApiKey(created.id)).toMatchObject({
      name: 'after',
      isActive: false,
      expiryTimeMsecs: expiringTimeMsecs,
    });
    const off = await t.send<ErrorBody>('GET', `${V1}/public/sessionUser`, { headers: { apiKey: created.key } });
    expect(off.status).toBe(401);
    expect(off.body.message).toContain('API Key');

    const back = await t.send<ApiKeyV1>('PUT', keyPath(owner.sid, created.id), {
      headers: ownerAuth,
      body: { isActive: true },
    });
    expect(back.body).toMatchObject({ name: 'after', isActive: true, expiringTimeMsecs });
    expect(await works(created.key)).toBe(200);
    const [audited] = await auditedFor('apiKey.update', created.id);
    expect(audited?.details).toEqual({ userSid: owner.sid, fields: ['isActive'] });

    const invalid = await t.send<ErrorBody>('PUT', keyPath(owner.sid, created.id), {
      headers: ownerAuth,
      body: { name: '' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errorCode).toBe('KValidationError');
  });

  it('rotates (200): the new secret is in key and works, the old one answers 401 at once', async () => {
    const created = await createKey(ownerAuth, owner.sid, 'rotating');
    expect(await works(created.key)).toBe(200);
    const response = await t.send<ApiKeyV1>('POST', `${keyPath(owner.sid, created.id)}/rotate`, {
      headers: ownerAuth,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: created.id, name: 'rotating', user: { sid: owner.sid } });
    const rotated = response.body.key ?? '';
    expect(rotated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(rotated).not.toBe(created.key);

    const old = await t.send<ErrorBody>('GET', `${V1}/public/sessionUser`, { headers: { apiKey: created.key } });
    expect(old.status).toBe(401);
    expect(old.body.message).toContain('API Key');
    expect(await works(rotated)).toBe(200);
    expect(await auditedFor('apiKey.rotate', created.id)).toHaveLength(1);
  });

  it('answers 403 KPrivilegeError when a viewer updates or rotates another user key, 404 for unknown ids', async () => {
    const adminKey = await createKey(admin, adminSid, 'admins');
    const put = await t.send<ErrorBody>('PUT', keyPath(adminSid, adminKey.id), {
      headers: ownerAuth,
      body: { isActive: false },
    });
    expect(put.status).toBe(403);
    expect(put.body.errorCode).toBe('KPrivilegeError');
    expect(put.body.message).toContain('PRINCIPAL_MODIFY');
    const rotate = await t.send<ErrorBody>('POST', `${keyPath(adminSid, adminKey.id)}/rotate`, { headers: ownerAuth });
    expect(rotate.status).toBe(403);
    expect(rotate.body.errorCode).toBe('KPrivilegeError');
    expect(await works(adminKey.key)).toBe(200);
    expect(await t.server.store.getApiKey(adminKey.id)).toMatchObject({ isActive: true, lastRotatedTimeMsecs: null });

    const unknownId = crypto.randomUUID();
    const unknownPut = await t.send('PUT', keyPath(owner.sid, unknownId), { headers: ownerAuth, body: { name: 'x' } });
    expect(unknownPut.status).toBe(404);
    const unknownRotate = await t.send('POST', `${keyPath(owner.sid, unknownId)}/rotate`, { headers: ownerAuth });
    expect(unknownRotate.status).toBe(404);
  });

  it('answers 401 without credentials', async () => {
    const created = await createKey(ownerAuth, owner.sid, 'guarded');
    const read = await t.send<ErrorBody>('GET', keyPath(owner.sid, created.id));
    expect(read.status).toBe(401);
    expect(read.body.errorCode).toBe('KStatusUnauthorized');
    expect((await t.send('POST', `${keyPath(owner.sid, created.id)}/rotate`)).status).toBe(401);
  });
});
