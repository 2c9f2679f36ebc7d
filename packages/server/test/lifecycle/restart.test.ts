import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_CONFIG } from '../../src/bootstrap.js';
import { startTestServer } from '../helpers/start-server.js';

describe('restart', () => {
  it('keeps users, the signing key and the cluster identity: a token from before still works after', async () => {
    const first = await startTestServer({ adminPassword: 'first-Password-1!' });
    const { dataDir } = first;
    let token: string;
    let cluster: unknown;
    let sid: unknown;
    try {
      token = await first.login();
      const auth = { authorization: `Bearer ${token}` };
      cluster = (await first.send('GET', '/v2/clusters', { headers: auth })).body;
      sid = (await first.send('GET', '/v2/clusters/local-domain-sid', { headers: auth })).body;
    } finally {
      await first.close({ removeData: false });
    }

    // A different --admin-password on restart must not reset the existing admin.
    const second = await startTestServer({ dataDir, adminPassword: 'ignored-on-restart' });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const clusters = await second.send('GET', '/v2/clusters', { headers: auth });
      expect(clusters.status).toBe(200);
      expect(clusters.body).toEqual(cluster);
      expect((await second.send('GET', '/v2/clusters/local-domain-sid', { headers: auth })).body).toEqual(sid);

      const newToken = await second.login('admin', 'first-Password-1!');
      expect(decodeProtectedHeader(newToken).kid).toBe(decodeProtectedHeader(token).kid);
      const refused = await second.send('POST', '/v2/access-tokens', {
        body: { username: 'admin', password: 'ignored-on-restart' },
      });
      expect(refused.status).toBe(400);
    } finally {
      await second.close({ removeData: true });
    }
  });

  it('keeps the security config: a shorter token lifetime set before still applies after', async () => {
    const first = await startTestServer();
    const { dataDir } = first;
    await first.server.store.putSetting('securityConfig', { ...DEFAULT_SECURITY_CONFIG, authTokenTimeoutMinutes: 5 });
    await first.close({ removeData: false });
    const second = await startTestServer({ dataDir });
    try {
      const lifetime = Number(decodeJwt(await second.login())['expiration-time']) - Math.floor(Date.now() / 1000);
      expect(lifetime).toBeGreaterThan(5 * 60 - 30);
      expect(lifetime).toBeLessThanOrEqual(5 * 60);
    } finally {
      await second.close({ removeData: true });
    }
  });

  it('creates the data dir owner-only (0700) and the database file 0600', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cohesity-perm-'));
    const t = await startTestServer({ dataDir: join(parent, 'nested', 'data') });
    try {
      expect((await stat(t.dataDir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(t.dataDir, 'cohesity.db'))).mode & 0o777).toBe(0o600);
      expect((await stat(join(t.dataDir, 'cohesity.db-wal'))).mode & 0o777).toBe(0o600);
      expect((await stat(join(t.dataDir, 'tls-key.pem'))).mode & 0o777).toBe(0o600);
    } finally {
      await t.close();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('tightens an existing data dir to 0700', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cohesity-open-'));
    await chmod(dataDir, 0o755);
    const t = await startTestServer({ dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    } finally {
      await t.close({ removeData: true });
    }
  });

  it('keeps the self-signed certificate across restarts', async () => {
    const first = await startTestServer();
    const { dataDir } = first;
    const fingerprint = first.server.fingerprint256;
    await first.close({ removeData: false });
    const second = await startTestServer({ dataDir });
    try {
      expect(second.server.fingerprint256).toBe(fingerprint);
      expect(second.server.selfSigned).toBe(true);
    } finally {
      await second.close({ removeData: true });
    }
  });
});
