import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/console/request-log.js';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';

interface Entry {
  seq: number;
  method: string;
  path: string;
  route: string | null;
  status: number;
  principal: string | null;
  scheme: string;
  error: string | null;
  fault: string | null;
}

describe('GET /_stand-in/requests', () => {
  let t: TestServer;
  let admin: string;
  const log = async (after = 0) =>
    (await t.send<{ entries: Entry[] }>('GET', `/_stand-in/requests?after=${after}`, { headers: bearer(admin) })).body
      .entries;
  beforeAll(async () => {
    t = await startTestServer({ faults: true, loginRateLimit: 0 });
    admin = await t.login();
  });
  afterAll(() => t.close());

  it('records what each request got, without query strings, headers or its own polling', async () => {
    const before = (await log()).at(-1)?.seq ?? 0;
    await t.send('GET', '/v2/clusters?apiKey=secret-in-query-8f2a', { headers: bearer(admin) });
    await t.send('GET', '/v2/clusters', { headers: { apikey: 'wrong-key-value-1c9d' } });
    await log();
    const entries = await log(before);
    expect(entries.map(({ seq: _seq, ...rest }) => rest)).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v2/clusters',
        route: '/v2/clusters',
        status: 200,
        principal: 'LOCAL\\admin',
        scheme: 'bearer',
        error: null,
      }),
      expect.objectContaining({
        path: '/v2/clusters',
        status: 401,
        principal: null,
        scheme: 'api_key',
        error: 'API Key does not exist',
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/secret-in-query|wrong-key-value|eyJ/);
  });

  it('shows injected faults, a hang-up as status 0', async () => {
    const before = (await log()).at(-1)?.seq ?? 0;
    await t.send('POST', '/_stand-in/faults/requests', {
      headers: bearer(admin),
      body: { answer: 'hang-up', route: '/v2/clusters' },
    });
    await expect(t.send('GET', '/v2/clusters', { headers: bearer(admin) })).rejects.toThrow();
    const entries = await log(before);
    expect(entries).toEqual([expect.objectContaining({ path: '/v2/clusters', status: 0, fault: 'hang-up' })]);
  });

  it('is for auditors: a viewer is refused', async () => {
    await createUser(t, admin, 'viewer-log');
    const viewer = await t.login('viewer-log', STRONG_PASSWORD);
    expect((await t.send('GET', '/_stand-in/requests', { headers: bearer(viewer) })).status).toBe(403);
  });
});

describe('RequestLog', () => {
  it('keeps the last entries in a ring and answers those after a sequence number', () => {
    const ring = new RequestLog(3);
    const entry = (path: string) => ({
      timeMsecs: 0,
      method: 'GET',
      path,
      route: null,
      status: 200,
      principal: null,
      scheme: 'none' as const,
      latencyMsecs: 0,
      error: null,
      fault: null,
    });
    for (const path of ['/a', '/b', '/c', '/d', '/e']) ring.add(entry(path));
    expect(ring.since(0).map((e) => e.path)).toEqual(['/c', '/d', '/e']);
    expect(ring.since(4).map((e) => e.path)).toEqual(['/e']);
    expect(ring.since(5)).toEqual([]);
  });
});
