import type { SecurityConfig, User, UserApiKeys, Users } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../helpers/db-snapshot.js';
import { bearer, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

// Deep enough to overflow the stack of a recursive JSON.stringify; well under the 1 MiB body limit.
const DEPTH = 20_000;
const deep = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
/** A JSON object text: `fields`, plus an unknown key holding `deep`. */
const withDeepExtra = (fields: object) =>
  `${JSON.stringify(fields).slice(0, -1)}${Object.keys(fields).length ? ',' : ''}"extra":${deep}}`;

let t: TestServer;
let admin: Record<string, string>;
let adminSid: string;
let keyId: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = { ...bearer(await t.login()), 'content-type': 'application/json' };
  adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
  await t.send('POST', `/v2/users/${adminSid}/api-keys`, { headers: admin, body: { name: 'k' } });
  keyId = (await t.send<UserApiKeys>('GET', '/v2/api-keys', { headers: admin })).body.apiKeys[0]?.id ?? '';
});
afterAll(() => t.close());

describe('keys a body schema does not name', () => {
  it('are dropped, so the admin cannot write columns the route does not offer', async () => {
    const user = await t.send<User>('POST', '/v2/users', {
      headers: admin,
      body: [{ username: 'massive', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
    });
    expect(user.status).toBe(201);
    const sid = (user.body as unknown as Users).users[0]?.sid ?? '';
    const forged = {
      username: 'root',
      passwordHash: 'forged',
      credentialsVersion: 0,
      sid: 'S-1',
      lastLoginTimeMsecs: 1,
    };
    const response = await t.send<User>('PUT', `/v2/users/${sid}`, {
      headers: admin,
      body: { description: 'd', ...forged },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ sid, username: 'massive', description: 'd', lastLoginTimeMsecs: null });
    expect(await t.login('massive', STRONG_PASSWORD)).toMatch(/^ey/);
  });
});

describe('unknown keys holding deeply nested JSON, sent by the admin', () => {
  it('change the security config as a PUT without them would, and reach neither the store nor the audit log', async () => {
    const rawBody = withDeepExtra({ authTokenTimeoutMinutes: 90, accountLockout: { maxFailedLoginAttempts: 7 } });
    const response = await t.send<SecurityConfig>('PUT', '/v2/security-config', { headers: admin, rawBody });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ authTokenTimeoutMinutes: 90, accountLockout: { maxFailedLoginAttempts: 7 } });
    const nested = `{"accountLockout":${withDeepExtra({ inactivityTimeDays: 3 })}}`;
    expect((await t.send('PUT', '/v2/security-config', { headers: admin, rawBody: nested })).status).toBe(200);
    const { settings, audit_log } = snapshotDatabase(t.dataDir);
    expect(settings).not.toContain('extra');
    expect(audit_log).not.toContain('extra');
    expect(audit_log).toContain('securityConfig.update');
  });

  it('never make a 5xx on any route that takes a body', async () => {
    const routes: [string, string, object][] = [
      ['POST', '/v2/users', {}],
      ['PUT', `/v2/users/${adminSid}`, { description: 'd' }],
      ['POST', `/v2/users/${adminSid}/api-keys`, { name: 'n' }],
      ['PUT', `/v2/users/${adminSid}/api-keys/${keyId}`, { name: 'n' }],
      ['POST', `/irisservices/api/v1/public/users/${adminSid}/apiKeys`, { name: 'n' }],
      ['PUT', `/irisservices/api/v1/public/users/${adminSid}/apiKeys/${keyId}`, { name: 'n' }],
      ['POST', '/v2/users/sessions', { username: 'admin', password: 'wrong-password' }],
      ['POST', '/v2/access-tokens', { username: 'admin', password: 'wrong-password' }],
    ];
    for (const [method, path, fields] of routes) {
      const response = await t.send(method, path, { headers: admin, rawBody: withDeepExtra(fields) });
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
    }
  });
});
