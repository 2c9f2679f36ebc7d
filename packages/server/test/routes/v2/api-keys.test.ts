import { createHash } from 'node:crypto';
import type { CreatedUserApiKey, ErrorBody, User, UserApiKey, UserApiKeys } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../../helpers/identity.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
let viewer: User;
let viewerAuth: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
  viewer = await createUser(t, adminToken, 'viewer');
  viewerAuth = bearer(await t.login('viewer', STRONG_PASSWORD));
});
afterAll(() => t.close());

const keysPath = (sid: string) => `/v2/users/${sid}/api-keys`;
const withKey = (apiKey: string) => ({ apiKey });

async function createKey(auth: Record<string, string>, sid: string, body: object = { name: 'ci' }) {
  const response = await t.send<CreatedUserApiKey>('POST', keysPath(sid), { headers: auth, body });
  expect(response.status).toBe(201);
  return response.body;
}

describe('POST /v2/users/{sid}/api-keys', () => {
  it('answers 201 CreatedUserAPIKey whose UUID secret works at once and is stored only as SHA-256', async () => {
    const response = await t.send<CreatedUserApiKey>('POST', keysPath(viewer.sid), {
      headers: viewerAuth,
      body: { name: 'laptop' },
    });
    expect(response.status).toBe(201);
    const key = response.body;
    expect(key).toMatchObject({
      name: 'laptop',
      userSid: viewer.sid,
      createdByUserSid: viewer.sid,
      expiryTimeMsecs: null,
      lastRotatedTimeMsecs: null,
      isActive: true,
      isExpired: false,
    });
    expect(key.apiKey).toMatch(UUID);
    expect(key.id).toMatch(UUID);

    const stored = await t.server.store.getApiKey(key.id);
    expect(stored?.secretHash).toBe(createHash('sha256').update(key.apiKey).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key.apiKey);

    const use = await t.send('GET', '/v2/clusters', { headers: withKey(key.apiKey) });
    expect(use.status).toBe(200);
  });

  it('lets an admin create a key for another user, recording who created it', async () => {
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const key = await createKey(admin, viewer.sid, { name: 'for-viewer', isActive: false });
    expect(key).toMatchObject({ userSid: viewer.sid, createdByUserSid: adminSid, isActive: false });
  });

  it('answers 403 KPrivilegeError when a viewer creates a key for someone else', async () => {
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const response = await t.send<ErrorBody>('POST', keysPath(adminSid), { headers: viewerAuth, body: { name: 'x' } });
    expect(response.status).toBe(403);
    expect(response.body.errorCode).toBe('KPrivilegeError');
    expect(response.body.message).toContain('PRINCIPAL_MODIFY');
    expect(await t.server.store.listApiKeys({ userSids: [adminSid] })).toEqual([]);
  });

  it('answers 400 without a name and 404 for an unknown user', async () => {
    const noName = await t.send('POST', keysPath(viewer.sid), { headers: viewerAuth, body: {} });
    expect(noName.status).toBe(400);
    const unknown = await t.send('POST', keysPath('S-1-100-21-1-1-99999'), { headers: admin, body: { name: 'x' } });
    expect(unknown.status).toBe(404);
  });
});

describe('API key use', () => {
  it('answers 401 with "API Key" for an unknown, inactive or expired key', async () => {
    const unknown = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withKey(crypto.randomUUID()) });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ errorCode: 'KStatusUnauthorized', message: 'API Key does not exist' });

    const inactive = await createKey(viewerAuth, viewer.sid, { name: 'off', isActive: false });
    const off = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withKey(inactive.apiKey) });
    expect(off.status).toBe(401);
    expect(off.body.message).toBe('API Key is inactive');

    const expired = await createKey(viewerAuth, viewer.sid, { name: 'old', expiryTimeMsecs: Date.now() - 1000 });
    expect(expired.isExpired).toBe(true);
    const gone = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withKey(expired.apiKey) });
    expect(gone.status).toBe(401);
    expect(gone.body.message).toBe('API Key has expired');
  });
});

