import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printBanner } from '../../src/banner.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

describe('fault injection off (the default)', () => {
  it('has no /_stand-in/faults, and /healthz and the banner say faults are off', async () => {
    const t = await startTestServer();
    try {
      const token = await t.login();
      const faults = await t.send('GET', '/_stand-in/faults', { headers: bearer(token) });
      expect(faults.status).toBe(404);
      expect(faults.body).toMatchObject({ errorCode: 'KNotFound' });
      expect((await t.send('GET', '/healthz')).body).toMatchObject({ faults: 'off' });
    } finally {
      await t.close();
    }
  });

  it('the banner warns when faults are on', () => {
    const banner = (faults: boolean) => {
      const out = new PassThrough();
      const server = {
        url: 'https://127.0.0.1:8443',
        fingerprint256: undefined,
        selfSigned: false,
        admin: { exists: true, created: false, defaultPassword: false, ignored: false },
        storeDescription: { kind: 'sqlite', location: '/tmp/x/cohesity.db' } as const,
      };
      printBanner(server, { dataDir: '/tmp/x', faults }, out);
      return String(out.read());
    };
    expect(banner(true)).toContain(
      'FAULTS ON: administrators can inject faults at https://127.0.0.1:8443/_stand-in/faults',
    );
    expect(banner(false)).not.toContain('FAULTS');
    expect(banner(false)).toContain('  console:     https://127.0.0.1:8443/console/');
  });
});

describe('the faults API with --faults', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer({ faults: true, loginRateLimit: 0 });
    admin = await t.login();
  });
  afterAll(() => t.close());

  it('is for administrators only: 401 without credentials, 403 for a viewer', async () => {
    expect((await t.send('GET', '/_stand-in/faults')).status).toBe(401);
    await createUser(t, admin, 'viewer-f1');
    const viewer = await t.login('viewer-f1', STRONG_PASSWORD);
    const refused = await t.send('POST', '/_stand-in/faults/requests', {
      headers: bearer(viewer),
      body: { answer: 503 },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errorCode: 'KPrivilegeError' });
    expect((await t.send('GET', '/_stand-in/faults', { headers: bearer(admin) })).body).toMatchObject({
      requestFaults: [],
    });
  });

  it('audits every change, naming a credential only by a prefix of its hash', async () => {
    const secret = 'some-api-key-value-4e1a';
    const added = await t.send<{ id: string; scope: Record<string, string> }>('POST', '/_stand-in/faults/requests', {
      headers: bearer(admin),
      body: { answer: 500, credential: secret },
    });
    expect(added.status).toBe(201);
    expect(added.body.scope).toEqual({
      kind: 'credential',
      credentialSha256: expect.stringMatching(/^[0-9a-f]{12}…$/),
    });
    expect(
      (await t.send('DELETE', `/_stand-in/faults/requests/${added.body.id}`, { headers: bearer(admin) })).status,
    ).toBe(204);
    expect(
      (await t.send('DELETE', `/_stand-in/faults/requests/${added.body.id}`, { headers: bearer(admin) })).status,
    ).toBe(404);
    const audit = await t.server.store.listAudit({ limit: 10 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['fault.inject', 'fault.remove']));
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses what cannot work, with the contract Error', async () => {
    const cases = [
      { answer: 418 },
      { answer: 'delay' },
      { answer: 503, user: 'nobody-here' },
      { answer: 503, user: 'admin', route: '/v2/clusters' },
      { answer: 503, method: 'GET' },
      { answer: 503, share: 1.5 },
    ];
    for (const body of cases) {
      const response = await t.send('POST', '/_stand-in/faults/requests', { headers: bearer(admin), body });
      expect([400, 404], JSON.stringify(body)).toContain(response.status);
      expect(response.body).toEqual({ errorCode: expect.stringMatching(/^K/), message: expect.any(String) });
    }
    const routeExpiry = await t.send('POST', '/_stand-in/faults/expire', {
      headers: bearer(admin),
      body: { route: '/v2/clusters' },
    });
    expect(routeExpiry.status).toBe(400);
    expect((await t.send('GET', '/_stand-in/faults', { headers: bearer(admin) })).body).toMatchObject({
      requestFaults: [],
      expiries: [],
    });
  });

  it('never touches its own routes, health or metrics, even with every request failing', async () => {
    await t.send('POST', '/_stand-in/faults/requests', { headers: bearer(admin), body: { answer: 503, share: 1 } });
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(admin) })).status).toBe(503);
    expect((await t.send('GET', '/healthz')).status).toBe(200);
    expect((await t.send('GET', '/metrics')).status).toBe(200);
    expect((await t.send('DELETE', '/_stand-in/faults', { headers: bearer(admin) })).status).toBe(204);
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(admin) })).status).toBe(200);
  });
});
