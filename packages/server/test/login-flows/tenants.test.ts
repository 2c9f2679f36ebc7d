import type {
  AuditLogs,
  CreatedUserApiKey,
  ErrorBody,
  Session,
  SessionUserV1,
  TenantInfo,
  TenantV1,
  UserApiKeys,
  Users,
  UserV1,
} from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { withSessionManagement } from '../helpers/session-management.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { IMPERSONATE as AS, createTenantUser, type TenantUser } from '../helpers/tenants.js';
import { V1, webLogin, withCookie } from '../helpers/web-login.js';

let t: TestServer;
let admin: Record<string, string>;
let alice: TenantUser;
let bob: TenantUser;

/** Creates `name` in the tenant by impersonating it, with a token and an API key. */
const tenantAdmin = (tenantId: string, name: string, login: string) =>
  createTenantUser(t, admin, tenantId, name, login);

beforeAll(async () => {
  t = await startTestServer({ loginRateLimit: 0 });
  admin = bearer(await t.login());
  const acme = await t.send<TenantV1>('POST', `${V1}/tenants`, {
    headers: admin,
    body: { name: 'Acme Corp', orgSuffix: 'acme' },
  });
  expect(acme.status).toBe(201);
  const globex = await t.send<TenantInfo>('POST', '/v2/tenants', {
    headers: admin,
    body: { name: 'Globex', tenantIdSuffix: 'globex' },
  });
  expect(globex.status).toBe(201);
  alice = await tenantAdmin('acme/', 'alice', 'alice@acme');
  // The tenant by its name, any case, and the id without its '/'.
  bob = await tenantAdmin('globex', 'bob', 'bob@GLOBEX');
});
afterAll(() => t.close());

const usernames = (users: { username: string }[]) => users.map((u) => u.username).sort();

describe('tenants', () => {
  it('are listed by v1 (a bare array of Tenant, id = suffix + /) and v2 (a bare array of TenantInfo)', async () => {
    const v1 = await t.send<TenantV1[]>('GET', `${V1}/tenants`, { headers: admin });
    expect(v1.status).toBe(200);
    expect(v1.body.map((x) => [x.tenantId, x.name, x.orgSuffix])).toEqual([
      ['acme/', 'Acme Corp', 'acme'],
      ['globex/', 'Globex', 'globex'],
    ]);
    const v2 = await t.send<TenantInfo[]>('GET', '/v2/tenants?ids=globex/', { headers: admin });
    expect(v2.body).toEqual([expect.objectContaining({ id: 'globex/', name: 'Globex', status: 'Active' })]);
  });

  it('refuses a second tenant of the same name or suffix (409)', async () => {
    const again = await t.send<ErrorBody>('POST', `${V1}/tenants`, { headers: admin, body: { name: 'ACME' } });
    expect(again.status).toBe(409);
    const sameName = await t.send('POST', '/v2/tenants', {
      headers: admin,
      body: { name: 'acme corp', tenantIdSuffix: 'other' },
    });
    expect(sameName.status).toBe(409);
  });

  it('are renamed, to their own suffix too, but not to a name or suffix another tenant holds (409)', async () => {
    const rename = (id: string, name: string) =>
      t.send<TenantInfo>('PUT', `/v2/tenants/${encodeURIComponent(id)}`, { headers: admin, body: { name } });
    expect((await rename('globex/', 'ACME')).status).toBe(409);
    expect((await rename('globex/', 'acme corp')).status).toBe(409);
    const own = await rename('acme/', 'acme');
    expect([own.status, own.body.name]).toEqual([200, 'acme']);
    const back = await rename('acme/', 'Acme Corp');
    expect([back.status, back.body.name]).toEqual([200, 'Acme Corp']);
    const names = await t.send<TenantInfo[]>('GET', '/v2/tenants', { headers: admin });
    expect(names.body.map((x) => x.name)).toEqual(['Acme Corp', 'Globex']);
  });

  it('keep their users as user@orgSuffix, who log in as user@tenant by suffix or name', async () => {
    const users = await t.send<Users>('GET', '/v2/users', { headers: admin });
    expect(usernames(users.body.users)).toEqual(['admin', 'alice@acme', 'bob@globex']);
    expect(
      (await t.send('POST', '/v2/access-tokens', { body: { username: 'alice@Acme Corp', password: STRONG_PASSWORD } }))
        .status,
    ).toBe(201);
    const web = await webLogin(t, 'alice@ACME', STRONG_PASSWORD, 'local');
    expect(web.response.status).toBe(200);
    expect(web.response.body.user.tenantId).toBe('acme/');
    expect(
      (await t.send('POST', '/v2/access-tokens', { body: { username: 'alice@globex', password: STRONG_PASSWORD } }))
        .status,
    ).toBe(400);
  });
});