describe('GET /v2/users/{sid}/api-keys', () => {
  it('lists the user keys without secrets, filtered by ids, isActive and isExpired', async () => {
    const owner = await createUser(t, adminToken, 'lister');
    const ownerAuth = bearer(await t.login('lister', STRONG_PASSWORD));
    const live = await createKey(ownerAuth, owner.sid, { name: 'live' });
    const off = await createKey(ownerAuth, owner.sid, { name: 'off', isActive: false });
    const old = await createKey(ownerAuth, owner.sid, { name: 'old', expiryTimeMsecs: 1 });

    const all = await t.send<UserApiKeys>('GET', keysPath(owner.sid), { headers: ownerAuth });
    expect(all.status).toBe(200);
    expect(all.body.apiKeys.map((k) => k.name)).toEqual(['live', 'off', 'old']);
    for (const secret of [live.apiKey, off.apiKey, old.apiKey]) expect(all.text).not.toContain(secret);
    expect(all.text).not.toContain('apiKey"');

    const names = async (query: string) =>
      (await t.send<UserApiKeys>('GET', `${keysPath(owner.sid)}?${query}`, { headers: ownerAuth })).body.apiKeys.map(
        (k) => k.name,
      );
    expect(await names(`ids=${live.id},${old.id}`)).toEqual(['live', 'old']);
    expect(await names('isActive=false')).toEqual(['off']);
    expect(await names('isExpired=true')).toEqual(['old']);
    expect(await names('isActive=true&isExpired=false')).toEqual(['live']);
  });

  it('lets a viewer read another user keys (PRINCIPAL_VIEW suffices to read)', async () => {
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const response = await t.send<UserApiKeys>('GET', keysPath(adminSid), { headers: viewerAuth });
    expect(response.status).toBe(200);
  });
});

describe('GET|PUT|DELETE /v2/users/{sid}/api-keys/{id}', () => {
  it('reads one key (200), or 404 for an unknown id or another user key', async () => {
    const key = await createKey(viewerAuth, viewer.sid, { name: 'one' });
    const response = await t.send<UserApiKey>('GET', `${keysPath(viewer.sid)}/${key.id}`, { headers: viewerAuth });
    expect(response.status).toBe(200);
    const { apiKey: _secret, ...listed } = key;
    expect(response.body).toEqual(listed);

    const unknown = await t.send('GET', `${keysPath(viewer.sid)}/${crypto.randomUUID()}`, { headers: viewerAuth });
    expect(unknown.status).toBe(404);
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const wrongOwner = await t.send('GET', `${keysPath(adminSid)}/${key.id}`, { headers: admin });
    expect(wrongOwner.status).toBe(404);
  });

  it('updates name, isActive and expiry (200); deactivating kills the key at once', async () => {
    const key = await createKey(viewerAuth, viewer.sid, { name: 'before' });
    const response = await t.send<UserApiKey>('PUT', `${keysPath(viewer.sid)}/${key.id}`, {
      headers: viewerAuth,
      body: { name: 'after', isActive: false },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: key.id, name: 'after', isActive: false });
    expect(await t.server.store.getApiKey(key.id)).toMatchObject({ name: 'after', isActive: false });
    expect((await t.send('GET', '/v2/clusters', { headers: withKey(key.apiKey) })).status).toBe(401);

    const back = await t.send('PUT', `${keysPath(viewer.sid)}/${key.id}`, {
      headers: viewerAuth,
      body: { isActive: true },
    });
    expect(back.status).toBe(200);
    expect((await t.send('GET', '/v2/clusters', { headers: withKey(key.apiKey) })).status).toBe(200);
  });

  it('deletes a key with 204; it answers 401 afterwards and is gone from the store', async () => {
    const key = await createKey(viewerAuth, viewer.sid, { name: 'doomed' });
    const response = await t.send('DELETE', `${keysPath(viewer.sid)}/${key.id}`, { headers: viewerAuth });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(await t.server.store.getApiKey(key.id)).toBeUndefined();
    const use = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withKey(key.apiKey) });
    expect(use.status).toBe(401);
    expect(use.body.message).toContain('API Key');
    expect((await t.send('DELETE', `${keysPath(viewer.sid)}/${key.id}`, { headers: viewerAuth })).status).toBe(404);
  });

  it('answers 403 when a viewer updates or deletes another user key', async () => {
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const key = await createKey(admin, adminSid, { name: 'admins' });
    const put = await t.send('PUT', `${keysPath(adminSid)}/${key.id}`, {
      headers: viewerAuth,
      body: { isActive: false },
    });
    expect(put.status).toBe(403);
    const del = await t.send('DELETE', `${keysPath(adminSid)}/${key.id}`, { headers: viewerAuth });
    expect(del.status).toBe(403);
    expect(await t.server.store.getApiKey(key.id)).toMatchObject({ isActive: true });
  });
});

