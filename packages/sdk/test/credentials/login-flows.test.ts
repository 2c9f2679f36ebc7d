import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, STRONG_PASSWORD } from '../../../server/test/helpers/identity.js';
import { createMfaUser, enableMfa, enrolTotp, lastEmailCode, totpCode } from '../../../server/test/helpers/mfa.js';
import { setSessionManagement } from '../../../server/test/helpers/session-management.js';
import { webLogin } from '../../../server/test/helpers/web-login.js';
import { ADMIN_PASSWORD, startTestCluster, type TestCluster } from '../helpers/test-cluster.js';

let cluster: TestCluster;
let admin: Record<string, string>;
beforeAll(async () => {
  cluster = await startTestCluster({ loginRateLimit: 0 });
  admin = bearer(await cluster.server.login('admin', ADMIN_PASSWORD));
});
afterAll(() => cluster.close());

describe('ClusterClient login flows', () => {
  it('falls back to a session when session management refuses tokens, and back again', async () => {
    await setSessionManagement(cluster.server, admin, true);
    try {
      const client = cluster.client();
      expect((await client.platform.getCluster()).name).toBeTruthy();
      const counts = await cluster.server.server.store.countSessions();
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await setSessionManagement(cluster.server, admin, false);
    }
    expect((await cluster.client().platform.getCluster()).name).toBeTruthy();
  });

  it('asks its OTP provider for a TOTP code at each login', async () => {
    await createMfaUser(cluster.server, await cluster.server.login('admin', ADMIN_PASSWORD), 'sdk-totp');
    await enableMfa(cluster.server, admin);
    try {
      const { cookie } = await webLogin(cluster.server, 'sdk-totp', STRONG_PASSWORD);
      const key = await enrolTotp(cluster.server, cookie);
      const asked: string[] = [];
      const client = cluster.client({
        username: 'sdk-totp',
        password: STRONG_PASSWORD,
        otp: ({ otpType, username }) => {
          asked.push(`${otpType}:${username}`);
          return totpCode(key.totpSecretKey);
        },
      });
      expect((await client.platform.getCluster()).name).toBeTruthy();
      expect(asked).toEqual(['totp:sdk-totp']);
      const without = cluster.client({ username: 'sdk-totp', password: STRONG_PASSWORD });
      await expect(without.platform.getCluster()).rejects.toThrow(/mandatory parameters/);
    } finally {
      await cluster.server.send('PUT', '/v2/mfa-config', {
        headers: admin,
        body: { enabled: false },
      });
    }
  });

  it('requests an emailed code first when otpType is email', async () => {
    await createMfaUser(cluster.server, await cluster.server.login('admin', ADMIN_PASSWORD), 'sdk-mail');
    await enableMfa(cluster.server, admin, ['email']);
    try {
      const client = cluster.client({
        username: 'sdk-mail',
        password: STRONG_PASSWORD,
        otpType: 'email',
        otp: () => lastEmailCode(cluster.server, 'sdk-mail'),
      });
      expect((await client.platform.getCluster()).name).toBeTruthy();
    } finally {
      await cluster.server.send('PUT', '/v2/mfa-config', { headers: admin, body: { enabled: false } });
    }
  });

  it('impersonates a tenant on every request', async () => {
    const created = await cluster.server.send('POST', '/v2/tenants', {
      headers: admin,
      body: { name: 'SdkOrg', tenantIdSuffix: 'sdkorg' },
    });
    expect(created.status).toBe(201);
    await cluster.server.send('POST', '/v2/users', {
      headers: { ...admin, 'x-impersonate-tenant-id': 'sdkorg/' },
      body: [{ username: 'tina', roles: ['COHESITY_VIEWER'], localUserParams: { password: STRONG_PASSWORD } }],
    });
    const client = cluster.client({ impersonateTenantId: 'sdkorg/' });
    const users = await client.request<{ users: { username: string }[] }>('GET', '/v2/users');
    expect(users.users.map((u) => u.username)).toEqual(['tina@sdkorg']);
  });
});