describe('tenant isolation', () => {
  it('shows a tenant user only their tenant’s users, keys and sessions, with or without the header', async () => {
    for (const headers of [bearer(alice.token), { ...bearer(alice.token), [AS]: 'globex/' }]) {
      const users = await t.send<Users>('GET', '/v2/users', { headers });
      if ((headers as Record<string, string>)[AS]) {
        expect(users.status).toBe(403);
        expect((users.body as unknown as ErrorBody).errorCode).toBe('KPrivilegeError');
        continue;
      }
      expect(usernames(users.body.users)).toEqual(['alice@acme']);
    }
    const mine = bearer(alice.token);
    expect((await t.send<UserV1[]>('GET', `${V1}/users`, { headers: mine })).body.map((u) => u.username)).toEqual([
      'alice@acme',
    ]);
    expect((await t.send('GET', `/v2/users/${bob.sid}`, { headers: mine })).status).toBe(404);
    expect((await t.send('GET', `/v2/users/${bob.sid}/api-keys`, { headers: mine })).status).toBe(404);
    expect((await t.send('DELETE', `/v2/users/${bob.sid}`, { headers: mine })).status).toBe(404);
    expect(
      (await t.send('PUT', `${V1}/users`, { headers: mine, body: { sid: bob.sid, password: 'Stolen-Pass-123' } }))
        .status,
    ).toBe(404);
    const keys = await t.send<UserApiKeys>('GET', '/v2/api-keys', { headers: mine });
    expect(keys.body.apiKeys.map((k) => k.userSid)).toEqual([alice.sid]);
    const me = await t.send<SessionUserV1>('GET', `${V1}/sessionUser`, { headers: mine });
    expect(me.body.tenantId).toBe('acme/');
    expect(
      (await t.send('PUT', '/v2/security-config', { headers: mine, body: { authTokenTimeoutMinutes: 1 } })).status,
    ).toBe(403);
    expect((await t.send('DELETE', '/v2/users/sessions', { headers: mine })).status).toBe(403);
    // Nor the support account's MFA, nor its own tenant: those are the cluster's.
    const supportMfa = await t.send('GET', '/v2/support-user/mfa', { headers: admin });
    const acme = `/v2/tenants/${encodeURIComponent('acme/')}`;
    for (const [method, path, body] of [
      ['GET', '/v2/support-user/mfa', undefined],
      ['PATCH', '/v2/support-user/mfa', { enabled: true, mfaType: 'email', email: 'alice@example.com' }],
      ['POST', '/v2/support-user/send-email-otp', undefined],
      ['PUT', acme, { name: 'Alice Inc' }],
      ['DELETE', acme, undefined],
    ] as const) {
      const refused = await t.send<ErrorBody>(method, path, { headers: mine, ...(body ? { body } : {}) });
      expect([method, path, refused.status, refused.body.errorCode]).toEqual([method, path, 403, 'KPrivilegeError']);
    }
    expect((await t.send('GET', '/v2/support-user/mfa', { headers: admin })).body).toEqual(supportMfa.body);
    expect((await t.send<{ name: string }>('GET', acme, { headers: admin })).body.name).not.toBe('Alice Inc');
    // Bob's key still works: nothing above reached him.
    expect((await t.send('GET', '/v2/clusters', { headers: { apiKey: bob.key } })).status).toBe(200);
  });

  it('lets a cluster administrator act as a tenant on every scheme: token, API key, session and cookie', async () => {
    const adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
    const key = await t.send<CreatedUserApiKey>('POST', `/v2/users/${adminSid}/api-keys`, {
      headers: admin,
      body: { name: 'imp' },
    });
    const session = await withSessionManagement(t, admin, () =>
      t.send<Session>('POST', '/v2/users/sessions', { body: { username: 'admin', password: 'admin' } }),
    );
    const { cookie } = await webLogin(t, 'admin', 'admin');
    for (const credential of [
      admin,
      { apiKey: key.body.apiKey },
      { 'session-id': session.body.sessionId },
      withCookie(cookie),
    ]) {
      const users = await t.send<Users>('GET', '/v2/users', { headers: { ...credential, [AS]: 'globex/' } });
      expect(users.status).toBe(200);
      expect(usernames(users.body.users)).toEqual(['bob@globex']);
      const me = await t.send<SessionUserV1>('GET', `${V1}/sessionUser`, {
        headers: { ...credential, [AS]: 'globex/' },
      });
      expect(me.body).toMatchObject({ username: 'admin', tenantId: 'globex/' });
    }
    expect(usernames((await t.send<Users>('GET', '/v2/users', { headers: admin })).body.users)).toHaveLength(3);
  });

  it('answers 404 KNotFound for an unknown tenant and 403 KPrivilegeError without ORGANIZATION_IMPERSONATE', async () => {
    const unknown = await t.send<ErrorBody>('GET', '/v2/users', { headers: { ...admin, [AS]: 'nobody/' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorCode).toBe('KNotFound');
    const created = await t.send<Users>('POST', '/v2/users', {
      headers: admin,
      body: [{ username: 'plain-viewer', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
    });
    expect(created.status).toBe(201);
    const viewer = bearer(await t.login('plain-viewer', STRONG_PASSWORD));
    const refused = await t.send<ErrorBody>('GET', '/v2/users', { headers: { ...viewer, [AS]: 'acme/' } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('ORGANIZATION_IMPERSONATE');
  });

  it('audits what an impersonating administrator does with both identities', async () => {
    const log = await t.send<AuditLogs>('GET', '/v2/audit-logs?action=user.create', { headers: admin });
    const line = log.body.auditLogs.find((entry) => entry.target === bob.sid);
    expect(line).toMatchObject({
      actorName: 'LOCAL\\admin',
      details: expect.objectContaining({
        isImpersonation: true,
        tenantId: 'globex/',
        tenantName: 'Globex',
        username: 'bob@globex',
      }),
    });
  });
});
