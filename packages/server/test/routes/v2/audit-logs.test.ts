import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditLogs, CreatedUserApiKey, ErrorBody, Session } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../../helpers/identity.js';
import { withSessionManagement } from '../../helpers/session-management.js';
import { startTestServer, type TestServer } from '../../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
let adminSid: string;
const secrets: string[] = [STRONG_PASSWORD, 'wrong-password-123'];
beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
  secrets.push(adminToken);
  adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
  await t.send('POST', '/v2/access-tokens', { body: { username: 'admin', password: 'wrong-password-123' } });
  const user = await createUser(t, adminToken, 'audited');
  const key = await t.send<CreatedUserApiKey>('POST', `/v2/users/${adminSid}/api-keys`, {
    headers: admin,
    body: { name: 'audited-key' },
  });
  secrets.push(key.body.apiKey);
  await t.send('POST', `/v2/users/${adminSid}/api-keys/${key.body.id}/rotate`, { headers: admin });
  const session = await withSessionManagement(t, admin, () =>
    t.send<Session>('POST', '/v2/users/sessions', {
      body: { username: 'audited', password: STRONG_PASSWORD, domain: 'LOCAL' },
    }),
  );
  secrets.push(session.body.sessionId);
  await t.send('PUT', `/v2/users/${user.sid}`, {
    headers: admin,
    body: { localUserParams: { password: 'Changed-Pass-55' } },
  });
  secrets.push('Changed-Pass-55');
  await t.send('PUT', '/v2/security-config', { headers: admin, body: { authTokenTimeoutMinutes: 60 } });
  await t.send('DELETE', `/v2/users/${user.sid}`, { headers: admin });
});
afterAll(() => t.close());

describe('GET /v2/audit-logs', () => {
  it('answers the newest entries first: logins, user, key, session and config changes, with who and from where', async () => {
    const response = await t.send<AuditLogs>('GET', '/v2/audit-logs', { headers: admin });
    expect(response.status).toBe(200);
    const entries = response.body.auditLogs;
    const actions = entries.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'login:success',
        'login:failure',
        'user.create:success',
        'apiKey.create:success',
        'apiKey.rotate:success',
        'session.create:success',
        'user.update:success',
        'securityConfig.update:success',
        'user.delete:success',
      ]),
    );
    expect(entries[0]?.action).toBe('user.delete');
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const create = entries.find((e) => e.action === 'user.create');
    expect(create).toMatchObject({ actorSid: adminSid, actorName: 'LOCAL\\admin', ip: '127.0.0.1' });
    expect(create?.requestId).toEqual(expect.any(String));
    expect(create?.timeMsecs).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never contains a password, token, API key or session id', async () => {
    const response = await t.send('GET', '/v2/audit-logs?limit=1000', { headers: admin });
    for (const secret of secrets) expect(response.text).not.toContain(secret);
  });

  it('honours limit and action filters', async () => {
    const two = await t.send<AuditLogs>('GET', '/v2/audit-logs?limit=2', { headers: admin });
    expect(two.body.auditLogs).toHaveLength(2);
    const logins = await t.send<AuditLogs>('GET', '/v2/audit-logs?action=login', { headers: admin });
    expect(logins.body.auditLogs.length).toBeGreaterThan(0);
    expect(logins.body.auditLogs.every((e) => e.action === 'login')).toBe(true);
    const bad = await t.send<ErrorBody>('GET', '/v2/audit-logs?limit=0', { headers: admin });
    expect(bad.status).toBe(400);
  });

  it('answers 403 KPrivilegeError to a viewer', async () => {
    await createUser(t, adminToken, 'auditviewer');
    const viewer = bearer(await t.login('auditviewer', STRONG_PASSWORD));
    const response = await t.send<ErrorBody>('GET', '/v2/audit-logs', { headers: viewer });
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('CLUSTER_AUDIT');
  });

  it('is append-only in the database itself', () => {
    const db = new Database(join(t.dataDir, 'cohesity.db'));
    try {
      expect(() => db.prepare('UPDATE audit_log SET action = ?').run('forged')).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
