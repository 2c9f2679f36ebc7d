import type { AuditLogs } from 'cohesity-sdk/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../helpers/db-snapshot.js';
import { bearer, type Credentials, createUserWithCredentials } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

let t: TestServer;
let adminToken: string;
let admin: Record<string, string>;
let viewer: Credentials;
let adminSid: string;

beforeAll(async () => {
  t = await startTestServer();
  adminToken = await t.login();
  admin = bearer(adminToken);
  viewer = await createUserWithCredentials(t, adminToken, 'prober');
  adminSid = (await t.server.store.findUser('admin', 'LOCAL'))?.sid ?? '';
});
afterAll(() => t.close());

const deniedLines = async () =>
  (await t.send<AuditLogs>('GET', '/v2/audit-logs?action=request&limit=1000', { headers: admin })).body.auditLogs;

describe('requests refused for want of a privilege', () => {
  it('are audited with who, which route and why, whichever credential was used, and change nothing else', async () => {
    const before = snapshotDatabase(t.dataDir, ['audit_log', 'sessions']);
    const attempts: [Record<string, string>, string, string, string][] = [
      [bearer(viewer.token), 'PUT', '/v2/security-config', 'PUT /v2/security-config'],
      [{ apikey: viewer.apiKey }, 'DELETE', `/v2/users/${adminSid}`, 'DELETE /v2/users/:sid'],
      [
        { 'session-id': viewer.sessionId },
        'POST',
        `/v2/users/${adminSid}/api-keys`,
        'POST /v2/users/:userSid/api-keys',
      ],
      [bearer(viewer.token), 'DELETE', '/v2/users/sessions', 'DELETE /v2/users/sessions'],
      [bearer(viewer.token), 'GET', '/v2/audit-logs?action=x', 'GET /v2/audit-logs'],
    ];
    for (const [headers, method, path] of attempts) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : { name: 'probe', authTokenTimeoutMinutes: 1 };
      expect((await t.send(method, path, { headers, ...(body ? { body } : {}) })).status).toBe(403);
    }
    const lines = await deniedLines();
    expect(lines.map((line) => line.target).reverse()).toEqual(attempts.map(([, , , target]) => target));
    for (const line of lines) {
      expect(line).toMatchObject({ outcome: 'denied', actorSid: viewer.user.sid, actorName: 'LOCAL\\prober' });
      expect(line.details.reason).toMatch(/^Access denied: the privilege [A-Z_]+ is required$/);
    }
    expect(snapshotDatabase(t.dataDir, ['audit_log', 'sessions'])).toEqual(before);
  });

  it('are not audited without a genuine credential, so strangers cannot fill the log', async () => {
    const count = (await deniedLines()).length;
    for (const headers of [{}, bearer('forged.token.value'), { apikey: 'nope' }]) {
      expect((await t.send('PUT', '/v2/security-config', { headers, body: {} })).status).toBe(401);
    }
    expect(await deniedLines()).toHaveLength(count);
  });
});