describe('POST /v2/users/{sid}/api-keys/{id}/rotate', () => {
  it('answers 200 with a new secret; the old one is dead at once and the new one live', async () => {
    const key = await createKey(viewerAuth, viewer.sid, { name: 'rotating' });
    const response = await t.send<CreatedUserApiKey>('POST', `${keysPath(viewer.sid)}/${key.id}/rotate`, {
      headers: viewerAuth,
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(key.id);
    expect(response.body.apiKey).toMatch(UUID);
    expect(response.body.apiKey).not.toBe(key.apiKey);
    expect(response.body.lastRotatedTimeMsecs).toEqual(expect.any(Number));

    const old = await t.send<ErrorBody>('GET', '/v2/clusters', { headers: withKey(key.apiKey) });
    expect(old.status).toBe(401);
    expect(old.body.message).toBe('API Key does not exist');
    expect((await t.send('GET', '/v2/clusters', { headers: withKey(response.body.apiKey) })).status).toBe(200);
    expect((await t.server.store.getApiKey(key.id))?.secretHash).toBe(
      createHash('sha256').update(response.body.apiKey).digest('hex'),
    );
  });

  it('answers 404 for an unknown key', async () => {
    const response = await t.send('POST', `${keysPath(viewer.sid)}/${crypto.randomUUID()}/rotate`, {
      headers: viewerAuth,
    });
    expect(response.status).toBe(404);
  });
});

describe('GET /v2/api-keys', () => {
  it('lists every user keys, filtered by ownerSids, ids, isActive and isExpired', async () => {
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const adminKey = await createKey(admin, adminSid, { name: 'all-admin' });
    const all = await t.send<UserApiKeys>('GET', '/v2/api-keys', { headers: admin });
    expect(all.status).toBe(200);
    const owners = new Set(all.body.apiKeys.map((k) => k.userSid));
    expect([owners.has(adminSid), owners.has(viewer.sid)]).toEqual([true, true]);
    expect(all.text).not.toContain(adminKey.apiKey);

    const byOwner = await t.send<UserApiKeys>('GET', `/v2/api-keys?ownerSids=${adminSid}`, { headers: admin });
    expect(byOwner.body.apiKeys.every((k) => k.userSid === adminSid)).toBe(true);
    const byId = await t.send<UserApiKeys>('GET', `/v2/api-keys?ids=${adminKey.id}`, { headers: admin });
    expect(byId.body.apiKeys.map((k) => k.id)).toEqual([adminKey.id]);
    const inactive = await t.send<UserApiKeys>('GET', '/v2/api-keys?isActive=false', { headers: admin });
    expect(inactive.body.apiKeys.every((k) => !k.isActive)).toBe(true);
    const expired = await t.send<UserApiKeys>('GET', '/v2/api-keys?isExpired=true', { headers: admin });
    expect(expired.body.apiKeys.every((k) => k.isExpired)).toBe(true);
  });
});
